// DuckDB-WASM cannot run during prerendering: pages are prerendered as empty shells and
// everything happens in the browser.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'always';

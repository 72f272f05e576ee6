import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { dataOrigins } from './scripts/data-origins.mjs';

/**
 * The build is a folder of static files. adapter-static has no server headers, so the
 * Content-Security-Policy travels as a <meta> tag that SvelteKit writes into every page.
 * It allows nothing but the app's own origin: no CDN, no fonts, no telemetry.
 * 'wasm-unsafe-eval' is what the browser needs to compile DuckDB's WebAssembly.
 * Servers named in TM_DATA_ORIGINS at build time (docs/REMOTE.md) are added to connect-src
 * only: the page may fetch Parquet from them, nothing else.
 */
/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self', 'blob:', 'data:', ...dataOrigins()],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;

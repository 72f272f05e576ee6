// A small static server for the built app (build/). Used by `npm start`, the e2e tests and
// the benchmark. It only serves files; it never receives data (any request with a body is
// refused), and it sends the same Content-Security-Policy that the pages carry as <meta>
// (with the data servers of TM_DATA_ORIGINS in connect-src, as the build has them).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { dataOrigins } from './data-origins.mjs';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.csv': 'text/csv; charset=utf-8',
	'.parquet': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8'
};

export const CSP =
	"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
	`connect-src 'self' blob: data:${dataOrigins().map((o) => ' ' + o).join('')}; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; ` +
	"font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** An HTML page gets the policy it carries itself (with the hashes SvelteKit computed). */
function pagePolicy(file) {
	if (!file.endsWith('.html')) return CSP;
	const m = /http-equiv="content-security-policy" content="([^"]+)"/.exec(fs.readFileSync(file, 'utf8'));
	return m ? `${m[1]}; frame-ancestors 'none'` : CSP;
}

export function createServer(root) {
	const base = path.resolve(root);
	return http.createServer((req, res) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405).end();
			return;
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		let file = path.join(base, decodeURIComponent(url.pathname));
		if (!file.startsWith(base)) {
			res.writeHead(403).end();
			return;
		}
		if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!fs.existsSync(file)) {
			const html = path.join(file.replace(/\/$/, '') + '.html');
			file = fs.existsSync(html) ? html : path.join(base, '200.html');
		}
		const headers = {
			'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'Content-Security-Policy': pagePolicy(file),
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'no-referrer',
			// Content-hashed files never change under their name: the browser keeps them, and
			// keeps the compiled DuckDB WebAssembly with them, so a second visit starts sooner.
			'Cache-Control': url.pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		};
		res.writeHead(200, headers);
		if (req.method === 'HEAD') return res.end();
		fs.createReadStream(file).pipe(res);
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const port = Number(process.env.PORT ?? 4173);
	createServer(process.argv[2] ?? 'build').listen(port, '127.0.0.1', () => {
		console.log(`Teilhabe-Monitor: http://localhost:${port}/`);
	});
}

// A small data server for Hive-partitioned Parquet, standing in for an internal static server
// or MinIO on loopback: files with HTTP range requests (206), CORS for the dashboard's origin,
// and the one S3 call the dashboard makes (ListObjectsV2: GET /bucket?list-type=2&prefix=).
// It only answers GET and HEAD (and the CORS preflight); it never accepts data.
// Used by the tests (which read its request log) and for trying the remote path by hand:
//
//   node --import tsx scripts/serve-data.ts DIR [--port 9000] [--allow-origin http://localhost:4173] [--manifest]
//
// DIR holds bucket folders (`DIR/daten/cases/jobcenter_id=JC01/…`); `--manifest` first writes
// a manifest.json with sizes into every bucket folder for servers that cannot list.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface Served {
	method: string;
	path: string;
	range: string | null;
	status: number;
	/** Body bytes sent. */
	bytes: number;
}

export interface DataServerOptions {
	/** Origins whose pages may read the data (CORS); others get no Access-Control-Allow-Origin. */
	allowOrigins: string[];
	/** Keys per ListObjectsV2 page (S3 allows up to 1000). */
	pageSize?: number;
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted like S3 keys. */
export function filesUnder(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string, rel: string) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
			else out.push(rel + e.name);
		}
	};
	walk(dir, '');
	return out.sort();
}

/** `manifest.json` for a static server that cannot list: every data file with its size. */
export function writeManifest(dir: string): void {
	const files = filesUnder(dir)
		.filter((f) => f !== 'manifest.json')
		.map((f) => ({ path: f, size: fs.statSync(path.join(dir, f)).size }));
	fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files }, null, 1) + '\n');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function listObjects(root: string, bucket: string, q: URLSearchParams, pageSize: number): string {
	const dir = path.join(root, bucket);
	const prefix = q.get('prefix') ?? '';
	const after = q.get('continuation-token') ?? '';
	const keys = fs.existsSync(dir) ? filesUnder(dir).filter((k) => k.startsWith(prefix) && k > after) : [];
	const page = keys.slice(0, pageSize);
	const truncated = keys.length > page.length;
	const contents = page.map((k) => `<Contents><Key>${xml(k)}</Key><Size>${fs.statSync(path.join(dir, k)).size}</Size></Contents>`);
	return (
		`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
		`<IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${xml(page[page.length - 1])}</NextContinuationToken>` : ''}` +
		contents.join('') +
		`</ListBucketResult>`
	);
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range, as hyparquet asks) → [start, end] inclusive, or null. */
function parseRange(header: string, size: number): [number, number] | null {
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return null;
	if (m[1] === '') return [Math.max(0, size - Number(m[2])), size - 1];
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	return start <= end && start < size ? [start, end] : null;
}

export function createDataServer(root: string, opts: DataServerOptions): { server: http.Server; log: Served[] } {
	const base = path.resolve(root);
	const log: Served[] = [];
	const pageSize = opts.pageSize ?? 1000;
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const origin = req.headers.origin;
		const headers: Record<string, string> = { 'Cache-Control': 'no-store', Vary: 'Origin' };
		if (origin && opts.allowOrigins.includes(origin)) {
			headers['Access-Control-Allow-Origin'] = origin;
			headers['Access-Control-Allow-Methods'] = 'GET, HEAD';
			headers['Access-Control-Allow-Headers'] = 'Range';
			headers['Access-Control-Expose-Headers'] = 'Content-Length, Content-Range, Accept-Ranges';
		}
		const done = (status: number, body: Buffer | string | null, extra: Record<string, string> = {}) => {
			const buf = body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(body);
			const head = req.method === 'HEAD';
			res.writeHead(status, { ...headers, ...extra, ...(buf && !extra['Content-Length'] ? { 'Content-Length': String(buf.length) } : {}) });
			res.end(head || !buf ? undefined : buf);
			log.push({ method: req.method ?? '', path: url.pathname + url.search, range: req.headers.range ?? null, status, bytes: head || !buf ? 0 : buf.length });
		};
		if (req.method === 'OPTIONS') return done(204, null);
		if (req.method !== 'GET' && req.method !== 'HEAD') return done(405, null);
		const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		if (segs.some((s) => s === '..' || s.includes('/'))) return done(403, null);
		if (segs.length === 1 && url.searchParams.get('list-type') === '2')
			return done(200, listObjects(base, segs[0], url.searchParams, pageSize), { 'Content-Type': 'application/xml' });
		const file = path.join(base, ...segs);
		if (!segs.length || !fs.existsSync(file) || !fs.statSync(file).isFile()) return done(404, null);
		const size = fs.statSync(file).size;
		const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
		const common = { 'Content-Type': type, 'Accept-Ranges': 'bytes' };
		if (req.method === 'HEAD') return done(200, null, { ...common, 'Content-Length': String(size) });
		if (!req.headers.range) return done(200, fs.readFileSync(file), common);
		const r = parseRange(req.headers.range, size);
		if (!r) return done(416, null, { 'Content-Range': `bytes */${size}` });
		const fd = fs.openSync(file, 'r');
		const body = Buffer.alloc(r[1] - r[0] + 1);
		fs.readSync(fd, body, 0, body.length, r[0]);
		fs.closeSync(fd);
		return done(206, body, { ...common, 'Content-Range': `bytes ${r[0]}-${r[1]}/${size}` });
	});
	return { server, log };
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
	const args = process.argv.slice(2);
	const opt = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '.';
	if (args.includes('--manifest'))
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) writeManifest(path.join(dir, e.name));
	const port = Number(opt('--port') ?? 9000);
	const allowOrigins = (opt('--allow-origin') ?? 'http://localhost:4173').split(',');
	createDataServer(dir, { allowOrigins }).server.listen(port, '127.0.0.1', () => {
		console.log(`Data server: http://127.0.0.1:${port}/<bucket>/ for ${allowOrigins.join(', ')}`);
	});
}

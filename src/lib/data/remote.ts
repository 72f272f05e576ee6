/**
 * Hive-partitioned Parquet on a data server (an internal static server or S3/MinIO):
 * list the files, keep only the partitions asked for, and hand each file to the loader as
 * a range-readable source, so that only the footers and the contract columns of the chosen
 * partitions travel. Every request is a GET or HEAD toward the browser; nothing is sent.
 * Plain TypeScript with `fetch`: runs in the browser and in Node alike.
 */
import { asyncBufferFromUrl } from 'hyparquet';
import type { SourceFile } from './loader';

/** One file of the layout, e.g. `cases/jobcenter_id=JC01/year=2024/part-0.parquet`. */
export interface RemotePart {
	/** Relative to the base URL; also the file's name in the load report. */
	path: string;
	url: string;
	/** Bytes, when the listing says so (saves a HEAD request). */
	size?: number;
	/** The folder (or `table=` key) that names the contract table, if any. */
	table: string | null;
	partition: Record<string, string>;
	format: 'parquet' | 'csv';
}

export interface RemoteListing {
	base: string;
	parts: RemotePart[];
	/** Every partition key with its values, sorted, for choosing what to load. */
	keys: Record<string, string[]>;
}

/** Values per key (any of them), or an inclusive range (`year` 2023 to 2024). */
export type Selection = Record<string, string[] | { from?: string; to?: string }>;

/** An error whose sentence lives in the i18n catalog (`remote.error.<key>`). */
export class RemoteError extends Error {
	constructor(
		public readonly key: 'unreachable' | 'noListing' | 'empty' | 'badManifest',
		public readonly params: Record<string, string | number> = {}
	) {
		super(`${key} ${JSON.stringify(params)}`);
	}
}

type Fetch = typeof globalThis.fetch;

/** Hive escapes special characters as %XX in folder names; a stray % stays as it is. */
function unescapeHive(v: string): string {
	try {
		return decodeURIComponent(v);
	} catch {
		return v;
	}
}

export function partitionOf(path: string): { table: string | null; partition: Record<string, string> } {
	const partition: Record<string, string> = {};
	let table: string | null = null;
	const dirs = path.split('/').slice(0, -1);
	for (const seg of dirs) {
		const eq = seg.indexOf('=');
		if (eq > 0) {
			const key = unescapeHive(seg.slice(0, eq));
			const value = unescapeHive(seg.slice(eq + 1));
			if (key === 'table') table = value;
			else partition[key] = value;
		} else if (table === null && seg) table = seg;
	}
	return { table, partition };
}

function formatOf(path: string): 'parquet' | 'csv' | null {
	if (/\.parquet$/i.test(path)) return 'parquet';
	if (/\.(csv|tsv|txt)$/i.test(path)) return 'csv';
	return null;
}

function part(base: string, path: string, size?: number): RemotePart | null {
	const format = formatOf(path);
	if (!format) return null;
	// Each segment is one name: `%` in a Hive folder name must reach the server as `%25`.
	const url = base + path.split('/').map(encodeURIComponent).join('/');
	return { path, url, size, format, ...partitionOf(path) };
}

/**
 * `manifest.json`: `{"files": ["cases/jobcenter_id=JC01/part-0.parquet", …]}`, entries as
 * strings or `{"path", "size"}` (the demo folder's manifest is of this form).
 */
export function parseManifest(json: unknown): { path: string; size?: number }[] {
	const files = (json as { files?: unknown } | null)?.files;
	if (!Array.isArray(files)) throw new RemoteError('badManifest');
	return files.map((f) => {
		if (typeof f === 'string') return { path: f };
		const o = f as { path?: unknown; size?: unknown };
		if (typeof o?.path !== 'string') throw new RemoteError('badManifest');
		return { path: o.path, size: typeof o.size === 'number' ? o.size : undefined };
	});
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
		if (e[0] !== '#') return ENTITIES[e] ?? m;
		return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
	});
}

/** The text of every `<tag>…</tag>` inside `xml`, in order (S3 listings have no attributes or nesting there). */
function elements(xml: string, tag: string): string[] {
	const out: string[] = [];
	const open = `<${tag}>`;
	const close = `</${tag}>`;
	for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i)) {
		const end = xml.indexOf(close, i);
		if (end < 0) break;
		out.push(xml.slice(i + open.length, end));
		i = end + close.length;
	}
	return out;
}

/** One page of an S3 ListObjectsV2 answer: the object keys with sizes and the token for the next page. */
export function parseS3List(xml: string): { entries: { key: string; size?: number }[]; next: string | null } {
	const entries = elements(xml, 'Contents').map((c) => {
		const size = Number(elements(c, 'Size')[0]);
		return { key: xmlText(elements(c, 'Key')[0] ?? ''), size: Number.isFinite(size) ? size : undefined };
	});
	const truncated = elements(xml, 'IsTruncated')[0]?.trim() === 'true';
	const next = truncated ? xmlText(elements(xml, 'NextContinuationToken')[0] ?? '') || null : null;
	return { entries, next };
}

async function get(url: string, fetchFn: Fetch): Promise<Response> {
	try {
		return await fetchFn(url, { method: 'GET', credentials: 'omit' });
	} catch (e) {
		// CSP, CORS and a server that is down all look alike from here.
		throw new RemoteError('unreachable', { url, detail: e instanceof Error ? e.message : String(e) });
	}
}

/**
 * Lists a layout. `url` is a manifest (`….json`), or a folder: its `manifest.json` when the
 * server has one (a static server cannot list folders), else an S3 listing of that prefix
 * (path style, as MinIO serves it: `http://host:9000/bucket/prefix/`).
 */
export async function listRemote(url: string, fetchFn: Fetch = globalThis.fetch.bind(globalThis)): Promise<RemoteListing> {
	const u = new URL(url.trim());
	u.hash = '';
	u.search = '';
	let base: string;
	let found: { path: string; size?: number }[];
	if (/\.json$/i.test(u.pathname)) {
		base = new URL('.', u).href;
		const res = await get(u.href, fetchFn);
		if (!res.ok) throw new RemoteError('noListing', { url: u.href, status: res.status });
		found = parseManifest(await res.json().catch(() => null));
	} else {
		if (!u.pathname.endsWith('/')) u.pathname += '/';
		base = u.href;
		const res = await get(base + 'manifest.json', fetchFn);
		found = res.ok ? parseManifest(await res.json().catch(() => null)) : await listS3(u, fetchFn);
	}
	const parts = found.map((f) => part(base, f.path, f.size)).filter((p): p is RemotePart => p !== null);
	if (!parts.length) throw new RemoteError('empty', { url: base });
	const values: Record<string, Set<string>> = {};
	for (const p of parts) for (const [k, v] of Object.entries(p.partition)) (values[k] ??= new Set()).add(v);
	const keys = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [...v].sort(compareValues)]));
	return { base, parts, keys };
}

async function listS3(folder: URL, fetchFn: Fetch): Promise<{ path: string; size?: number }[]> {
	const [, bucket, ...rest] = folder.pathname.split('/');
	const prefix = rest.map(unescapeHive).join('/');
	const out: { path: string; size?: number }[] = [];
	let token: string | null = null;
	do {
		const q = new URLSearchParams({ 'list-type': '2', prefix });
		if (token) q.set('continuation-token', token);
		const listUrl = `${folder.origin}/${bucket}?${q}`;
		const res = await get(listUrl, fetchFn);
		if (!res.ok || !bucket) throw new RemoteError('noListing', { url: folder.href, status: res.status });
		const page = parseS3List(await res.text());
		for (const e of page.entries) if (e.key.startsWith(prefix) && !e.key.endsWith('/')) out.push({ path: e.key.slice(prefix.length), size: e.size });
		token = page.next;
	} while (token);
	return out;
}

/** Numbers as numbers (`year` 9 < 10), everything else as text (ISO dates sort right as text). */
function compareValues(a: string, b: string): number {
	const x = Number(a);
	const y = Number(b);
	if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The files the selection needs. A file without one of the selected keys (the jobcenter
 * master data, a table not partitioned that way) cannot be pruned by it and is kept.
 */
export function prune(parts: RemotePart[], selection: Selection): RemotePart[] {
	return parts.filter((p) =>
		Object.entries(selection).every(([key, want]) => {
			if (!Object.hasOwn(p.partition, key)) return true;
			const v = p.partition[key];
			if (Array.isArray(want)) return want.includes(v);
			return (want.from === undefined || compareValues(v, want.from) >= 0) && (want.to === undefined || compareValues(v, want.to) <= 0);
		})
	);
}

/**
 * Sources for the loader. Parquet is read by range requests (footer now, column chunks when
 * staged); CSV has no index to seek in, so a CSV file comes whole with one GET.
 */
export async function openRemote(parts: RemotePart[], fetchFn: Fetch = globalThis.fetch.bind(globalThis)): Promise<SourceFile[]> {
	return Promise.all(
		parts.map(async (p): Promise<SourceFile> => {
			if (p.format === 'csv') {
				const res = await get(p.url, fetchFn);
				if (!res.ok) throw new RemoteError('unreachable', { url: p.url, detail: String(res.status) });
				return { name: p.path, bytes: new Uint8Array(await res.arrayBuffer()) };
			}
			const requestInit: RequestInit = { credentials: 'omit' };
			const buffer = await asyncBufferFromUrl({ url: p.url, byteLength: p.size, requestInit, fetch: fetchFn }).catch((e: unknown) => {
				throw new RemoteError('unreachable', { url: p.url, detail: e instanceof Error ? e.message : String(e) });
			});
			return { name: p.path, remote: { buffer, partition: p.partition } };
		})
	);
}

/**
 * Reading files as they come: detect the format (CSV or Parquet), the encoding and the
 * delimiter, list the columns, and stage only the columns the contract uses as VARCHAR in
 * DuckDB. Nothing here knows about tables or validation.
 */
import { parquetMetadata, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Table, Vector } from 'apache-arrow';
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import { boolVector, dateDayVector, int32Vector, nullableInt32Vector, tableOf, utf8Vector } from './arrow';
import type { Engine } from './engine';
import { decodePlain, prefetchPlain, type DecodedPart, type PlainPart } from './parquet-arrow';
import type { TextFacts } from './text-facts';
import { ident, literal } from './sql';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Inspected {
	name: string;
	format: 'csv' | 'parquet';
	headers: string[];
	/** CSV only. */
	encoding?: Encoding;
	delimiter?: string;
	/** Parquet only: rows known from the footer. */
	rows?: number;
	/** Internal handle: the registered CSV file or the Parquet bytes. */
	handle: string;
	bytes?: Uint8Array;
	/** A Parquet file read by ranges (on a server, or dropped: see inspectBlob). */
	remote?: RemoteParquet;
	/** A dropped Parquet file itself, for the fast decoder (parquet-arrow.ts). */
	blob?: Blob;
	/** A Parquet file's footer, read once when the file is inspected (every part reuses it). */
	metadata?: FileMetaData;
}

/**
 * A Parquet file on a data server (remote.ts). `partition` holds the Hive keys of its path
 * (`jobcenter_id=JC01`): each is a column whose value is the same for every row of the file.
 */
export interface RemoteParquet {
	buffer: AsyncBuffer;
	partition: Record<string, string>;
}

/**
 * How much of a remote file's end is fetched first, hoping the footer fits. A contract file's
 * footer is a few KiB per row group; a larger one costs one more request. Kept small so that a
 * small partition file is not fetched whole just to read its footer.
 */
const FOOTER_GUESS = 1 << 14;

/** A file that cannot be read at all; `message` is the one sentence the user sees. */
export class UnreadableFile extends Error {
	constructor(
		public readonly key: string,
		message: string
	) {
		super(message);
	}
}

export interface MalformedLine {
	line: number;
	raw: string;
	message: string;
}

export interface Staged {
	rows: number;
	malformed: MalformedLine[];
	/** Facts of the staged text columns, by staged name, where the fast Parquet path found them. */
	facts?: Record<string, TextFacts>;
}

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniffFormat(name: string, bytes: Uint8Array): 'csv' | 'parquet' {
	return sniffEnds(name, bytes.length, bytes.subarray(0, SNIFF_BYTES), bytes.subarray(Math.max(0, bytes.length - 4)));
}

/** How much of a file's start tells text from binary. */
const SNIFF_BYTES = 4096;

/** The format from a file's size, its first SNIFF_BYTES bytes and its last 4 bytes. */
function sniffEnds(name: string, size: number, start: Uint8Array, end: Uint8Array): 'csv' | 'parquet' {
	if (size === 0) throw new UnreadableFile('empty', 'Die Datei ist leer.');
	const head = size >= 4 ? ascii(start, 0, 4) : '';
	const tail = size >= 4 ? ascii(end, end.length - 4, end.length) : '';
	if (head === 'PAR1' || head === 'PARE') {
		if (tail === 'PARE' || head === 'PARE')
			throw new UnreadableFile(
				'encrypted',
				'Die Parquet-Datei ist verschlüsselt und kann ohne Schlüssel nicht gelesen werden.'
			);
		if (tail !== 'PAR1' || size < 12)
			throw new UnreadableFile('truncated', 'Die Parquet-Datei ist unvollständig (abgeschnitten) und kann nicht gelesen werden.');
		return 'parquet';
	}
	if (/\.parquet$/i.test(name))
		throw new UnreadableFile('not_parquet', 'Die Datei heißt .parquet, ist aber keine Parquet-Datei.');
	// Text files have no NUL bytes, except UTF-16, which starts with a byte order mark.
	const bom16 = start[0] === 0xff && start[1] === 0xfe ? true : start[0] === 0xfe && start[1] === 0xff;
	if (!bom16 && start.subarray(0, SNIFF_BYTES).includes(0))
		throw new UnreadableFile('binary', 'Die Datei ist weder CSV noch Parquet (sie enthält Binärdaten).');
	return 'csv';
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, else Windows-1252 (a superset of Latin-1 for text). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding; utf8: Uint8Array } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		const body = bytes.subarray(3);
		return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8-bom', utf8: body };
	}
	for (const [b0, b1, enc] of [
		[0xff, 0xfe, 'utf-16le'],
		[0xfe, 0xff, 'utf-16be']
	] as const) {
		if (bytes[0] === b0 && bytes[1] === b1) {
			const text = new TextDecoder(enc).decode(bytes.subarray(2));
			return { text, encoding: enc, utf8: new TextEncoder().encode(text) };
		}
	}
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { text, encoding: 'utf-8', utf8: bytes };
	} catch {
		const text = new TextDecoder('windows-1252').decode(bytes);
		return { text, encoding: 'windows-1252', utf8: new TextEncoder().encode(text) };
	}
}

/** The delimiter that occurs most often outside quotes in the header line. */
export function detectDelimiter(text: string): string {
	const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0, '|': 0 };
	let inQuotes = false;
	for (let i = 0; i < text.length && i < 65536; i++) {
		const c = text[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (c === '\n' || c === '\r')) break;
		else if (!inQuotes && c in counts) counts[c]++;
	}
	// '|' is also the separator inside referral_reasons, so it only wins when nothing else occurs.
	const best = [';', '\t', ','].sort((a, b) => counts[b] - counts[a])[0];
	if (counts[best] > 0) return best;
	return counts['|'] > 0 ? '|' : ',';
}

let fileCounter = 0;

function csvScan(handle: string, delimiter: string, rejectsTable?: string): string {
	const opts = [
		`delim = ${literal(delimiter)}`,
		`quote = '"'`,
		`escape = '"'`,
		'header = true',
		'all_varchar = true',
		'auto_detect = true',
		'null_padding = false',
		'max_line_size = 10000000'
	];
	// A line that cannot be split must not make the whole file unreadable: `stage` sets such
	// lines aside as malformed, and the sniffer in `inspect` has to skip them the same way.
	if (rejectsTable) opts.push('store_rejects = true', `rejects_table = ${literal(rejectsTable)}`, `rejects_scan = ${literal(rejectsTable + '_scan')}`);
	else opts.push('ignore_errors = true');
	return `read_csv(${literal(handle)}, ${opts.join(', ')})`;
}

export async function inspect(engine: Engine, name: string, bytes: Uint8Array): Promise<Inspected> {
	const format = sniffFormat(name, bytes);
	if (format === 'parquet') return inspectParquet(name, bytes);
	const { text, encoding, utf8 } = decodeCsv(bytes);
	if (text.trim() === '') throw new UnreadableFile('empty', 'Die Datei ist leer.');
	const delimiter = detectDelimiter(text);
	const handle = `tm_upload_${++fileCounter}.csv`;
	await engine.registerFile(handle, utf8);
	let headers: string[];
	try {
		const cols = await engine.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csvScan(handle, delimiter)}`);
		headers = cols.map((c) => c.column_name);
	} catch (e) {
		await engine.dropFile(handle);
		throw new UnreadableFile('csv_unreadable', sentence('Die CSV-Datei kann nicht gelesen werden', e));
	}
	return { name, format, headers, encoding, delimiter, handle };
}

/** The bytes as an ArrayBuffer for hyparquet (which only reads it): no copy when the view covers its buffer. */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer {
	if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * A remote Parquet file: only its footer travels now. Partition keys that the file does not
 * hold itself become columns, so the mapping sees `jobcenter_id` like in a single file.
 */
export async function inspectRemote(name: string, remote: RemoteParquet): Promise<Inspected> {
	let metadata: FileMetaData;
	try {
		metadata = await parquetMetadataAsync(remote.buffer, { initialFetchSize: FOOTER_GUESS });
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei auf dem Server kann nicht gelesen werden', e));
	}
	const own = parquetSchema(metadata).children.map((c) => c.element.name);
	const headers = [...own, ...Object.keys(remote.partition).filter((k) => !own.includes(k))];
	return { name, format: 'parquet', headers, rows: Number(metadata.num_rows), handle: name, remote, metadata };
}

/**
 * A file the user dropped, as the browser hands it over (a Blob on disk). A Parquet file is
 * read by ranges like a server's (footer now, the contract columns of each part when
 * staged), so the page never holds the whole file; a CSV file is read whole (DuckDB parses it).
 */
export async function inspectBlob(engine: Engine, name: string, blob: Blob): Promise<Inspected> {
	const start = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
	const end = new Uint8Array(await blob.slice(Math.max(0, blob.size - 4)).arrayBuffer());
	if (sniffEnds(name, blob.size, start, end) === 'csv') return inspect(engine, name, new Uint8Array(await blob.arrayBuffer()));
	const buffer: AsyncBuffer = { byteLength: blob.size, slice: (from, to) => blob.slice(from, to).arrayBuffer() };
	try {
		const metadata = await parquetMetadataAsync(buffer, { initialFetchSize: FOOTER_GUESS });
		const headers = parquetSchema(metadata).children.map((c) => c.element.name);
		return { name, format: 'parquet', headers, rows: Number(metadata.num_rows), handle: name, remote: { buffer, partition: {} }, blob, metadata };
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei kann nicht gelesen werden', e));
	}
}

/** The number of rows of each row group of a Parquet file, in file order. */
export function rowGroupSizes(file: Inspected): number[] {
	return file.metadata!.row_groups.map((g) => Number(g.num_rows));
}

function inspectParquet(name: string, bytes: Uint8Array): Inspected {
	const buf = wholeBuffer(bytes);
	try {
		const meta = parquetMetadata(buf);
		const schema = parquetSchema(meta);
		const headers = schema.children.map((c) => c.element.name);
		return { name, format: 'parquet', headers, rows: Number(meta.num_rows), handle: name, bytes, metadata: meta };
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei kann nicht gelesen werden', e));
	}
}

/**
 * Stages the selected source columns as columns `as` of table `target` (VARCHAR; plain Parquet
 * DATE, INT32 and BOOLEAN columns typed, see `parquetKind`), with the
 * record number `_rec` (1-based, in file order). Lines the CSV reader cannot split are
 * returned as malformed, with their line number.
 */
/** Rows `start` (inclusive) to `end` (exclusive) of a file, counted from 0. */
export interface RowRange {
	start: number;
	end: number;
}

export async function stage(
	engine: Engine,
	file: Inspected,
	select: { source: string; as: string }[],
	target: string,
	rows?: RowRange
): Promise<Staged> {
	if (file.format === 'parquet') return stageParquet(engine, file, select, target, rows);
	const rejects = `${target}_rejects`;
	const cols = select.map((s) => `${ident(s.source)}::VARCHAR AS ${ident(s.as)}`);
	const projection = cols.length ? ', ' + cols.join(', ') : '';
	// DuckDB appends to existing rejects tables; a file loaded earlier under the same stage
	// name must not lend this file its malformed lines.
	await engine.exec(`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(rejects + '_scan')};`);
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE ${ident(target)} AS SELECT CAST(row_number() OVER () AS INTEGER) AS _rec${projection} FROM ${csvScan(file.handle, file.delimiter!, rejects)}`
	);
	const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(target)}`);
	let malformed: MalformedLine[] = [];
	try {
		// DuckDB lists one error per surplus column; the ledger counts lines.
		malformed = await engine.query<MalformedLine>(
			`SELECT CAST(line AS INTEGER) AS line, min(csv_line) AS raw, string_agg(DISTINCT error_type, ', ') AS message FROM ${ident(rejects)} GROUP BY line ORDER BY line`
		);
	} catch {
		malformed = [];
	}
	return { rows: n + malformed.length, malformed };
}

type ParquetKind = 'date' | 'int' | 'bool' | 'text';

/**
 * How a Parquet column is staged: plain (non-repeated) DATE, INT32 and BOOLEAN columns travel
 * to DuckDB typed (no string per value) and are cast to VARCHAR there, which writes exactly
 * the text the JavaScript path wrote (`YYYY-MM-DD`, `String(n)`, `true`/`false`); everything
 * else is converted to text in JavaScript as before.
 */
function parquetKind(el: SchemaElement | undefined, leaf: boolean): ParquetKind {
	if (!el || !leaf || el.repetition_type === 'REPEATED') return 'text';
	const logical = el.logical_type?.type;
	if (el.type === 'INT32' && (el.converted_type === 'DATE' || logical === 'DATE')) return 'date';
	if (el.type === 'INT32' && !logical && (!el.converted_type || ['INT_8', 'INT_16', 'INT_32'].includes(el.converted_type)))
		return 'int';
	if (el.type === 'BOOLEAN' && !logical && !el.converted_type) return 'bool';
	return 'text';
}

async function stageParquet(
	engine: Engine,
	file: Inspected,
	select: { source: string; as: string }[],
	target: string,
	rows: RowRange = { start: 0, end: file.rows ?? 0 }
): Promise<Staged> {
	const remote = file.remote;
	const first = rows.start;
	const n = Math.max(0, rows.end - first);
	const part = plainPart(file, select, rows);
	const plain = part && (await decodePlain(part));
	if (plain) return stageArrow(engine, plain, select, target, first);
	const buf = remote ? remote.buffer : wholeBuffer(file.bytes!);
	let kinds: Record<string, ParquetKind> = {};
	// Top-level columns with a DATE leaf inside a list: days arrive as numbers there.
	const dateLists = new Set<string>();
	try {
		const schema = parquetSchema(file.metadata!);
		type Node = { element: SchemaElement; children: Node[] };
		const hasDate = (node: Node): boolean =>
			(node.element.type === 'INT32' && (node.element.converted_type === 'DATE' || node.element.logical_type?.type === 'DATE')) ||
			node.children.some(hasDate);
		for (const child of schema.children as Node[]) {
			kinds[child.element.name] = parquetKind(child.element, child.children.length === 0);
			if (kinds[child.element.name] === 'text' && hasDate(child)) dateLists.add(child.element.name);
		}
	} catch {
		kinds = {};
	}
	const kindOf = (source: string): ParquetKind => kinds[source] ?? 'text';
	// Partition keys of the path that the file lacks are filled in, not fetched.
	const partition = remote?.partition ?? {};
	const fromPath = new Set(select.map((s) => s.source).filter((c) => Object.hasOwn(partition, c) && !Object.hasOwn(kinds, c)));
	const text: Record<string, (string | null)[]> = {};
	const ints: Record<string, Int32Array> = {};
	const bools: Record<string, Uint8Array> = {};
	const valid: Record<string, Uint8Array> = {};
	for (const s of select) {
		const kind = kindOf(s.source);
		if (kind === 'text') text[s.source] = new Array(n).fill(fromPath.has(s.source) ? partition[s.source] : null);
		else {
			valid[s.source] = new Uint8Array(n);
			if (kind === 'bool') bools[s.source] = new Uint8Array(n);
			else ints[s.source] = new Int32Array(n);
		}
	}
	try {
		await parquetRead({
			file: buf,
			metadata: file.metadata,
			columns: select.map((s) => s.source).filter((c) => !fromPath.has(c)),
			rowStart: first,
			rowEnd: first + n,
			compressors,
			parsers: {
				// Days as they are: DATE columns are staged as Arrow dates (text columns that
				// still hold days, inside lists, are written as ISO dates in onChunk).
				dateFromDays: (days: number) => days,
				timestampFromMilliseconds: (ms: bigint) => isoFromMs(Number(ms)),
				timestampFromMicroseconds: (us: bigint) => isoFromMs(Number(us / 1000n)),
				timestampFromNanoseconds: (ns: bigint) => isoFromMs(Number(ns / 1000000n))
			},
			onChunk: (chunk) => {
				const name = chunk.columnName;
				const data = chunk.columnData;
				// Chunks are whole pages: keep the rows of this range, at their place in it.
				const start = chunk.rowStart - first;
				const lo = Math.max(0, -start);
				const hi = Math.min(data.length, n - start);
				const out = text[name];
				if (out) {
					const days = dateLists.has(name);
					for (let i = lo; i < hi; i++) out[start + i] = asText(data[i], days);
					return;
				}
				const ok = valid[name];
				if (!ok) return;
				const b = bools[name];
				if (b) {
					for (let i = lo; i < hi; i++) {
						const v = data[i];
						if (v !== null && v !== undefined) {
							ok[start + i] = 1;
							b[start + i] = v ? 1 : 0;
						}
					}
					return;
				}
				const t = ints[name];
				const date = kindOf(name) === 'date';
				for (let i = lo; i < hi; i++) {
					const v = data[i];
					if (v !== null && v !== undefined) {
						// Beyond what a JavaScript Date can hold the file was unreadable before, too.
						if (date && Math.abs(Number(v)) > MAX_DAYS) throw new RangeError('Invalid time value');
						ok[start + i] = 1;
						t[start + i] = Number(v);
					}
				}
			}
		});
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei kann nicht gelesen werden', e));
	}
	const rec = Int32Array.from({ length: n }, (_, i) => first + i + 1);
	const vectors: Record<string, Vector> = { _rec: int32Vector(rec) };
	for (const s of select) {
		const kind = kindOf(s.source);
		if (kind === 'text') vectors[s.as] = utf8Vector(text[s.source]);
		else if (kind === 'date') vectors[s.as] = dateDayVector(ints[s.source], valid[s.source]);
		else if (kind === 'int') vectors[s.as] = nullableInt32Vector(ints[s.source], valid[s.source]);
		else vectors[s.as] = boolVector(bools[s.source], valid[s.source]);
	}
	await engine.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
	// An Arrow table with no columns but _rec still carries the row count. Typed columns stay
	// typed (DATE, INTEGER, BOOLEAN); the validator reads them as such, or as the text
	// `isoDateSql` / `CAST(… AS VARCHAR)` give, which is exactly what the JavaScript path wrote.
	await engine.insertArrow(target, tableOf(vectors), true);
	for (const s of select) if (Object.hasOwn(partition, s.source) && !fromPath.has(s.source)) await agreeWithPath(engine, target, s.as, s.source, partition[s.source]);
	return { rows: n, malformed: [] };
}

/** A part of a local Parquet file as the fast decoder is asked for it; null for a file on a server or CSV. */
function plainPart(file: Inspected, select: { source: string }[], rows: RowRange): PlainPart | null {
	const source = file.bytes ?? file.blob;
	if (file.format !== 'parquet' || !source || !file.metadata || !select.length) return null;
	return { metadata: file.metadata, source, columns: [...new Set(select.map((s) => s.source))], start: rows.start, end: rows.end };
}

/** Starts decoding a part of a local Parquet file ahead of its staging (see prefetchPlain). */
export function prefetchPart(file: Inspected, select: { source: string }[], rows: RowRange): void {
	const part = plainPart(file, select, rows);
	if (part) prefetchPlain(part);
}

/** Stages columns decoded by parquet-wasm: renamed to their contract names, with `_rec`. */
async function stageArrow(engine: Engine, decoded: DecodedPart, select: { source: string; as: string }[], target: string, first: number): Promise<Staged> {
	const n = decoded.table.numRows;
	const vectors: Record<string, Vector> = { _rec: int32Vector(Int32Array.from({ length: n }, (_, i) => first + i + 1)) };
	const facts: Record<string, TextFacts> = {};
	for (const s of select) {
		vectors[s.as] = decoded.table.getChild(s.source)!;
		if (decoded.facts[s.source]) facts[s.as] = decoded.facts[s.source];
	}
	await engine.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
	await engine.insertArrow(target, tableOf(vectors), true);
	return { rows: n, malformed: [], facts };
}

/**
 * A file that holds a partition key of its path as a column, too: the path is the truth (as
 * in every Hive reader), empty cells take its value, and a different value means the files
 * were put in the wrong folder, so the file is refused instead of silently relabelled.
 */
async function agreeWithPath(engine: Engine, target: string, col: string, key: string, value: string): Promise<void> {
	const [other] = await engine.query<{ v: string }>(
		`SELECT ${ident(col)} AS v FROM ${ident(target)} WHERE ${ident(col)} IS NOT NULL AND ${ident(col)} <> ? LIMIT 1`,
		[value]
	);
	if (other)
		throw new UnreadableFile(
			'partition_mismatch',
			`Der Pfad der Datei nennt ${key}=${value}, die Datei enthält aber ${key} = ${other.v}; sie liegt im falschen Ordner.`
		);
	await engine.query(`UPDATE ${ident(target)} SET ${ident(col)} = ? WHERE ${ident(col)} IS NULL`, [value]);
}

/** ±8.64e15 ms: the range of a JavaScript Date. */
const MAX_DAYS = 100_000_000;

/**
 * The text `new Date(days * 86400000).toISOString().slice(0, 10)` gives, in SQL: DuckDB's own
 * cast for years 1–9999, and JavaScript's expanded form cut to 10 characters (`0000-…`, `-000001-12`,
 * `+010000-01`; astronomical years, like DuckDB's year()) outside them.
 */
export function isoDateSql(col: string): string {
	const y = `year(${col})`;
	const md = `'-' || lpad(CAST(month(${col}) AS VARCHAR), 2, '0') || '-' || lpad(CAST(day(${col}) AS VARCHAR), 2, '0')`;
	return `CASE WHEN ${col} IS NULL THEN NULL
		WHEN ${col} >= DATE '0001-01-01' AND ${col} < DATE '10000-01-01' THEN CAST(${col} AS VARCHAR)
		WHEN ${y} = 0 THEN '0000' || ${md}
		WHEN ${y} < 0 THEN left('-' || lpad(CAST(-${y} AS VARCHAR), 6, '0') || ${md}, 10)
		ELSE left('+' || lpad(CAST(${y} AS VARCHAR), 6, '0') || ${md}, 10) END`;
}

function isoFromMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function asText(v: unknown, days = false): string | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string') return v;
	if (days && typeof v === 'number') return isoFromMs(v * 86400000);
	if (typeof v === 'number' || typeof v === 'bigint') return String(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (v instanceof Date) return isoFromMs(v.getTime());
	if (v instanceof Uint8Array) return new TextDecoder().decode(v);
	if (Array.isArray(v)) return v.map((x) => asText(x, days)).join('|');
	return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

export async function release(engine: Engine, file: Inspected): Promise<void> {
	if (file.format === 'csv') await engine.dropFile(file.handle).catch(() => undefined);
}

export function firstLine(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.split('\n')[0].slice(0, 200);
}

/** One sentence for the user: what failed, with the reader's own words in brackets. */
export function sentence(what: string, e: unknown): string {
	const detail = firstLine(e).trim().replace(/\.$/, '');
	return detail ? `${what} (${detail}).` : `${what}.`;
}

/**
 * Reading files as they come: detect the format (CSV or Parquet), the encoding and the
 * delimiter, list the columns, and stage only the columns the contract uses as VARCHAR in
 * DuckDB. Nothing here knows about tables or validation.
 */
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Vector } from 'apache-arrow';
import { int32Vector, tableOf, utf8Vector } from './arrow';
import type { Engine } from './engine';
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
}

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
}

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniffFormat(name: string, bytes: Uint8Array): 'csv' | 'parquet' {
	if (bytes.length === 0) throw new UnreadableFile('empty', 'Die Datei ist leer.');
	const head = bytes.length >= 4 ? ascii(bytes, 0, 4) : '';
	const tail = bytes.length >= 4 ? ascii(bytes, bytes.length - 4, bytes.length) : '';
	if (head === 'PAR1' || head === 'PARE') {
		if (tail === 'PARE' || head === 'PARE')
			throw new UnreadableFile(
				'encrypted',
				'Die Parquet-Datei ist verschlüsselt und kann ohne Schlüssel nicht gelesen werden.'
			);
		if (tail !== 'PAR1' || bytes.length < 12)
			throw new UnreadableFile('truncated', 'Die Parquet-Datei ist unvollständig (abgeschnitten) und kann nicht gelesen werden.');
		return 'parquet';
	}
	if (/\.parquet$/i.test(name))
		throw new UnreadableFile('not_parquet', 'Die Datei heißt .parquet, ist aber keine Parquet-Datei.');
	// Text files have no NUL bytes, except UTF-16, which starts with a byte order mark.
	const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? true : bytes[0] === 0xfe && bytes[1] === 0xff;
	if (!bom16 && bytes.subarray(0, 4096).includes(0))
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

function inspectParquet(name: string, bytes: Uint8Array): Inspected {
	const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	try {
		const meta = parquetMetadata(buf);
		const schema = parquetSchema(meta);
		const headers = schema.children.map((c) => c.element.name);
		return { name, format: 'parquet', headers, rows: Number(meta.num_rows), handle: name, bytes };
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei kann nicht gelesen werden', e));
	}
}

/**
 * Stages the selected source columns as VARCHAR columns `as` of table `target`, with the
 * record number `_rec` (1-based, in file order). Lines the CSV reader cannot split are
 * returned as malformed, with their line number.
 */
export async function stage(
	engine: Engine,
	file: Inspected,
	select: { source: string; as: string }[],
	target: string
): Promise<Staged> {
	if (file.format === 'parquet') return stageParquet(engine, file, select, target);
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

async function stageParquet(
	engine: Engine,
	file: Inspected,
	select: { source: string; as: string }[],
	target: string
): Promise<Staged> {
	const bytes = file.bytes!;
	const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	const n = file.rows ?? 0;
	const columns: Record<string, (string | null)[]> = {};
	for (const s of select) columns[s.source] = new Array(n).fill(null);
	try {
		await parquetRead({
			file: buf,
			columns: select.map((s) => s.source),
			compressors,
			parsers: {
				dateFromDays: (days: number) => isoFromMs(days * 86400000),
				timestampFromMilliseconds: (ms: bigint) => isoFromMs(Number(ms)),
				timestampFromMicroseconds: (us: bigint) => isoFromMs(Number(us / 1000n)),
				timestampFromNanoseconds: (ns: bigint) => isoFromMs(Number(ns / 1000000n))
			},
			onChunk: (chunk) => {
				const out = columns[chunk.columnName];
				if (!out) return;
				for (let i = 0; i < chunk.columnData.length; i++) out[chunk.rowStart + i] = asText(chunk.columnData[i]);
			}
		});
	} catch (e) {
		throw new UnreadableFile('parquet_unreadable', sentence('Die Parquet-Datei kann nicht gelesen werden', e));
	}
	const rec = Int32Array.from({ length: n }, (_, i) => i + 1);
	const vectors: Record<string, Vector> = { _rec: int32Vector(rec) };
	for (const s of select) vectors[s.as] = utf8Vector(columns[s.source]);
	await engine.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
	// An Arrow table with no columns but _rec still carries the row count.
	await engine.insertArrow(target, tableOf(vectors), true);
	return { rows: n, malformed: [] };
}

function isoFromMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function asText(v: unknown): string | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'bigint') return String(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (v instanceof Date) return isoFromMs(v.getTime());
	if (v instanceof Uint8Array) return new TextDecoder().decode(v);
	if (Array.isArray(v)) return v.map(asText).join('|');
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

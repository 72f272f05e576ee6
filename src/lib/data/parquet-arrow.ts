/**
 * The fast way to stage a local Parquet file: parquet-wasm (the Rust Parquet reader compiled to
 * WebAssembly) decodes the selected column chunks straight into Arrow buffers, with no
 * JavaScript value per cell; hyparquet makes a string per cell, which we then encoded again.
 * At 1M cases it decodes the three large files in about a quarter of the time.
 *
 * It is used only where it gives exactly what the general path (read.ts, hyparquet) gives:
 * every selected column a plain top-level UTF-8 string, DATE, INT32 or BOOLEAN column, and a
 * part of whole row groups; anything else (lists, timestamps, decimals, binary, a row group cut
 * by a part, a file on a server) and any failure of the decoder go the general way.
 *
 * Where it runs is set by the engine: in the browser in a worker of its own (parquet-worker.ts,
 * so the decoder's memory is given back when the worker ends), in Node in-process.
 */
import { tableFromIPC, Type, type Table } from 'apache-arrow';
import type { FileMetaData, SchemaElement } from 'hyparquet';
import { tableTextFacts, type TextFacts } from './text-facts';

/** What a decoder is asked: these columns of these row groups of a file's bytes or Blob. */
export interface DecodeRequest {
	source: Uint8Array | Blob;
	columns: string[];
	rowGroups: number[];
}

/** Answers a request with an Arrow IPC stream, or throws. */
export type ParquetDecoder = (request: DecodeRequest) => Promise<Uint8Array>;

let decoder: ParquetDecoder | null = null;

/**
 * Set by the engine that runs the loader (engine-browser.ts, engine-node.ts); null turns the
 * fast path off. Returns the decoder it replaces (the tests put it back).
 */
export function useParquetDecoder(d: ParquetDecoder | null): ParquetDecoder | null {
	const before = decoder;
	decoder = d;
	return before;
}

/**
 * A plain top-level column the fast path may take (anything else goes through hyparquet).
 * Narrower than read.ts's `parquetKind`: INT32 with INT_8/INT_16 arrives from the Rust reader
 * as Int8/Int16, which would stage as another type than the general path's INTEGER.
 */
export function plainColumn(el: SchemaElement | undefined): boolean {
	if (!el || el.repetition_type === 'REPEATED' || (el.num_children ?? 0) > 0) return false;
	const logical = el.logical_type?.type;
	if (el.type === 'BYTE_ARRAY') return el.converted_type === 'UTF8' || (logical === 'STRING' && !el.converted_type);
	if (el.type === 'INT32' && (el.converted_type === 'DATE' || logical === 'DATE')) return true;
	if (el.type === 'INT32') return !logical && (!el.converted_type || el.converted_type === 'INT_32');
	return el.type === 'BOOLEAN' && !logical && !el.converted_type;
}

/** The row groups that make up rows [start, end) exactly, or null when a group is cut. */
export function wholeRowGroups(sizes: number[], start: number, end: number): number[] | null {
	const groups: number[] = [];
	let at = 0;
	for (const [i, size] of sizes.entries()) {
		const next = at + size;
		if (next > start && at < end) {
			if (at < start || next > end) return null;
			groups.push(i);
		}
		at = next;
	}
	return groups;
}

/** Days beyond what a JavaScript Date holds: the general path finds such a file unreadable. */
const MAX_DAYS = 100_000_000;

const ARROW_TYPES = new Set([Type.Utf8, Type.Date, Type.Int, Type.Bool]);

/** Rows [start, end) of the columns `columns` of a local Parquet file. */
export interface PlainPart {
	metadata: FileMetaData;
	source: Uint8Array | Blob;
	columns: string[];
	start: number;
	end: number;
}

/** A decoded part, with the facts of its text columns (text-facts.ts). */
export interface DecodedPart {
	table: Table;
	facts: Record<string, TextFacts>;
}

/** Decodes started ahead (`prefetchPlain`), by file and part, until the stager takes them. */
const ahead = new Map<string, Promise<DecodedPart | null>>();
const sourceIds = new WeakMap<object, number>();
let nextSourceId = 0;
function partKey({ source, columns, start, end }: PlainPart): string {
	let id = sourceIds.get(source);
	if (id === undefined) sourceIds.set(source, (id = nextSourceId++));
	return JSON.stringify([id, columns, start, end]);
}

/**
 * Starts decoding a part now, while DuckDB still validates the one before: the decoder works
 * in its own thread in the browser, so the two overlap. `decodePlain` takes the result.
 */
export function prefetchPlain(part: PlainPart): void {
	const key = partKey(part);
	if (!ahead.has(key)) ahead.set(key, decodeNow(part));
}

/** Forgets decodes nobody took (a file that failed before its next part). */
export function dropPrefetched(): void {
	ahead.clear();
}

/**
 * Columns `columns` of rows [start, end) as Arrow (with the facts of its text columns), or null when the fast path does not apply
 * (the caller then takes the general path). A decoder error also gives null: the general path
 * then reads the file again and words the error the user sees.
 */
export async function decodePlain(part: PlainPart): Promise<DecodedPart | null> {
	const key = partKey(part);
	const started = ahead.get(key);
	ahead.delete(key);
	return started ?? decodeNow(part);
}

async function decodeNow({ metadata, source, columns, start, end }: PlainPart): Promise<DecodedPart | null> {
	if (!decoder || columns.length === 0) return null;
	const top = new Map<string, SchemaElement>();
	// The schema's first element is the root; plain columns are its direct leaves.
	for (const el of metadata.schema.slice(1)) if (!top.has(el.name)) top.set(el.name, el);
	const leaves = new Set(metadata.row_groups[0]?.columns.map((c) => c.meta_data?.path_in_schema.join('.')) ?? []);
	if (!columns.every((c) => plainColumn(top.get(c)) && leaves.has(c))) return null;
	const rowGroups = wholeRowGroups(
		metadata.row_groups.map((g) => Number(g.num_rows)),
		start,
		end
	);
	if (!rowGroups) return null;
	let table: Table;
	try {
		table = tableFromIPC(await decoder({ source, columns, rowGroups }));
	} catch {
		return null;
	}
	if (table.numRows !== end - start) return null;
	for (const c of columns) {
		const v = table.getChild(c);
		if (!v || !ARROW_TYPES.has(v.type.typeId)) return null;
		if (v.type.typeId === Type.Int && (v.type.bitWidth !== 32 || !v.type.isSigned)) return null;
		if (v.type.typeId === Type.Date && v.type.unit !== 0) return null;
		if (v.type.typeId === Type.Date) {
			for (const chunk of v.data) {
				const days = chunk.values as Int32Array;
				for (let i = 0; i < days.length; i++) if (days[i] > MAX_DAYS || days[i] < -MAX_DAYS) return null;
			}
		}
	}
	// Here, not when the part is staged: a prefetched part's facts are found while DuckDB works.
	return { table, facts: tableTextFacts(table) };
}

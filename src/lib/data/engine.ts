/**
 * The one door to the database. Everything above the data layer (indicators, views, the
 * report command) talks to an `Engine`; the browser implementation runs DuckDB-WASM in a
 * Web Worker, the Node implementation runs the very same WASM build in-process.
 */
import type { Table } from 'apache-arrow';
import { columnValues } from './arrow-read';

export type Row = Record<string, unknown>;

/**
 * A result as columns: a number column without NULLs as the typed array Arrow holds it (no
 * value is copied into an object), any other column as its plain values.
 */
export type Columns = Record<string, ArrayLike<unknown>>;

export interface Engine {
	/** Runs a statement; `params` are bound, never spliced into the SQL text. */
	query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
	/** The same, as columns (for results of many rows read into the page, see cube.ts). */
	queryColumns(sql: string, params?: readonly unknown[]): Promise<Columns>;
	/** Runs one or more statements without parameters (DDL, settings). */
	exec(sql: string): Promise<void>;
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** Appends an Arrow table to `table` (creates it when `create`). */
	insertArrow(table: string, data: Table, create: boolean): Promise<void>;
}

/**
 * Settings applied on every connection. Extensions must never be fetched: the repository is
 * pointed at a path of our own origin that does not exist, so even an explicit INSTALL fails
 * locally instead of reaching the internet.
 */
export const LOCAL_ONLY_SETTINGS = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	"SET custom_extension_repository = '/__no_extensions__'"
];

/**
 * Where the tables live. The contract tables (schema.ts) go to an in-memory database with
 * compression on, `tm`: DuckDB leaves in-memory tables uncompressed by default, and
 * compressed, 5M cases with their measures and milestones take 0.34 GB instead of 2.9 GB of
 * the 4 GB a WASM page can address. Everything else (staging, the monthly tables, kept
 * event tables) stays in the default, uncompressed database, where the dashboard's small
 * repeated queries run about twice as fast. Unqualified names find both. A load of up to
 * COMPRESS_LATER_MAX_ROWS fills the contract tables uncompressed first (below).
 */
export const TYPED_SCHEMA = 'tm.main';
/** The uncompressed database, where a load may fill the contract tables first (schema.ts). */
export const PLAIN_SCHEMA = 'memory.main';

/**
 * Up to this many rows in all files of a load, the contract tables are filled uncompressed
 * and moved into `tm` only after the first chart (schema.ts, `compressTables`): compressing
 * while inserting was the largest step of a 1M load (6.5 of 22 s in Node), and a million cases
 * with their measures and milestones (5.25M rows) take about 0.6 GB uncompressed for those
 * seconds. Above, the tables are compressed as they are filled, so a load never holds
 * gigabytes of uncompressed rows (at 10M that would be 5.8 GB).
 */
export const COMPRESS_LATER_MAX_ROWS = 6_000_000;
export const STORAGE_SETTINGS = ["ATTACH ':memory:' AS tm (COMPRESS)", "SET search_path = 'memory.main,tm.main'"];

/** The rows of the named tables together (table names are the app's own, never data). */
export async function tableRows(engine: Engine, tables: readonly string[]): Promise<number> {
	const counts = tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ');
	const [{ n }] = await engine.query<{ n: number }>(`SELECT (${counts})::BIGINT AS n`);
	return n;
}

/**
 * Turns an Arrow result into plain objects (see arrow-read.ts): BigInt → number, lists →
 * arrays. Filled a column at a time, so only one column's values are held besides the rows,
 * and each loop stores one property name.
 */
export function arrowToRows<T>(table: Table): T[] {
	const out: Row[] = Array.from({ length: table.numRows }, () => ({}));
	for (const field of table.schema.fields) {
		const name = field.name;
		const values = columnValues(table.getChild(name)!);
		for (let i = 0; i < out.length; i++) out[i][name] = values[i];
	}
	return out as T[];
}

/** Turns an Arrow result into columns (see Columns). */
export function arrowToColumns(table: Table): Columns {
	const out: Columns = {};
	for (const field of table.schema.fields) out[field.name] = columnValues(table.getChild(field.name)!);
	return out;
}

/**
 * The same DuckDB-WASM build the browser runs, in-process in Node (blocking API). Used by
 * the report command and the Vitest suite so that both exercise the browser's engine.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { LOCAL_ONLY_SETTINGS, STORAGE_SETTINGS, arrowToColumns, arrowToRows, type Engine } from './engine';
import { useParquetDecoder, type ParquetDecoder } from './parquet-arrow';
import { decodeWith } from './parquet-decode';

/**
 * parquet-wasm in-process (the report command and the tests; see parquet-arrow.ts), compiled
 * on the first Parquet part, so a load of CSV files never pays for it.
 */
function nodeParquetDecoder(require: NodeJS.Require): ParquetDecoder {
	let module: Promise<typeof import('parquet-wasm/esm')> | null = null;
	const load = async () => {
		const pw = await import('parquet-wasm/esm');
		pw.initSync({ module: fs.readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')) });
		return pw;
	};
	return async (request) => decodeWith(await (module ??= load()), request);
}

export async function createNodeEngine(): Promise<Engine> {
	const require = createRequire(import.meta.url);
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	useParquetDecoder(nodeParquetDecoder(require));
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const conn = db.connect();
	for (const s of [...LOCAL_ONLY_SETTINGS, ...STORAGE_SETTINGS]) conn.query(s);
	const run = (sql: string, params: readonly unknown[]) => {
		if (params.length === 0) return conn.query(sql);
		const stmt = conn.prepare(sql);
		try {
			return stmt.query(...params);
		} finally {
			stmt.close();
		}
	};
	return {
		async query<T>(sql: string, params: readonly unknown[] = []) {
			return arrowToRows<T>(run(sql, params));
		},
		async queryColumns(sql: string, params: readonly unknown[] = []) {
			return arrowToColumns(run(sql, params));
		},
		async exec(sql: string) {
			conn.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async insertArrow(table: string, data: Table, create: boolean) {
			// Serialised here: the blocking bundle carries its own Arrow copy, whose instanceof
			// checks do not recognise our Table objects.
			conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
		}
	};
}

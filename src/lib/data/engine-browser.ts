/**
 * DuckDB-WASM in a Web Worker, with bundles served from the app's own origin (Vite asset
 * URLs). The `eh` bundle needs no cross-origin isolation; `mvp` is the fallback.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { tableToIPC, type Table } from 'apache-arrow';
import { LOCAL_ONLY_SETTINGS, arrowToRows, type Engine } from './engine';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

export async function createBrowserEngine(): Promise<Engine> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	await db.open({
		query: { castBigIntToDouble: true, castDecimalToDouble: true },
		allowUnsignedExtensions: false
	});
	const conn = await db.connect();
	for (const s of LOCAL_ONLY_SETTINGS) await conn.query(s);

	// One connection, one statement at a time: DuckDB-WASM's worker serialises anyway, and
	// a queue keeps prepared statements from interleaving.
	let chain: Promise<unknown> = Promise.resolve();
	const serial = <T>(fn: () => Promise<T>): Promise<T> => {
		const next = chain.then(fn, fn);
		chain = next.catch(() => undefined);
		return next;
	};

	return {
		query: <T>(sql: string, params: readonly unknown[] = []) =>
			serial(async () => {
				if (params.length === 0) return arrowToRows<T>(await conn.query(sql));
				const stmt = await conn.prepare(sql);
				try {
					return arrowToRows<T>(await stmt.query(...params));
				} finally {
					await stmt.close();
				}
			}),
		exec: (sql: string) =>
			serial(async () => {
				await conn.query(sql);
			}),
		registerFile: (name: string, bytes: Uint8Array) =>
			// The worker takes ownership of the buffer it is given; hand it a copy so the
			// caller's bytes stay usable (a re-load after the mapping dialog reads them again).
			serial(() => db.registerFileBuffer(name, bytes.slice())),
		dropFile: (name: string) => serial(async () => {
			await db.dropFile(name);
		}),
		insertArrow: (table: string, data: Table, create: boolean) =>
			serial(() => conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create }))
	};
}

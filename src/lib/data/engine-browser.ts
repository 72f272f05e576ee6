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
import { LOCAL_ONLY_SETTINGS, STORAGE_SETTINGS, arrowToColumns, arrowToRows, type Engine } from './engine';
import { useParquetDecoder } from './parquet-arrow';
import { workerDecoder } from './parquet-worker-client';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/**
 * Opt-in query log for the benchmark (`npm run bench`): when the page defines
 * `globalThis.__tmQueryLog` as an array, every query appends its SQL, bound parameters, time
 * in the worker (ms, without waiting in the queue), of which the part spent turning the Arrow
 * answer into rows or columns (convert_ms), and, for small results, the rows. Never
 * set by the app itself; nothing leaves the page.
 */
interface QueryLogEntry {
	sql: string;
	params: unknown[];
	ms: number;
	convert_ms: number;
	rows: number;
	result: unknown[] | null;
}
const queryLog = () => (globalThis as { __tmQueryLog?: QueryLogEntry[] }).__tmQueryLog;

/**
 * DuckDB's worker, started so that the browser may keep the compiled WebAssembly. Its
 * progress reporting re-wraps the download in a new Response, which has no URL, and the
 * browser caches compiled code only for a response it fetched itself. Without
 * TransformStream the worker streams the fetched response as it is (and reports no progress,
 * which the app does not show).
 */
function duckdbWorker(url: string): Worker {
	const abs = new URL(url, location.href).href;
	const src = `self.TransformStream = undefined; importScripts(${JSON.stringify(abs)});`;
	return new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
}

export async function createBrowserEngine(): Promise<Engine> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	useParquetDecoder(workerDecoder());
	const worker = duckdbWorker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
	// Absolute: the worker runs from a blob: URL, against which a path would not resolve.
	await db.instantiate(new URL(bundle.mainModule, location.href).href, bundle.pthreadWorker);
	await db.open({
		query: { castBigIntToDouble: true, castDecimalToDouble: true },
		allowUnsignedExtensions: false
	});
	const conn = await db.connect();
	for (const s of [...LOCAL_ONLY_SETTINGS, ...STORAGE_SETTINGS]) await conn.query(s);

	// One connection, one statement at a time: DuckDB-WASM's worker serialises anyway, and
	// a queue keeps prepared statements from interleaving.
	let chain: Promise<unknown> = Promise.resolve();
	const serial = <T>(fn: () => Promise<T>): Promise<T> => {
		const next = chain.then(fn, fn);
		chain = next.catch(() => undefined);
		return next;
	};

	// Prepared statements by SQL text: the views ask the same questions with other periods,
	// and each prepare and close is a round trip to the worker. DuckDB binds a prepared
	// statement again when a table it reads was replaced, so loading new data cannot make
	// them stale.
	const prepared = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();
	const MAX_PREPARED = 64;
	const forget = async (sql: string) => {
		const stmt = prepared.get(sql);
		prepared.delete(sql);
		await stmt?.then((s) => s.close()).catch(() => undefined);
	};
	const statement = async (sql: string) => {
		let stmt = prepared.get(sql);
		if (stmt) prepared.delete(sql);
		else stmt = conn.prepare(sql);
		prepared.set(sql, stmt);
		if (prepared.size > MAX_PREPARED) await forget(prepared.keys().next().value!);
		return stmt;
	};

	const answer = async (sql: string, params: readonly unknown[]): Promise<Table> => {
		if (params.length === 0) return conn.query(sql);
		if (/^\s*(CREATE|DROP|INSERT|UPDATE|DELETE|ALTER)\b/i.test(sql)) {
			const stmt = await conn.prepare(sql);
			try {
				return await stmt.query(...params);
			} finally {
				await stmt.close();
			}
		}
		try {
			return await (await statement(sql)).query(...params);
		} catch (e) {
			await forget(sql);
			throw e;
		}
	};
	// Only the worker's part waits in the queue: turning the answer into rows happens on the
	// page's thread, and meanwhile the worker can already run the next statement.
	const run = async <T>(sql: string, params: readonly unknown[], convert: (t: Table) => T, count: (out: T) => number) => {
		const log = queryLog();
		let worker_ms = 0;
		const table = await serial(async () => {
			const t0 = log ? performance.now() : 0;
			const answered = await answer(sql, params);
			if (log) worker_ms = performance.now() - t0;
			return answered;
		});
		const t1 = log ? performance.now() : 0;
		const out = convert(table);
		if (log) {
			const rows = count(out);
			const convert_ms = performance.now() - t1;
			log.push({ sql, params: [...params], ms: worker_ms + convert_ms, convert_ms, rows, result: Array.isArray(out) && rows <= 200 ? out : null });
		}
		return out;
	};

	return {
		query: <T>(sql: string, params: readonly unknown[] = []) => run(sql, params, arrowToRows<T>, (rows) => rows.length),
		queryColumns: (sql: string, params: readonly unknown[] = []) =>
			run(sql, params, arrowToColumns, (cols) => Object.values(cols)[0]?.length ?? 0),
		exec: (sql: string) =>
			serial(async () => {
				const log = queryLog();
				const t0 = log ? performance.now() : 0;
				await conn.query(sql);
				if (log) log.push({ sql, params: [], ms: performance.now() - t0, convert_ms: 0, rows: 0, result: null });
			}),
		registerFile: (name: string, bytes: Uint8Array) =>
			// The worker takes ownership of the buffer it is given; hand it a copy so the
			// caller's bytes stay usable (a re-load after the mapping dialog reads them again).
			serial(() => db.registerFileBuffer(name, bytes.slice())),
		dropFile: (name: string) => serial(async () => {
			await db.dropFile(name);
		}),
		insertArrow: (table: string, data: Table, create: boolean) =>
			serial(async () => {
				const log = queryLog();
				const t0 = log ? performance.now() : 0;
				await conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
				if (log) log.push({ sql: `-- insertArrow ${table}`, params: [], ms: performance.now() - t0, convert_ms: 0, rows: data.numRows, result: null });
			})
	};
}

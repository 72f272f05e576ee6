/**
 * The browser's Parquet decoder (see parquet-arrow.ts), in a worker of its own: decoding does
 * not hold up the page, and the WebAssembly memory it grows is given back when the worker
 * ends (parquet-worker-client.ts ends it once a load is over). The module comes from the app's
 * own origin like DuckDB's.
 */
import init, * as pw from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { decodeWith } from './parquet-decode';
import type { DecodeRequest } from './parquet-arrow';

const ready = init({ module_or_path: wasmUrl });

self.onmessage = async (e: MessageEvent<{ id: number; request: DecodeRequest }>) => {
	const { id, request } = e.data;
	try {
		await ready;
		const ipc = await decodeWith(pw, request);
		(self as unknown as Worker).postMessage({ id, ipc }, [ipc.buffer]);
	} catch (err) {
		(self as unknown as Worker).postMessage({ id, error: String(err) });
	}
};

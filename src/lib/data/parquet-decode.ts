/**
 * One decode with a ready parquet-wasm module: the requested columns of the requested row
 * groups, from bytes or from a Blob read by ranges, as one Arrow IPC stream. Shared by the
 * browser's decoder worker (parquet-worker.ts) and Node (engine-node.ts).
 */
import type * as ParquetWasm from 'parquet-wasm/esm';
import type { DecodeRequest } from './parquet-arrow';

/** Rows per record batch: large, so a part arrives as a few batches, not hundreds. */
const BATCH_ROWS = 1 << 16;

export async function decodeWith(pw: typeof ParquetWasm, req: DecodeRequest): Promise<Uint8Array> {
	const options = { columns: req.columns, rowGroups: req.rowGroups, batchSize: BATCH_ROWS };
	if (req.source instanceof Uint8Array) return pw.readParquet(req.source, options).intoIPCStream();
	const file = await pw.ParquetFile.fromFile(req.source);
	try {
		return (await file.read(options)).intoIPCStream();
	} finally {
		file.free();
	}
}

/**
 * The page's side of the decoder worker: one worker, started on the first request and ended
 * when no request has come for a while, so its memory does not stay with the tab.
 */
import type { DecodeRequest, ParquetDecoder } from './parquet-arrow';

/** Long enough to span the gap between two parts of a load, short enough to free memory soon. */
const IDLE_MS = 5000;

export function workerDecoder(): ParquetDecoder {
	let worker: Worker | null = null;
	let idle: ReturnType<typeof setTimeout> | undefined;
	let next = 0;
	const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
	const stop = () => {
		worker?.terminate();
		worker = null;
		for (const p of pending.values()) p.reject(new Error('decoder stopped'));
		pending.clear();
	};
	const start = () => {
		const w = new Worker(new URL('./parquet-worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (e: MessageEvent<{ id: number; ipc?: Uint8Array; error?: string }>) => {
			const p = pending.get(e.data.id);
			pending.delete(e.data.id);
			if (!p) return;
			if (e.data.ipc) p.resolve(e.data.ipc);
			else p.reject(new Error(e.data.error ?? 'decoder failed'));
		};
		w.onerror = () => stop();
		return w;
	};
	return (request: DecodeRequest) =>
		new Promise<Uint8Array>((resolve, reject) => {
			clearTimeout(idle);
			worker ??= start();
			const id = next++;
			const settled = () => {
				if (pending.size === 0) idle = setTimeout(stop, IDLE_MS);
			};
			pending.set(id, {
				resolve: (b) => {
					resolve(b);
					settled();
				},
				reject: (e) => {
					reject(e);
					settled();
				}
			});
			worker.postMessage({ id, request });
		});
}

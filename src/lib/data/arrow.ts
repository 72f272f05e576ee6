/**
 * Arrow vectors built by hand from plain arrays. Apache Arrow's builders generate code with
 * `new Function`, which our Content-Security-Policy (no 'unsafe-eval') forbids; building the
 * buffers directly is also faster for a million values.
 */
import { Int32, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

export function utf8Vector(values: readonly (string | null | undefined)[]): Vector<Utf8> {
	const n = values.length;
	const offsets = new Int32Array(n + 1);
	const bitmap = new Uint8Array(Math.ceil(n / 8));
	const parts: Uint8Array[] = new Array(n);
	let nulls = 0;
	let size = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (v === null || v === undefined) {
			nulls++;
			parts[i] = EMPTY;
		} else {
			bitmap[i >> 3] |= 1 << (i & 7);
			parts[i] = encoder.encode(v);
		}
		size += parts[i].length;
		offsets[i + 1] = size;
	}
	const data = new Uint8Array(size);
	for (let i = 0; i < n; i++) data.set(parts[i], offsets[i]);
	return makeVector(
		makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, valueOffsets: offsets, data })
	);
}

const EMPTY = new Uint8Array(0);

export function int32Vector(values: Int32Array): Vector<Int32> {
	return makeVector(values);
}

export function tableOf(columns: Record<string, Vector>): Table {
	return new Table(columns);
}

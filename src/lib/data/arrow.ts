/**
 * Arrow vectors built by hand from plain arrays. Apache Arrow's builders generate code with
 * `new Function`, which our Content-Security-Policy (no 'unsafe-eval') forbids; building the
 * buffers directly is also faster for a million values.
 */
import { Bool, DateDay, Int32, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/**
 * UTF-8 strings into one growing buffer: ASCII is copied code unit by code unit, anything
 * else goes through `encodeInto`, which encodes exactly as `TextEncoder.encode` does (lone
 * surrogates become U+FFFD).
 */
export function utf8Vector(values: readonly (string | null | undefined)[]): Vector<Utf8> {
	const n = values.length;
	const offsets = new Int32Array(n + 1);
	const bitmap = new Uint8Array(Math.ceil(n / 8));
	let data = new Uint8Array(Math.max(1024, n * 8));
	let nulls = 0;
	let size = 0;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (v === null || v === undefined) {
			nulls++;
		} else {
			bitmap[i >> 3] |= 1 << (i & 7);
			const len = v.length;
			if (size + len * 3 > data.length) {
				const next = new Uint8Array(Math.max(data.length * 2, size + len * 3));
				next.set(data.subarray(0, size));
				data = next;
			}
			let j = 0;
			for (; j < len; j++) {
				const c = v.charCodeAt(j);
				if (c >= 0x80) break;
				data[size + j] = c;
			}
			if (j === len) size += len;
			else size += encoder.encodeInto(v, data.subarray(size)).written;
		}
		offsets[i + 1] = size;
	}
	return makeVector(
		makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, valueOffsets: offsets, data: data.subarray(0, size) })
	);
}

/** Validity bitmap of `valid` (one flag per row); null when every row is valid. */
function bitmapOf(valid: Uint8Array): { bitmap: Uint8Array | null; nulls: number } {
	const n = valid.length;
	const bitmap = new Uint8Array(Math.ceil(n / 8));
	let nulls = 0;
	for (let i = 0; i < n; i++) {
		if (valid[i]) bitmap[i >> 3] |= 1 << (i & 7);
		else nulls++;
	}
	return { bitmap: nulls ? bitmap : null, nulls };
}

/** Days since 1970-01-01 (Arrow Date32), with a validity flag per row. */
export function dateDayVector(days: Int32Array, valid: Uint8Array): Vector<DateDay> {
	const { bitmap, nulls } = bitmapOf(valid);
	return makeVector(makeData({ type: new DateDay(), length: days.length, nullCount: nulls, nullBitmap: bitmap, data: days }));
}

export function nullableInt32Vector(values: Int32Array, valid: Uint8Array): Vector<Int32> {
	const { bitmap, nulls } = bitmapOf(valid);
	return makeVector(makeData({ type: new Int32(), length: values.length, nullCount: nulls, nullBitmap: bitmap, data: values }));
}

export function boolVector(values: Uint8Array, valid: Uint8Array): Vector<Bool> {
	const n = values.length;
	const { bitmap, nulls } = bitmapOf(valid);
	const bits = new Uint8Array(Math.ceil(n / 8));
	for (let i = 0; i < n; i++) if (values[i]) bits[i >> 3] |= 1 << (i & 7);
	return makeVector(makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data: bits }));
}

export function int32Vector(values: Int32Array): Vector<Int32> {
	return makeVector(values);
}

export function tableOf(columns: Record<string, Vector>): Table {
	return new Table(columns);
}

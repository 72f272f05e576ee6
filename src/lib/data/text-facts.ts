/**
 * Two facts about a text column decoded into Arrow (the fast Parquet path), found in the page
 * while DuckDB still validates the part before, so that the validator can skip work in the
 * database worker, which is what a load waits for:
 * - `clean`: no value is empty or begins or ends with a character DuckDB's `trim` removes, so
 *   `tm_blank(v)` (nullif(trim(v), '')) is `v` itself and need not be computed per row;
 * - `distinct`: the distinct values, when there are few (code columns), so the code maps need
 *   no scan of the staged table.
 * Facts are only ever a shortcut: where one is missing the validator does what it always did.
 */
import { Type, type Table, type Vector } from 'apache-arrow';

export interface TextFacts {
	clean: boolean;
	/** The distinct non-NULL values in order of first appearance, or null when more than the cap. */
	distinct: string[] | null;
}

/** Beyond this many distinct values a column is not a code column; the validator scans it as before. */
export const MAX_FACT_DISTINCT = 1000;

/**
 * The characters DuckDB's trim removes (Unicode space separators, checked code point by code
 * point against DuckDB in tests/unit/text-facts.test.ts), as UTF-8.
 */
const TRIMMED = [0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x202f, 0x205f, 0x3000].map((c) =>
	new TextEncoder().encode(String.fromCodePoint(c))
);

function startsWithSpace(b: Uint8Array, s: number, e: number): boolean {
	return TRIMMED.some((t) => e - s >= t.length && t.every((x, k) => b[s + k] === x));
}

function endsWithSpace(b: Uint8Array, s: number, e: number): boolean {
	return TRIMMED.some((t) => e - s >= t.length && t.every((x, k) => b[e - t.length + k] === x));
}

function sameBytes(a: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
	if (a.length !== e - s) return false;
	for (let k = 0; k < a.length; k++) if (a[k] !== b[s + k]) return false;
	return true;
}

/** Slots of the open-addressing table of distinct values: a power of two, over twice the cap. */
const SLOTS = 4096;

/** Facts of a Utf8 vector (null for any other type). */
export function textFacts(vector: Vector, maxDistinct = MAX_FACT_DISTINCT): TextFacts | null {
	if (vector.type.typeId !== Type.Utf8) return null;
	let clean = true;
	// Distinct values by a hash of their bytes, in an open-addressing table of indexes + 1.
	const slots = new Int32Array(SLOTS);
	const hashes: number[] = [];
	const own: Uint8Array[] = [];
	let counting = maxDistinct <= SLOTS / 2;
	for (const data of vector.data) {
		const offsets = data.valueOffsets as Int32Array;
		const bytes = data.values as Uint8Array;
		const nulls = data.nullCount > 0 ? data.nullBitmap : null;
		for (let i = 0; i < data.length; i++) {
			const at = data.offset + i;
			if (nulls && !(nulls[at >> 3] & (1 << (at & 7)))) continue;
			const s = offsets[at];
			const e = offsets[at + 1];
			// Bytes below 0x80 other than a space start and end no trimmed character, which is most values.
			if (clean && (e === s || (!(bytes[s] < 0x80 && bytes[s] !== 0x20) && startsWithSpace(bytes, s, e)))) clean = false;
			if (clean && !(bytes[e - 1] < 0x80 && bytes[e - 1] !== 0x20) && endsWithSpace(bytes, s, e)) clean = false;
			if (!counting) {
				if (!clean) return { clean, distinct: null };
				continue;
			}
			let h = 0x811c9dc5;
			for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
			let slot = h & (SLOTS - 1);
			let found = false;
			for (let j = slots[slot]; j !== 0; slot = (slot + 1) & (SLOTS - 1), j = slots[slot]) {
				if (hashes[j - 1] === h && sameBytes(own[j - 1], bytes, s, e)) {
					found = true;
					break;
				}
			}
			if (found) continue;
			if (own.length === maxDistinct) {
				counting = false;
				if (!clean) return { clean, distinct: null };
				continue;
			}
			own.push(bytes.slice(s, e));
			hashes.push(h);
			slots[slot] = own.length;
		}
	}
	// Decoded as apache-arrow decodes the values DuckDB returns (a leading BOM dropped), so the
	// code maps get the very strings the scan of the staged table gave.
	const decoder = new TextDecoder();
	return { clean, distinct: counting ? own.map((b) => decoder.decode(b)) : null };
}

/** Facts of every text column of a decoded part, by column name. */
export function tableTextFacts(table: Table): Record<string, TextFacts> {
	const out: Record<string, TextFacts> = {};
	for (const field of table.schema.fields) {
		const facts = textFacts(table.getChild(field.name)!);
		if (facts) out[field.name] = facts;
	}
	return out;
}

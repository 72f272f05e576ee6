import { describe, expect, it } from 'vitest';
import { utf16Positions } from '../../src/lib/data/arrow-read';
import { useEngine } from './helpers';

/** What the generated rows below hold, computed in JavaScript. */
function expected(i: number) {
	return {
		i,
		text: i % 7 === 0 ? null : i % 3 === 0 ? `Förderprofil ${i}` : i % 5 === 0 ? `😀 ${i}` : `x${i}`,
		ascii: i % 11 === 0 ? null : `JC${i % 8}`,
		big: i * 1_000_003,
		half: i % 4 === 0 ? null : i / 2,
		flag: i % 2 === 0
	};
}

describe('Arrow results as rows and columns (arrow-read.ts)', () => {
	const engine = useEngine();
	// Several thousand rows arrive in several batches; text with umlauts, four-byte
	// characters (two UTF-16 units) and NULLs in the same batch as ASCII.
	const SQL = `SELECT i::INTEGER AS i,
		CASE WHEN i % 7 = 0 THEN NULL WHEN i % 3 = 0 THEN 'Förderprofil ' || i WHEN i % 5 = 0 THEN '😀 ' || i ELSE 'x' || i END AS text,
		CASE WHEN i % 11 = 0 THEN NULL ELSE 'JC' || (i % 8) END AS ascii,
		(i * 1000003)::BIGINT AS big,
		CASE WHEN i % 4 = 0 THEN NULL ELSE i / 2 END AS half,
		i % 2 = 0 AS flag
		FROM range(5000) t(i) ORDER BY i`;

	it('gives every row its values, across batches, as per value', async () => {
		const rows = await engine().query<ReturnType<typeof expected>>(SQL);
		expect(rows).toHaveLength(5000);
		expect(rows[0]).toEqual({ i: 0, text: null, ascii: null, big: 0, half: null, flag: true });
		expect(rows[3]).toEqual({ i: 3, text: 'Förderprofil 3', ascii: 'JC3', big: 3000009, half: 1.5, flag: false });
		expect(rows[4990]).toEqual({ i: 4990, text: '😀 4990', ascii: 'JC6', big: 4990014970, half: 2495, flag: true });
		expect(rows).toEqual(Array.from({ length: 5000 }, (_, i) => expected(i)));
	});

	it('gives the same values as columns, numbers without NULLs as typed arrays', async () => {
		const cols = await engine().queryColumns(SQL);
		expect(cols.i).toBeInstanceOf(Int32Array);
		expect(cols.big).toBeInstanceOf(Float64Array);
		expect(cols.half).toBeInstanceOf(Array);
		expect(cols.text[4989]).toBe('Förderprofil 4989');
		for (const k of ['text', 'ascii', 'big', 'half', 'flag'] as const) expect(Array.from(cols[k])).toEqual(Array.from({ length: 5000 }, (_, i) => expected(i)[k]));
	});

	it('maps byte offsets to positions in the text (umlaut one unit, emoji two), null for bytes that are not UTF-8', () => {
		const bytes = new TextEncoder().encode('aö😀b');
		expect(Array.from(utf16Positions(bytes, 'aö😀b')!)).toEqual([0, 1, 2, 2, 4, 4, 4, 4, 5]);
		// A lone continuation byte decodes to U+FFFD, one unit the count does not see.
		const bad = new Uint8Array([0x61, 0x80]);
		expect(utf16Positions(bad, new TextDecoder().decode(bad))).toBeNull();
	});

	it('gives no rows and empty columns for an empty result', async () => {
		expect(await engine().query("SELECT 'ö' AS text, 1 AS i WHERE false")).toEqual([]);
		const cols = await engine().queryColumns("SELECT 'ö' AS text, 1 AS i WHERE false");
		expect(Array.from(cols.text)).toEqual([]);
		expect(cols.i.length).toBe(0);
	});

	it('reads lists and dates as before', async () => {
		const [row] = await engine().query<{ l: unknown; d: unknown; e: unknown }>("SELECT ['a', NULL, 'ö'] AS l, DATE '2024-12-31' AS d, [1, 2]::INTEGER[] AS e");
		expect(row).toEqual({ l: ['a', null, 'ö'], d: Date.UTC(2024, 11, 31), e: [1, 2] });
	});
});

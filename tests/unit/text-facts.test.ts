/**
 * The facts the fast Parquet path finds about text columns (src/lib/data/text-facts.ts) let
 * the validator skip `tm_blank` and the scans for distinct code values. They must say exactly
 * what DuckDB would find, and a load with them must give what a load without them gives.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8Vector } from '../../src/lib/data/arrow';
import { useParquetDecoder, type ParquetDecoder } from '../../src/lib/data/parquet-arrow';
import { MACROS_SQL } from '../../src/lib/data/macros';
import { textFacts } from '../../src/lib/data/text-facts';
import { load, useEngine } from './helpers';

const engine = useEngine();

/** Every character DuckDB's trim removes, and some it keeps (tab, newline, zero-width space, BOM, umlaut, euro, emoji). */
const SPACES = [0x20, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x202f, 0x205f, 0x3000];
const KEPT = [0x09, 0x0a, 0x0d, 0x200b, 0xfeff, 0xfc, 0x20ac, 0x1f600, 0x85, 0x2028];

describe('text facts', () => {
	it('call a value clean exactly when DuckDB’s tm_blank leaves it as it is', async () => {
		const values: string[] = ['', 'a', 'JC01', 'Arbeit/Ausbildung'];
		for (const c of [...SPACES, ...KEPT]) {
			const ch = String.fromCodePoint(c);
			values.push(ch, ch + 'a', 'a' + ch, 'a' + ch + 'b', ch + ch);
		}
		await engine().exec(MACROS_SQL);
		const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
		const duck = await engine().query<{ v: string; same: boolean }>(`SELECT v, coalesce(tm_blank(v) = v, false) AS same FROM (SELECT unnest([${list}]) AS v)`);
		expect(duck).toHaveLength(values.length);
		// By position: a value read back from DuckDB loses a leading BOM (TextDecoder), as every string does.
		duck.forEach(({ same }, i) => expect([values[i], textFacts(utf8Vector([values[i]]))!.clean]).toEqual([values[i], same]));
		// The trimmed characters are found at either end only.
		expect(textFacts(utf8Vector(['a b', 'x\u00a0y']))!.clean).toBe(true);
		expect(textFacts(utf8Vector(['a', 'b\u3000']))!.clean).toBe(false);
		expect(textFacts(utf8Vector(['a', null, 'b']))!.clean).toBe(true);
	});

	it('list the distinct values up to the cap, NULL left out, in order of first appearance', () => {
		const v = utf8Vector(['w', 'm', null, 'w', 'd', 'm', 'ü', 'u\u0308', 'ü']);
		expect(textFacts(v)).toEqual({ clean: true, distinct: ['w', 'm', 'd', 'ü', 'u\u0308'] });
		expect(textFacts(v, 5)!.distinct).toHaveLength(5);
		expect(textFacts(v, 4)).toEqual({ clean: true, distinct: null });
		const ids = utf8Vector(Array.from({ length: 5000 }, (_, i) => `C${i}`));
		expect(textFacts(ids)).toEqual({ clean: true, distinct: null });
		expect(textFacts(utf8Vector(Array.from({ length: 3000 }, (_, i) => `V${i % 1000}`)))!.distinct).toHaveLength(1000);
	});
});

/**
 * A cases file whose text columns are messy (spaces of several kinds, empty strings), except
 * `referral_reasons` and `age_group`: clean, with an unknown code each.
 */
function messyCases(referrals = true): Uint8Array {
	const rows = [
		['C1', 'JC01', '2023-01-02', '2023-05-01', 'Arbeit/Ausbildung', 'psychisch|sucht|xyz', 'w', 'u25'],
		[' C2', 'JC01 ', '2023-01-03', '2023-06-01', ' arbeit_ausbildung', 'psychisch ; sucht', '\u00a0m', '25-34'],
		['C3\u3000', 'JC02', '2023-02-03', '', '', null, '', 'alt'],
		['', 'JC02', '2023-02-04', null, null, null, null, null],
		['C5', '\u2000', '2023-02-05', '2023-03-01', 'abbruch\u2003', 'unbekannt|psychisch', 'x', 'u25'],
		['C1', 'JC01', '2023-03-01', null, 'Abbruch', 'sucht', 'W ', '55+']
	].map((r) => (referrals ? r : r.map((v, i) => (i === 5 ? null : v))));
	const col = (i: number) => rows.map((r) => r[i]);
	const date = (i: number) => rows.map((r) => (r[i] ? new Date(r[i] + 'T00:00:00Z') : null));
	const text = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as const;
	const day = (name: string) => ({ name, type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' }) as const;
	return new Uint8Array(
		parquetWriteBuffer({
			columnData: [
				{ name: 'case_id', data: col(0) },
				{ name: 'jobcenter_id', data: col(1) },
				{ name: 'entry_date', data: date(2) },
				{ name: 'exit_date', data: date(3) },
				{ name: 'exit_reason', data: col(4) },
				{ name: 'referral_reasons', data: col(5) },
				{ name: 'gender', data: col(6) },
				{ name: 'age_group', data: col(7) }
			],
			schema: [
				{ name: 'root', num_children: 8 },
				text('case_id'),
				text('jobcenter_id'),
				day('entry_date'),
				day('exit_date'),
				text('exit_reason'),
				text('referral_reasons'),
				text('gender'),
				text('age_group')
			]
		})
	);
}

let restore: ParquetDecoder | null | undefined;
afterEach(() => {
	if (restore !== undefined) useParquetDecoder(restore);
	restore = undefined;
});

describe('a load with text facts', () => {
	it('gives for messy and clean text what the general path gives', async () => {
		const snapshot = async () => {
			const out: Record<string, unknown[]> = {};
			for (const t of ['cases', 'case_referrals', 'rejected_rows'])
				out[t] = await engine().query(`SELECT CAST(t AS VARCHAR) AS r FROM (SELECT * FROM ${t}) t ORDER BY ALL`);
			return out;
		};
		let calls = 0;
		const both = async (referrals: boolean) => {
			const files = () => [{ name: 'cases.parquet', bytes: messyCases(referrals) }];
			restore ??= useParquetDecoder(null);
			useParquetDecoder(null);
			const general = await load(engine(), files());
			const generalTables = await snapshot();
			useParquetDecoder((r) => {
				calls++;
				return restore!(r);
			});
			const fast = await load(engine(), files());
			expect(fast.load).toEqual(general.load);
			expect(await snapshot()).toEqual(generalTables);
			return general;
		};
		// Without any referral reason: the clean column's list of distinct values is empty.
		await both(false);
		expect(await engine().query('SELECT count(*)::INT AS n FROM case_referrals')).toEqual([{ n: 0 }]);
		const general = await both(true);
		expect(calls).toBe(2);
		// What the rows hold: trimmed ids, the two C1 a duplicate, the empty id and the
		// jobcenter of only a space missing, codes read through their spaces.
		expect(general.load.files[0]).toMatchObject({ rows: 6, accepted: 3, rejected: 3 });
		expect(general.load.files[0].rejected_reasons).toEqual({ duplicate_case_id: 1, 'missing_value:case_id': 1, 'missing_value:jobcenter_id': 1 });
		expect(general.load.files[0].warnings).toMatchObject({ 'unknown_code:age_group': 1, 'unknown_code:referral_reasons': 1 });
		expect(await engine().query('SELECT case_id, jobcenter_id, exit_reason, gender, age_group FROM cases ORDER BY _rec')).toEqual([
			{ case_id: 'C1', jobcenter_id: 'JC01', exit_reason: 'arbeit_ausbildung', gender: 'w', age_group: 'u25' },
			{ case_id: 'C2', jobcenter_id: 'JC01', exit_reason: 'arbeit_ausbildung', gender: 'm', age_group: '25-34' },
			{ case_id: 'C3', jobcenter_id: 'JC02', exit_reason: null, gender: null, age_group: null }
		]);
		expect(await engine().query(`SELECT case_id, string_agg(reason, ',' ORDER BY reason) AS r FROM case_referrals GROUP BY 1 ORDER BY 1`)).toEqual([
			{ case_id: 'C1', r: 'psychisch,sucht' },
			{ case_id: 'C2', r: 'psychisch,sucht' }
		]);
	});
});

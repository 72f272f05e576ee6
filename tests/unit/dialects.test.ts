/**
 * The same ten cases exported four ways (DATA.md "Files and formats"): each export loads
 * to the counts of tests/fixtures/dialects/expected.json, umlauts included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, countBy, fixture, load, useEngine } from './helpers';

const expected = JSON.parse(fs.readFileSync(path.join(DIALECTS, 'expected.json'), 'utf8'));
const each = expected.each_file;

/** What the reader must detect for each export. */
const DETECTED: Record<string, { encoding: string; delimiter: string }> = {
	'excel_de_cp1252.csv': { encoding: 'windows-1252', delimiter: ';' },
	'excel_de_utf8_bom.csv': { encoding: 'utf-8-bom', delimiter: ';' },
	'plain_utf8_comma.csv': { encoding: 'utf-8', delimiter: ',' },
	'tab_separated_latin1.tsv': { encoding: 'windows-1252', delimiter: '\t' }
};

describe('dialect fixtures', () => {
	const engine = useEngine();

	it('lists the four exports this test knows', () => {
		expect([...expected.files].sort()).toEqual(Object.keys(DETECTED).sort());
		expect(fs.readdirSync(DIALECTS).filter((f) => f !== 'expected.json').sort()).toEqual(Object.keys(DETECTED).sort());
	});

	describe.each(expected.files as string[])('%s', (name) => {
		it('loads every row as a case with the expected counts', async () => {
			const e = engine();
			const ds = await load(e, [fixture(DIALECTS, name)]);
			const r = ds.load.files[0];
			expect(r.error).toBeNull();
			expect(r.table).toBe('cases');
			expect(r.rows).toBe(10);
			expect(r.accepted).toBe(each.accepted);
			expect(r.rejected).toBe(each.rejected);
			expect(r.rejected_reasons).toEqual({});
			expect(r.refused_columns).toEqual([]);
			expect(r.ignored_columns).toEqual([]);
			expect(r.warnings).toEqual({});
			expect(ds.tables.cases).toBe(10);

			expect(ds.stichtag).toEqual({ date: each.stichtag_if_none_given, source: 'data' });

			expect(ds.files[0].format).toBe('csv');
			expect(ds.files[0].encoding).toBe(DETECTED[name].encoding);
			expect(ds.files[0].delimiter).toBe(DETECTED[name].delimiter);

			const reasons = await countBy(e, 'SELECT exit_reason AS k, count(*) AS n FROM cases WHERE exit_date IS NOT NULL GROUP BY 1');
			expect(reasons).toEqual(each.exit_reasons);

			const [{ n: inCare }] = await e.query<{ n: number }>(
				'SELECT count(*)::INTEGER AS n FROM cases WHERE exit_date IS NULL AND exit_reason IS NULL'
			);
			expect(inCare).toBe(each.in_care);

			const jobcenters = await countBy(e, 'SELECT jobcenter_id AS k, count(*) AS n FROM cases GROUP BY 1');
			expect(jobcenters).toEqual(each.jobcenters);
			expect(jobcenters['Jobcenter Süd']).toBe(5);

			const referrals = await countBy(e, 'SELECT reason AS k, count(*) AS n FROM case_referrals GROUP BY 1');
			expect(referrals).toEqual(each.referral_reasons);
		});

		it('parses dates, codes and scores to the same values in every dialect', async () => {
			const e = engine();
			await load(e, [fixture(DIALECTS, name)]);
			const rows = await e.query<Record<string, unknown>>(
				`SELECT case_id, unit, CAST(entry_date AS VARCHAR) AS entry, CAST(exit_date AS VARCHAR) AS exit,
				        age_group, gender, employability_entry::INTEGER AS bf_in, employability_exit::INTEGER AS bf_out
				 FROM cases WHERE case_id IN ('F-001', 'F-003', 'F-008') ORDER BY case_id`
			);
			expect(rows).toEqual([
				{ case_id: 'F-001', unit: 'Witten', entry: '2022-01-10', exit: '2022-09-30', age_group: '35-44', gender: 'w', bf_in: 2, bf_out: 3 },
				{ case_id: 'F-003', unit: 'Hattingen', entry: '2022-03-15', exit: null, age_group: '55+', gender: 'm', bf_in: 2, bf_out: null },
				{ case_id: 'F-008', unit: 'Gevelsberg', entry: '2022-07-01', exit: '2023-06-30', age_group: '55+', gender: 'm', bf_in: 2, bf_out: 2 }
			]);
		});
	});

	it('loads all four exports together, the later copies as duplicates', async () => {
		const e = engine();
		const ds = await load(e, (expected.files as string[]).map((f) => fixture(DIALECTS, f)));
		expect(ds.load.files.map((f) => [f.accepted, f.rejected])).toEqual([[10, 0], [0, 10], [0, 10], [0, 10]]);
		expect(ds.load.rejected_reasons).toEqual({ duplicate_case_id: 30 });
		expect(ds.tables.cases).toBe(10);
	});
});

/**
 * Hostile values: markup, quotes and SQL in the data are ordinary text. They load as
 * exactly those strings, nothing is executed, and filtering by them works.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/lib/indicators/report';
import { file, load, useEngine } from './helpers';

const XSS = '<img src=x onerror=alert(1)>';
const INJECT = "a'); DROP TABLE cases;--";

/** Quotes a CSV field the way Excel does (doubled quotes inside). */
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;

const CASES = [
	'case_id;jobcenter_id;unit;entry_date;exit_date;exit_reason',
	`${q(INJECT)};${XSS};Jobcenter <b>Mitte</b>;2023-01-02;2023-03-01;Arbeitsaufnahme`,
	`B1;O'Brien-Kreis;${q('Team "Süd"; West')};2023-01-03;2023-04-01;Reha`,
	`B2;O'Brien-Kreis;Ost;2023-01-04;2023-05-01;Arbeitsaufnahme`,
	`B3;O'Brien-Kreis;Ost;2023-01-05;;`,
	`B4;O'Brien-Kreis;Ost;2023-01-06;;`,
	`B5;O'Brien-Kreis;Ost;2023-01-07;2023-05-02;EU`,
	`C1;Nord;Ost;2023-01-08;;`,
	`C2;Nord;Ost;2023-01-09;;`
].join('\n');

const JOBCENTERS = ['jobcenter_id;name;state', `${XSS};${q(`<script>alert("x")</script>`)};NW`, `O'Brien-Kreis;O'Brien-Kreis;BY`].join('\n');

describe('hostile values', () => {
	const engine = useEngine();

	it('loads markup, quotes and SQL as the exact strings', async () => {
		const ds = await load(engine(), [file('cases.csv', CASES), file('jobcenters.csv', JOBCENTERS)]);
		expect(ds.load.files.map((f) => [f.table, f.rows, f.accepted, f.rejected])).toEqual([
			['cases', 8, 8, 0],
			['jobcenters', 2, 2, 0]
		]);
		const rows = await engine().query<{ case_id: string; jobcenter_id: string; unit: string }>(
			'SELECT case_id, jobcenter_id, unit FROM cases ORDER BY _rec LIMIT 2'
		);
		expect(rows).toEqual([
			{ case_id: INJECT, jobcenter_id: XSS, unit: 'Jobcenter <b>Mitte</b>' },
			{ case_id: 'B1', jobcenter_id: "O'Brien-Kreis", unit: 'Team "Süd"; West' }
		]);
		expect(await engine().query('SELECT jobcenter_id, name FROM jobcenters ORDER BY _rec')).toEqual([
			{ jobcenter_id: XSS, name: '<script>alert("x")</script>' },
			{ jobcenter_id: "O'Brien-Kreis", name: "O'Brien-Kreis" }
		]);
	});

	it('keeps the cases table after an id that looks like SQL', async () => {
		const ds = await load(engine(), [file('cases.csv', CASES)]);
		expect(ds.tables.cases).toBe(8);
		const tables = await engine().query<{ table_name: string }>(
			"SELECT DISTINCT table_name FROM information_schema.tables WHERE table_name = 'cases'"
		);
		expect(tables).toEqual([{ table_name: 'cases' }]);
		const [{ n }] = await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases WHERE case_id = ?', [INJECT]);
		expect(n).toBe(1);
	});

	it('a hostile label of an exit reason is reported verbatim', async () => {
		const ds = await load(engine(), [
			file('cases.csv', `case_id;jobcenter_id;entry_date;exit_date;exit_reason\nA1;JC;2023-01-01;2023-02-01;${XSS}`)
		]);
		expect(ds.load.files[0].unknown_codes).toEqual({ [XSS]: 1 });
		expect(await engine().query('SELECT exit_reason FROM cases')).toEqual([{ exit_reason: 'sonstiges' }]);
	});

	it("filters by jobcenter_id=O'Brien-Kreis and selects exactly its cases", async () => {
		const ds = await load(engine(), [file('cases.csv', CASES), file('jobcenters.csv', JOBCENTERS)]);
		const period = { from: '2023-01-01', to: '2023-06-30' };
		const all = await buildReport(engine(), ds, { period, k: 1 });
		expect(all.flow).toMatchObject({ entries: 8, exits: 4, stock_end: 4 });

		const obrien = await buildReport(engine(), ds, { period, k: 1, filters: { jobcenter_id: ["O'Brien-Kreis"] } });
		expect(obrien.flow).toMatchObject({ entries: 5, exits: 3, stock_end: 2 });
		expect(obrien.integration_share).toMatchObject({ numerator: 1, denominator: 3 });

		const xss = await buildReport(engine(), ds, { period, k: 1, filters: { jobcenter_id: [XSS] } });
		expect(xss.flow).toMatchObject({ entries: 1, exits: 1, stock_end: 0 });

		const state = await buildReport(engine(), ds, { period, k: 1, filters: { state: ['BY'] } });
		expect(state.flow).toMatchObject({ entries: 5, exits: 3 });

		const unit = await buildReport(engine(), ds, { period, k: 1, filters: { unit: ['Team "Süd"; West'] } });
		expect(unit.flow).toMatchObject({ entries: 1, exits: 1 });

		const none = await buildReport(engine(), ds, { period, k: 1, filters: { jobcenter_id: ["O'Brien-Kreis' OR '1'='1"] } });
		expect(none.flow).toMatchObject({ entries: 0, exits: 0, stock_end: 0 });
		expect(ds.tables.cases).toBe(8);
	});
});

/**
 * The monthly event tables (events.ts) must give exactly the numbers of the case rows:
 * the whole report, group rows included, for month-aligned periods under every kind of
 * filter they accept; and they must not be read when a period or a filter is outside them.
 */
import { describe, expect, it } from 'vitest';
import { EventTables, aggregatable, buildAggregates, monthAligned, useAggregates } from '../../src/lib/indicators/events';
import { buildReport, type ReportOptions } from '../../src/lib/indicators/report';
import { demoFiles, load, useDemo, useEngine } from './helpers';

const engine = useEngine();
const demo = useDemo(engine);
const kept = new EventTables(8);

const CASES: [string, ReportOptions][] = [
	['the default view', {}],
	['a quarter for women', { period: { from: '2024-07-01', to: '2024-09-30' }, filters: { gender: ['w'] } }],
	['two jobcenters, under 25', { period: { from: '2023-01-01', to: '2024-12-31' }, filters: { jobcenter_id: ['JC03', 'JC05'], age_group: ['u25'] } }],
	['a Land (a jobcenter attribute) and a program', { filters: { state: ['NW', 'BY'], program: ['bFM'] } }],
	['one month, k = 3, grouped by jobcenter', { period: { from: '2024-02-01', to: '2024-02-29' }, k: 3, groupBy: 'jobcenter_id' }],
	['grouped by comparison type for one unit', { groupBy: 'comparison_type', filters: { profile: ['aktivierungsprofil'] } }]
];

describe('the monthly event tables', () => {
	for (const [what, opts] of CASES) {
		it(`give the same report as the case rows: ${what}`, async () => {
			const raw = await buildReport(engine(), demo(), { ...opts, aggregates: false });
			const agg = await buildReport(engine(), demo(), { ...opts, aggregates: true });
			expect(agg).toEqual(raw);
			// The same kept as small tables, twice (the second time read from them).
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: false, events: kept })).toEqual(raw);
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: true, events: kept })).toEqual(raw);
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: true, events: kept })).toEqual(raw);
			// Not a trivially empty comparison.
			expect(raw.flow?.stock_end ?? raw.flow?.suppressed.stock_end).toBeTruthy();
		});
	}

	it('are exact only for whole months and for case-dimension filters', () => {
		expect(monthAligned([{ from: '2024-01-01', to: '2024-12-31' }, { from: '2024-02-01', to: '2024-02-29' }])).toBe(true);
		expect(monthAligned([{ from: '2024-01-02', to: '2024-12-31' }])).toBe(false);
		expect(monthAligned([{ from: '2024-01-01', to: '2024-12-30' }])).toBe(false);
		expect(aggregatable({ gender: ['w'], state: ['NW'], measure: [] })).toBe(true);
		expect(aggregatable({ referral_reason: ['psyche'] })).toBe(false);
		expect(aggregatable({ entry_from: ['2024-01-01'] })).toBe(false);
		expect(useAggregates({ aggregates: true, filters: {} }, [{ from: '2024-01-15', to: '2024-02-14' }])).toBe(false);
		expect(useAggregates({ aggregates: false, filters: {} }, [{ from: '2024-01-01', to: '2024-01-31' }])).toBe(false);
	});

	it('are not used for a period that starts mid-month, and the numbers still agree', async () => {
		const opts: ReportOptions = { period: { from: '2024-03-15', to: '2024-09-14' }, filters: { referral_reason: ['psychisch'] } };
		const raw = await buildReport(engine(), demo(), { ...opts, aggregates: false });
		const agg = await buildReport(engine(), demo(), { ...opts, aggregates: true });
		expect(agg).toEqual(raw);
	});

	it('hold fewer rows than there are cases', async () => {
		const [{ n }] = await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM tm_agg_full_e_entry');
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThan(demo().tables.cases);
		// The smaller levels: one row per month (and jobcenter, age group, gender).
		const [{ total, jag }] = await engine().query<{ total: number; jag: number }>(
			`SELECT (SELECT count(*) FROM tm_agg_total_e_entry)::INTEGER AS total, (SELECT count(*) FROM tm_agg_jc_age_gender_e_entry)::INTEGER AS jag`
		);
		const [{ months }] = await engine().query<{ months: number }>(
			"SELECT count(DISTINCT date_trunc('month', entry_date))::INTEGER AS months FROM cases"
		);
		expect(total).toBe(months);
		expect(jag).toBeGreaterThan(total);
		expect(jag).toBeLessThan(n);
	});

	it('are what the aggregated report reads (a changed count shows)', async () => {
		await engine().exec(`UPDATE tm_agg_total_e_exit SET n = n + 7 WHERE rowid = (SELECT min(rowid) FROM tm_agg_total_e_exit
			WHERE exit_reason = 'arbeit_ausbildung' AND d = DATE '2024-06-01')`);
		const count = (r: Awaited<ReturnType<typeof buildReport>>) => r.exit_reasons?.find((x) => x.code === 'arbeit_ausbildung')?.count;
		const raw = await buildReport(engine(), demo(), { core: true, aggregates: false });
		const agg = await buildReport(engine(), demo(), { core: true, aggregates: true });
		expect(count(agg)).toBe((count(raw) ?? NaN) + 7);
		await buildAggregates(engine());
	});

	it('keep a table left out of use until as many newer ones were left out, then drop it', async () => {
		const tables = new EventTables(2);
		const names: string[] = [];
		for (let i = 0; i < 6; i++) names.push(await tables.table(engine(), { sql: 'SELECT ?::INTEGER AS x', params: [i] }));
		// Asked again: the same table.
		expect(await tables.table(engine(), { sql: 'SELECT ?::INTEGER AS x', params: [5] })).toBe(names[5]);
		await engine().query('SELECT 1'); // the drops are queued behind the creates
		const exists = async (t: string) =>
			(await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ?', [t]))[0].n === 1;
		// 0 and 1 were dropped (more than 2 retired after them), 2 and 3 retired but kept, 4 and 5 in use.
		expect(await Promise.all(names.map(exists))).toEqual([false, false, true, true, true, true]);
	});
});

describe('loading Parquet in parts', () => {
	it('gives the same load report, tables and report as in one part', async () => {
		const snapshot = async () => ({
			cases: await engine().query('SELECT count(*)::INTEGER AS n, sum(_rec)::DOUBLE AS r, count(DISTINCT case_id)::INTEGER AS d FROM cases'),
			measures: await engine().query('SELECT count(*)::INTEGER AS n, sum(_rec)::DOUBLE AS r FROM measures'),
			referrals: await engine().query('SELECT count(*)::INTEGER AS n FROM case_referrals')
		});
		const whole = await load(engine(), demoFiles());
		const wholeTables = await snapshot();
		const wholeReport = await buildReport(engine(), whole, {});
		const parted = await load(engine(), demoFiles(), { chunkRows: 6000 });
		expect(parted.load).toEqual(whole.load);
		expect(await snapshot()).toEqual(wholeTables);
		expect(await buildReport(engine(), parted, {})).toEqual(wholeReport);
		expect(parted.tables.cases).toBeGreaterThan(6000 * 3);
	});
});

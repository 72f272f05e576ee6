/**
 * The monthly event tables (events.ts) must give exactly the numbers of the case rows:
 * the whole report, group rows included, for month-aligned periods under every kind of
 * filter they accept; and they must not be read when a period or a filter is outside them.
 * The case tallies (tallies.ts) likewise for the durations, strata, cohorts and milestones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cubes } from '../../src/lib/indicators/cube';
import { aggregatable, monthAligned, useAggregates } from '../../src/lib/indicators/events';
import { buildAggregates, readCubes } from '../../src/lib/indicators/aggregates';
import { caseParts } from '../../src/lib/indicators/parts';
import { buildReport, resolvePeriod, type ReportOptions } from '../../src/lib/indicators/report';
import type { Ctx, Filters } from '../../src/lib/indicators/context';
import { strata } from '../../src/lib/indicators/strata';
import { cohorts } from '../../src/lib/indicators/cohorts';
import { milestones } from '../../src/lib/indicators/milestones';
import { zusteuerungsdauerByJobcenter } from '../../src/lib/indicators/durations';
import { compareCohorts } from '../../src/lib/indicators/comparison';
import { timeInCareCounts } from '../../src/lib/indicators/time-in-care';
import { ALL_LEVEL_CUBE_MAX_ROWS, JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS, PROGRAM_TALLIES_MAX_CASES, TALLY_NAMES, allLevelRows, heldTallyCubes, columnStratum, levelRows, tally, tallyBuildSql, tallyCubes, type TallyName } from '../../src/lib/indicators/tallies';
import { warmUp } from '../../src/lib/state/warm-up';
import { DEMO_PARTS, demoFiles, load, useCubes, useDemo, useEngine } from './helpers';

/** Two parts, as a build of two jobcenters would have. */
const DEMO_SQL_PARTS = [
	{ sql: 'c.jobcenter_id IN (?)', params: ['JC01'] },
	{ sql: 'c.jobcenter_id IN (?)', params: ['JC02'] }
];

const engine = useEngine();
const demo = useDemo(engine);
const held = useCubes(engine);

const CASES: [string, ReportOptions][] = [
	['the default view', {}],
	['a quarter for women', { period: { from: '2024-07-01', to: '2024-09-30' }, filters: { gender: ['w'] } }],
	['two jobcenters, under 25', { period: { from: '2023-01-01', to: '2024-12-31' }, filters: { jobcenter_id: ['JC03', 'JC05'], age_group: ['u25'] } }],
	['a Land (a jobcenter attribute) and a program', { filters: { state: ['NW', 'BY'], program: ['bFM'] } }],
	['one month, k = 3, grouped by jobcenter', { period: { from: '2024-02-01', to: '2024-02-29' }, k: 3, groupBy: 'jobcenter_id' }],
	['grouped by comparison type for one unit', { groupBy: 'comparison_type', filters: { profile: ['aktivierungsprofil'] } }],
	['a Profillage for women, grouped by program (the program × age × gender level)', { groupBy: 'program', filters: { profile: ['aktivierungsprofil'], gender: ['w'] } }]
];

describe('the monthly event tables', () => {
	for (const [what, opts] of CASES) {
		it(`give the same report as the case rows: ${what}`, async () => {
			const raw = await buildReport(engine(), demo(), { ...opts, aggregates: false });
			const agg = await buildReport(engine(), demo(), { ...opts, aggregates: true, tallies: TALLY_NAMES });
			expect(agg).toEqual(raw);
			// The same from the cubes held in the page, twice (the second time remembered).
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: true, tallies: TALLY_NAMES, cubes: held() })).toEqual(raw);
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: true, tallies: TALLY_NAMES, cubes: held() })).toEqual(raw);
			// Not a trivially empty comparison.
			expect(raw.flow?.stock_end ?? raw.flow?.suppressed.stock_end).toBeTruthy();
		});
	}

	it('group by a jobcenter attribute as the report filtered to each of its values does', async () => {
		const period = { from: '2024-01-01', to: '2024-06-30' };
		for (const dim of ['org_type', 'comparison_type', 'area_type'] as const) {
			const grouped = await buildReport(engine(), demo(), { period, k: 3, groupBy: dim, aggregates: true, tallies: TALLY_NAMES, cubes: held() });
			const keys = grouped.groups!.map((g) => g.key).sort();
			// Groups of several jobcenters: the demo's eight jobcenters have two org types and three area types.
			expect(keys.length, dim).toBeLessThan(8);
			for (const g of grouped.groups!) {
				const one = await buildReport(engine(), demo(), { period, k: 3, filters: { [dim]: [g.key] }, aggregates: false });
				const what = `${dim} ${g.key}`;
				expect(g.integration_share, what).toEqual(one.integration_share);
				expect(g.integrationsquote, what).toEqual(one.integrationsquote);
				expect(g.ermoeglichungsquote, what).toEqual(one.ermoeglichungsquote);
				expect(g.bf_erhoehung?.numerator, what).toBe(one.bf_erhoehung?.numerator);
				expect(g.bf_erhoehung?.denominator, what).toBe(one.bf_erhoehung?.denominator);
				expect(g.exits, what).toBe(one.flow!.exits);
				expect(g.median_days, what).toBe(one.verweildauer!.median_days);
			}
		}
		const areas = await buildReport(engine(), demo(), { period, k: 3, groupBy: 'area_type', aggregates: false });
		expect(areas.groups!.map((g) => [g.key, g.n])).toEqual([
			['grossstadt', 2916],
			['laendlich', 1946],
			['staedtisch', 3252]
		]);
	});

	it('are warmed up with selections of their own, which change no number and stop for a newer load', async () => {
		const cubes = await readCubes(engine(), TALLY_NAMES);
		const options = { gender: [{ value: 'd' }, { value: 'm' }, { value: 'w' }], age_group: [{ value: 'u25' }], jobcenter_id: [{ value: 'JC03' }] };
		const period = resolvePeriod(demo().stichtag!.date, {});
		let asked = 0;
		const counting = { ...engine(), query: <T>(sql: string, params?: readonly unknown[]) => (asked++, engine().query<T>(sql, params)) };
		await warmUp(counting, demo(), { tallies: TALLY_NAMES, cubes, options, period, current: () => false });
		expect(asked).toBe(0);
		await warmUp(counting, demo(), { tallies: TALLY_NAMES, cubes, options, period, current: () => true });
		expect(asked).toBeGreaterThan(0);
		// What the warm-up left remembered in the cubes gives the case rows' numbers.
		for (const opts of [{ filters: { gender: ['d'] }, groupBy: 'jobcenter_id' }, { filters: { age_group: ['u25'], jobcenter_id: ['JC03'] }, groupBy: 'state' }] as ReportOptions[]) {
			const raw = await buildReport(engine(), demo(), { ...opts, aggregates: false });
			expect(await buildReport(engine(), demo(), { ...opts, aggregates: true, tallies: TALLY_NAMES, cubes })).toEqual(raw);
			expect(raw.groups!.length).toBeGreaterThan(0);
		}
	}, 60_000);

	it('are built in parts of whole jobcenters, a large jobcenter split by age group', async () => {
		const parts = await caseParts(engine(), DEMO_PARTS.tallies);
		// JC03 (1,188 cases) is a part of its own; JC05 (4,000) is split by age group.
		expect(parts).toContainEqual({ sql: 'c.jobcenter_id IN (?)', params: ['JC03'] });
		const jc05 = parts.filter((p) => p.params[0] === 'JC05');
		expect(jc05.length).toBeGreaterThan(1);
		expect(jc05.every((p) => p.sql.startsWith('c.jobcenter_id = ? AND c.age_group '))).toBe(true);
		expect(jc05.some((p) => p.sql.startsWith('c.jobcenter_id = ? AND c.age_group IN ('))).toBe(true);
		// Every case in exactly one part.
		let total = 0;
		for (const p of parts) total += (await engine().query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cases c WHERE ${p.sql}`, p.params))[0].n;
		expect(total).toBe(demo().tables.cases);
	});

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
		const agg = await buildReport(engine(), demo(), { ...opts, aggregates: true, tallies: TALLY_NAMES });
		expect(agg).toEqual(raw);
	});

	it('hold fewer rows than there are cases', async () => {
		const [{ n }] = await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM tm_agg_full_e_entry');
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThan(demo().tables.cases);
		// The smaller levels: one row per month (and age group, gender; and jobcenter).
		const [{ total, ag, jag }] = await engine().query<{ total: number; ag: number; jag: number }>(
			`SELECT (SELECT count(*) FROM tm_agg_total_e_entry)::INTEGER AS total, (SELECT count(*) FROM tm_agg_age_gender_e_entry)::INTEGER AS ag,
				(SELECT count(*) FROM tm_agg_jc_age_gender_e_entry)::INTEGER AS jag`
		);
		const [{ months }] = await engine().query<{ months: number }>(
			"SELECT count(DISTINCT date_trunc('month', entry_date))::INTEGER AS months FROM cases"
		);
		expect(total).toBe(months);
		expect(ag).toBeGreaterThan(total);
		expect(jag).toBeGreaterThan(ag);
		expect(jag).toBeLessThan(n);
	});

	it('store their sums as BIGINT, never as HUGEINT (slow to read back)', async () => {
		const types = await engine().query<{ table_name: string; column_name: string; data_type: string }>(
			"SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name = 'tm_agg_full_e_exit' AND column_name LIKE 'ka_%' ORDER BY column_name"
		);
		expect(types.map((t) => `${t.column_name} ${t.data_type}`)).toEqual(['ka_appts BIGINT', 'ka_days BIGINT', 'ka_n BIGINT']);
		const [{ n }] = await engine().query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE data_type = 'HUGEINT'");
		expect(n).toBe(0);
	});

	it('are what the aggregated report reads (a changed count shows)', async () => {
		await engine().exec(`UPDATE tm_agg_total_e_exit SET n = n + 7 WHERE rowid = (SELECT min(rowid) FROM tm_agg_total_e_exit
			WHERE exit_reason = 'arbeit_ausbildung' AND d = DATE '2024-06-01')`);
		const count = (r: Awaited<ReturnType<typeof buildReport>>) => r.exit_reasons?.find((x) => x.code === 'arbeit_ausbildung')?.count;
		const raw = await buildReport(engine(), demo(), { core: true, aggregates: false });
		const agg = await buildReport(engine(), demo(), { core: true, aggregates: true, tallies: TALLY_NAMES });
		expect(count(agg)).toBe((count(raw) ?? NaN) + 7);
		// Women alone read the age × gender level.
		await engine().exec(`UPDATE tm_agg_age_gender_e_exit SET n = n + 3 WHERE rowid = (SELECT min(rowid) FROM tm_agg_age_gender_e_exit
			WHERE exit_reason = 'arbeit_ausbildung' AND d = DATE '2024-06-01' AND gender = 'w')`);
		const w = { filters: { gender: ['w'] } };
		const rawW = await buildReport(engine(), demo(), { ...w, core: true, aggregates: false });
		expect(count(await buildReport(engine(), demo(), { ...w, core: true, aggregates: true, tallies: TALLY_NAMES }))).toBe((count(rawW) ?? NaN) + 3);
		// A program reads the program × gender level, a program with a Profillage for women the
		// program × age × gender level, a program for women in one jobcenter the jobcenter ×
		// program × gender level, with a Profillage the one with the Profillage too, a program for
		// under-25s in one jobcenter the full level. (k = 1: these cells are small in the demo.)
		const bump = async (table: string, by: number, where: string) =>
			engine().exec(`UPDATE ${table} SET n = n + ${by} WHERE rowid = (SELECT min(rowid) FROM ${table}
				WHERE exit_reason = 'arbeit_ausbildung' AND d BETWEEN DATE '2024-01-01' AND DATE '2024-12-01' AND ${where})`);
		const bfm = { filters: { program: ['bFM'] } };
		const women = { filters: { program: ['bFM'], profile: ['foerderprofil'], gender: ['w'] } };
		const jcWomen = { filters: { program: ['bFM'], gender: ['w'], jobcenter_id: ['JC01'] } };
		const jcProfileWomen = { filters: { program: ['bFM'], profile: ['foerderprofil'], gender: ['w'], jobcenter_id: ['JC01'] } };
		const jcYoung = { filters: { program: ['bFM'], age_group: ['u25'], jobcenter_id: ['JC01'] } };
		const raws = [];
		for (const o of [bfm, women, jcWomen, jcProfileWomen, jcYoung]) raws.push(await buildReport(engine(), demo(), { ...o, k: 1, core: true, aggregates: false }));
		const [rawBfm, rawWomen, rawJcWomen, rawJcProfileWomen, rawJcYoung] = raws;
		await bump('tm_agg_program_gender_e_exit', 4, `program = 'bFM'`);
		await bump('tm.main.tm_agg_program_age_gender_e_exit', 2, `program = 'bFM' AND profile = 'foerderprofil' AND gender = 'w'`);
		await bump('tm.main.tm_agg_jc_program_gender_e_exit', 5, `program = 'bFM' AND gender = 'w' AND jobcenter_id = 'JC01'`);
		await bump('tm.main.tm_agg_jc_program_profile_gender_e_exit', 6, `program = 'bFM' AND profile = 'foerderprofil' AND gender = 'w' AND jobcenter_id = 'JC01'`);
		const aggOf = (o: { filters: Filters }) => buildReport(engine(), demo(), { ...o, k: 1, core: true, aggregates: true, tallies: TALLY_NAMES });
		expect(count(await aggOf(bfm))).toBe((count(rawBfm) ?? NaN) + 4);
		expect(count(await aggOf(women))).toBe((count(rawWomen) ?? NaN) + 2);
		expect(count(await aggOf(jcWomen))).toBe((count(rawJcWomen) ?? NaN) + 5);
		expect(count(await aggOf(jcProfileWomen))).toBe((count(rawJcProfileWomen) ?? NaN) + 6);
		expect(count(await aggOf(jcYoung))).toBe(count(rawJcYoung));
		expect(count(rawJcYoung)).toBeGreaterThan(0);
		await buildAggregates(engine(), demo().stichtag!.date, {}, DEMO_PARTS);
	});
});

describe('the case tallies', () => {
	const SELECTIONS: [string, Filters][] = [
		['all cases', {}],
		['women', { gender: ['w'] }],
		['two jobcenters, under 25', { jobcenter_id: ['JC03', 'JC05'], age_group: ['u25'] }],
		['a Land (a jobcenter attribute)', { state: ['NW'] }],
		['a program (the program × gender level)', { program: ['bFM'] }],
		['a program and a Profillage (the program level)', { program: ['bFM'], profile: ['aktivierungsprofil', 'foerderprofil'] }],
		['a program for women (the program × gender level)', { program: ['bFM'], gender: ['w'] }],
		['a program with a Profillage for women (the program × age × gender level)', { program: ['bFM'], profile: ['foerderprofil'], gender: ['w'] }],
		['a Profillage for two age groups (the program × age × gender level)', { profile: ['foerderprofil'], age_group: ['u25', '55+'] }],
		['a program for women in a jobcenter (the jobcenter × program × gender level)', { jobcenter_id: ['JC01'], program: ['bFM'], gender: ['w'] }],
		['a program per jobcenter (the jobcenter × program × gender level)', { program: ['bFM', 'spez. FM'], state: ['NW', 'BY'] }],
		['a program with a Profillage for women in a jobcenter (the jobcenter × program × Profillage × gender level)', { jobcenter_id: ['JC01'], program: ['bFM'], profile: ['foerderprofil'], gender: ['w'] }],
		['a Profillage for women, per jobcenter (the jobcenter × program × gender level)', { profile: ['foerderprofil'], gender: ['w'], state: ['NW', 'BY'] }],
		['a program for under-25s in a jobcenter (the level of all dimensions, by SQL)', { jobcenter_id: ['JC01'], program: ['bFM'], age_group: ['u25'] }],
		['a unit (the level of all dimensions, by SQL)', { unit: ['Standort Mitte'] }],
		['a unit for women in a program', { unit: ['Standort Mitte'], gender: ['w'], program: ['bFM'] }]
	];
	const ctxOf = (filters: Filters, aggregates: boolean, cubes?: Cubes): Ctx => ({
		period: resolvePeriod(demo().stichtag!.date),
		k: 3,
		filters,
		stichtag: demo().stichtag!.date,
		tables: demo().tables,
		aggregates,
		tallies: aggregates ? TALLY_NAMES : [],
		cubes
	});
	// The tallies' tables held in the page, as the dashboard reads them (the demo's level of all dimensions too).
	const cubes = new Cubes();
	beforeAll(async () => {
		await cubes.loadJobcenters(engine());
		for (const name of TALLY_NAMES) await cubes.load(engine(), await heldTallyCubes(engine(), name, demo().tables.cases));
		expect(cubes.get('tm.main.tm_tally_all_time_in_care')).toBeDefined();
	});
	// Everything the Verläufe, Kohorten and Regionen views ask beyond the report.
	const durations = (ctx: Ctx) =>
		Promise.all([
			strata(engine(), ctx, 'jobcenter_id'),
			strata(engine(), ctx, 'gender'),
			strata(engine(), ctx, 'referral_reason'),
			strata(engine(), ctx, 'entry_year'),
			cohorts(engine(), ctx, 'quarter'),
			milestones(engine(), ctx),
			zusteuerungsdauerByJobcenter(engine(), ctx),
			compareCohorts(engine(), ctx, { ...ctx.filters, gender: ['w'] }, { ...ctx.filters, gender: ['m'] })
		]);

	// As at 10M cases: the largest level over its budget, the jobcenter × program × gender levels held instead.
	const standIns = new Cubes();
	beforeAll(async () => {
		await standIns.loadJobcenters(engine());
		const rows = { all: ALL_LEVEL_CUBE_MAX_ROWS + 1, jc_program_profile_gender: 0, jc_program_gender: 0 };
		for (const name of TALLY_NAMES) await standIns.load(engine(), tallyCubes(name, demo().tables.cases, rows));
		expect(standIns.get('tm.main.tm_tally_jc_program_profile_gender_time_in_care')).toBeDefined();
		expect(standIns.get('tm.main.tm_tally_jc_program_gender_time_in_care')).toBeDefined();
		expect(standIns.get('tm.main.tm_tally_all_time_in_care')).toBeUndefined();
	});

	for (const [what, filters] of SELECTIONS) {
		it(`give the same durations, strata, cohorts and milestones as the case rows: ${what}`, async () => {
			const raw = await durations(ctxOf(filters, false));
			expect(await durations(ctxOf(filters, true))).toEqual(raw);
			expect(await durations(ctxOf(filters, true, cubes))).toEqual(raw);
			expect(await durations(ctxOf(filters, true, standIns))).toEqual(raw);
			// Not a trivially empty comparison.
			expect(raw[0].strata.length).toBeGreaterThan(0);
			expect(raw[5].some((m) => m.cases !== null)).toBe(true);
		});
	}

	it('count the milestones reached and not reached as the case rows do, though built without joining every case with every code', async () => {
		const reached = (tallies: TallyName[], column: string) =>
			tally<{ stratum: string; code: string; reached: boolean; t: number; n: number }>(
				engine(),
				{ filters: {}, stichtag: demo().stichtag!.date, tallies },
				'milestone_reached',
				['code', 'reached', 't'],
				columnStratum(column)
			);
		const key = (r: { stratum: string; code: string; reached: boolean; t: number }) => `${r.stratum}|${r.code}|${r.reached}|${r.t}`;
		for (const column of ['jobcenter_id', 'age_group', 'gender', 'program', 'profile']) {
			const built = await reached(['milestone_reached'], column);
			const cases = await reached([], column);
			expect(built.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(cases.sort((a, b) => key(a).localeCompare(key(b))));
			expect(cases.some((r) => !r.reached) && cases.some((r) => r.reached)).toBe(true);
		}
	});

	it('build the same milestones above 10M, the jobcenter × age × gender level from the cases, as added up from the level of all dimensions', async () => {
		const table = 'tm_tally_jc_age_gender_milestone_reached';
		const rows = () => engine().query(`SELECT * FROM ${table} ORDER BY ALL`);
		// Up to 10M, as built: added up from the level of all dimensions.
		const fromAll = await rows();
		const large = tallyBuildSql('milestone_reached', demo().stichtag!.date, PROGRAM_TALLIES_MAX_CASES + 1, await caseParts(engine(), DEMO_PARTS.tallies));
		expect(large.some((s) => s.sql.includes('reached_by_end') && s.sql.includes(`TABLE ${table} AS`))).toBe(true);
		for (const s of large) await engine().query(s.sql, s.params);
		expect(await rows()).toEqual(fromAll);
		expect(fromAll.length).toBeGreaterThan(100);
	});

	it('are what the durations read (a changed count shows), and hold fewer rows than there are cases', async () => {
		const n = async (aggregates: boolean) =>
			(await timeInCareCounts(engine(), ctxOf({ gender: ['w'] }, aggregates))).reduce((s, r) => s + r.n, 0);
		const before = await n(false);
		expect(await n(true)).toBe(before);
		// A filter on gender alone reads the gender level, one on an age group the age × gender level.
		await engine().exec(`UPDATE tm_tally_gender_time_in_care SET n = n + 7 WHERE rowid = (
			SELECT min(rowid) FROM tm_tally_gender_time_in_care WHERE gender = 'w')`);
		expect(await n(true)).toBe(before + 7);
		expect(await n(false)).toBe(before);
		const u25 = async (aggregates: boolean) =>
			(await timeInCareCounts(engine(), ctxOf({ age_group: ['u25'] }, aggregates))).reduce((s, r) => s + r.n, 0);
		const young = await u25(false);
		await engine().exec(`UPDATE tm_tally_age_gender_time_in_care SET n = n + 5 WHERE rowid = (
			SELECT min(rowid) FROM tm_tally_age_gender_time_in_care WHERE age_group = 'u25')`);
		expect(await u25(true)).toBe(young + 5);
		await buildAggregates(engine(), demo().stichtag!.date, {}, DEMO_PARTS);
		expect(await n(true)).toBe(before);
		const [{ rows }] = await engine().query<{ rows: number }>('SELECT count(*)::INTEGER AS rows FROM tm_tally_jc_age_gender_time_in_care');
		expect(rows).toBeLessThan(demo().tables.cases);
	});

	it('have a program level up to 10M cases (measured there: the tab within 3 GB; above, not measured)', async () => {
		const writes = (sql: { sql: string }[], table: string) => sql.filter((s) => new RegExp(`(TABLE|INTO) ${table}`).test(s.sql)).length;
		expect(PROGRAM_TALLIES_MAX_CASES).toBe(10_000_000);
		const small = tallyBuildSql('time_in_care', '2024-12-31', 10_000_000, DEMO_SQL_PARTS);
		const large = tallyBuildSql('time_in_care', '2024-12-31', 10_000_001, DEMO_SQL_PARTS);
		// Up to 10M: the level of all dimensions from the cases (a statement per part), the others added up from it.
		expect(writes(small, 'tm.main.tm_tally_all_time_in_care')).toBe(2);
		expect(writes(small, 'tm_tally_jc_program_profile_time_in_care')).toBe(1);
		expect(writes(small, 'tm_tally_jc_age_gender_time_in_care')).toBe(1);
		expect(writes(small, 'tm.main.tm_tally_program_age_gender_time_in_care')).toBe(1);
		expect(writes(small, 'tm.main.tm_tally_jc_program_profile_gender_time_in_care')).toBe(1);
		expect(writes(small, 'tm_tally_program_gender_time_in_care')).toBe(1);
		expect(writes(small, 'tm.main.tm_tally_jc_program_gender_time_in_care')).toBe(1);
		// Above: the jobcenter × age × gender level from the cases, no program level.
		expect(writes(large, 'tm.main.tm_tally_all_time_in_care')).toBe(0);
		expect(writes(large, 'tm_tally_jc_program_profile_time_in_care')).toBe(0);
		expect(writes(large, 'tm_tally_jc_age_gender_time_in_care')).toBe(2);
		expect(writes(large, 'tm.main.tm_tally_program_age_gender_time_in_care')).toBe(0);
		expect(writes(large, 'tm.main.tm_tally_jc_program_profile_gender_time_in_care')).toBe(0);
		expect(writes(large, 'tm_tally_program_gender_time_in_care')).toBe(0);
		expect(writes(large, 'tm.main.tm_tally_jc_program_gender_time_in_care')).toBe(0);
		expect(tallyCubes('milestone_reached', 10_000_000).map((c) => c.table)).toContain('tm_tally_jc_program_profile_milestone_reached');
		expect(tallyCubes('milestone_reached', 10_000_000).map((c) => c.table)).toContain('tm.main.tm_tally_program_age_gender_milestone_reached');
		// The level of all dimensions is held while it is small enough, and only where it is built.
		const all = 'tm.main.tm_tally_all_milestone_reached';
		expect(tallyCubes('milestone_reached', 1_000_000, { all: ALL_LEVEL_CUBE_MAX_ROWS }).map((c) => c.table)).toContain(all);
		expect(tallyCubes('milestone_reached', 1_000_000, { all: ALL_LEVEL_CUBE_MAX_ROWS + 1 }).map((c) => c.table)).not.toContain(all);
		expect(tallyCubes('milestone_reached', 1_000_000).map((c) => c.table)).not.toContain(all);
		// So is the jobcenter × program × gender level, within its own budget, where the level of all dimensions is not.
		const jpg = 'tm.main.tm_tally_jc_program_profile_gender_milestone_reached';
		const level = { jc_program_profile_gender: JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS };
		expect(tallyCubes('milestone_reached', 1_000_000, level).map((c) => c.table)).toContain(jpg);
		expect(tallyCubes('milestone_reached', 1_000_000, { ...level, all: ALL_LEVEL_CUBE_MAX_ROWS }).map((c) => c.table)).not.toContain(jpg);
		expect(tallyCubes('milestone_reached', 1_000_000, { ...level, all: ALL_LEVEL_CUBE_MAX_ROWS + 1 }).map((c) => c.table)).toContain(jpg);
		expect(tallyCubes('milestone_reached', 1_000_000, { jc_program_profile_gender: JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS + 1 }).map((c) => c.table)).not.toContain(jpg);
		expect(tallyCubes('milestone_reached', 10_000_001, level).map((c) => c.table)).not.toContain(jpg);
		expect(await levelRows(engine(), 'milestone_reached', 10_000_001, 'jc_program_profile_gender')).toBeNull();
		expect(await levelRows(engine(), 'milestone_reached', demo().tables.cases, 'jc_program_profile_gender')).toBe(
			(await engine().query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${jpg}`))[0].n
		);
		expect(await allLevelRows(engine(), 'milestone_reached', 10_000_001)).toBeNull();
		expect(await allLevelRows(engine(), 'milestone_reached', demo().tables.cases)).toBe(
			(await engine().query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${all}`))[0].n
		);
		expect(tallyCubes('milestone_reached', 10_000_001).map((c) => c.table)).toEqual([
			'tm_tally_total_milestone_reached',
			'tm_tally_gender_milestone_reached',
			'tm_tally_jc_milestone_reached',
			'tm_tally_age_gender_milestone_reached',
			'tm_tally_jc_age_gender_milestone_reached'
		]);
	});

	it('answer a program (for a gender) from the program × gender level, with a Profillage from the program × age × gender level, in a jobcenter from the jobcenter × program × gender levels, for an age group in a jobcenter and a unit from the level of all dimensions', async () => {
		const n = async (filters: Filters, aggregates = true) =>
			(await timeInCareCounts(engine(), ctxOf(filters, aggregates))).reduce((s, r) => s + r.n, 0);
		// Each selection, the table it reads and where in it a count is changed.
		const reads: [Filters, string, string][] = [
			[{ program: ['bFM'] }, 'tm_tally_program_gender_time_in_care', `program = 'bFM'`],
			[{ program: ['bFM'], profile: ['foerderprofil'], gender: ['w'] }, 'tm.main.tm_tally_program_age_gender_time_in_care', `program = 'bFM' AND profile = 'foerderprofil' AND gender = 'w'`],
			[{ jobcenter_id: ['JC01'], program: ['bFM'], gender: ['w'] }, 'tm.main.tm_tally_jc_program_gender_time_in_care', `jobcenter_id = 'JC01' AND program = 'bFM' AND gender = 'w'`],
			[
				{ jobcenter_id: ['JC01'], program: ['bFM'], profile: ['foerderprofil'], gender: ['w'] },
				'tm.main.tm_tally_jc_program_profile_gender_time_in_care',
				`jobcenter_id = 'JC01' AND program = 'bFM' AND profile = 'foerderprofil' AND gender = 'w'`
			],
			[{ jobcenter_id: ['JC01'], program: ['bFM'], age_group: ['u25'] }, 'tm.main.tm_tally_all_time_in_care', `jobcenter_id = 'JC01' AND program = 'bFM' AND age_group = 'u25'`]
		];
		const before: number[] = [];
		for (const [filters] of reads) {
			before.push(await n(filters));
			expect(before.at(-1)).toBe(await n(filters, false));
			expect(before.at(-1)).toBeGreaterThan(0);
		}
		const unit = await n({ unit: ['Standort Mitte'] });
		expect(unit).toBe(await n({ unit: ['Standort Mitte'] }, false));
		for (const [i, [, table, where]] of reads.entries())
			await engine().exec(`UPDATE ${table} SET n = n + ${i + 2} WHERE rowid = (SELECT min(rowid) FROM ${table} WHERE ${where})`);
		for (const [i, [filters]] of reads.entries()) expect(await n(filters)).toBe(before[i] + i + 2);
		const unitNow = await n({ unit: ['Standort Mitte'] });
		await engine().exec(`UPDATE tm.main.tm_tally_all_time_in_care SET n = n + 4 WHERE rowid = (
			SELECT min(rowid) FROM tm.main.tm_tally_all_time_in_care WHERE unit = 'Standort Mitte')`);
		expect(await n({ unit: ['Standort Mitte'] })).toBe(unitNow + 4);
		await buildAggregates(engine(), demo().stichtag!.date, {}, DEMO_PARTS);
		expect(await n({ program: ['bFM'] })).toBe(before[0]);
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

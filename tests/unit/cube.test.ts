/**
 * A cube (indicators/cube.ts) re-adds a small table in the page: it must answer exactly what
 * the same SELECT … WHERE … IN … GROUP BY ALL answers in DuckDB, NULLs included, and the
 * tallies must read it when it is there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cube, Cubes } from '../../src/lib/indicators/cube';
import { TALLY_NAMES, tallyCubes } from '../../src/lib/indicators/tallies';
import { buildReport, resolvePeriod, type ReportOptions } from '../../src/lib/indicators/report';
import { readCubes } from '../../src/lib/indicators/aggregates';
import { EVENT_NAMES, FULL_LEVEL_CUBE_MAX_ROWS, JC_PROGRAM_GENDER_CUBE_MAX_ROWS, eventCubes, fullLevelRows, levelRows } from '../../src/lib/indicators/events';
import { timeInCareCounts } from '../../src/lib/indicators/time-in-care';
import type { Ctx, Filters } from '../../src/lib/indicators/context';
import { stockGroup, type GroupDimension } from '../../src/lib/indicators/groups';
import { stockMonths, type StockMonth } from '../../src/lib/indicators/jobcenter-stock';
import { useCubes, useDemo, useEngine } from './helpers';

const engine = useEngine();
const demo = useDemo(engine);

const sorted = <T>(rows: T[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('a cube', () => {
	beforeAll(async () => {
		await engine().exec(`CREATE OR REPLACE TABLE t_cube AS SELECT * FROM (VALUES
			('JC01', 'w', 3, 'a', 2, NULL),
			('JC01', 'm', 3, 'a', 5, 1),
			('JC01', NULL, 4, NULL, 1, NULL),
			('JC02', 'w', 3, 'a', 7, 2),
			('JC02', 'w', 4, 'b', 1, NULL),
			(NULL, 'w', 3, 'a', 11, 4)) v(jc, gender, t, reason, n, x)`);
	});

	it('adds up like GROUP BY, NULL keys as a group of their own, a sum of only NULLs as NULL', async () => {
		const cube = await Cube.load(engine(), 't_cube', ['n', 'x']);
		expect(cube.size).toBe(6);
		// Read in slices of 4 rows (a cube of 100k rows and more is): the same cube.
		const sliced = await Cube.load(engine(), 't_cube', ['n', 'x'], {}, 4);
		expect(sliced.size).toBe(6);
		expect(sliced.select([], ['jc', 'gender', 't', 'reason'], ['n', 'x'])).toEqual(cube.select([], ['jc', 'gender', 't', 'reason'], ['n', 'x']));
		const sql = await engine().query(`SELECT t, reason, sum(n) AS n, sum(x) AS x FROM t_cube WHERE gender IN (?) GROUP BY ALL`, ['w']);
		const js = cube.select([{ column: 'gender', values: ['w'] }], ['t', 'reason'], ['n', 'x']);
		expect(sorted(js)).toEqual(sorted(sql));
		expect(sorted(js)).toEqual([
			{ t: 3, reason: 'a', n: 20, x: 6 },
			{ t: 4, reason: 'b', n: 1, x: null }
		]);
		// A condition that holds for few rows visits only those (by the column's index).
		const few = cube.select([{ column: 'jc', values: ['JC02'] }, { column: 'gender', values: ['w'] }], ['t'], ['n']);
		expect(sorted(few)).toEqual(sorted(await engine().query(`SELECT t, sum(n) AS n FROM t_cube WHERE jc = 'JC02' AND gender = 'w' GROUP BY ALL`)));
		expect(sorted(few)).toEqual([{ t: 3, n: 7 }, { t: 4, n: 1 }]);
	});

	it('reads a result as columns: numbers without NULLs as typed arrays, anything else as values', async () => {
		const cols = await engine().queryColumns(
			`SELECT i::INTEGER AS i, (i * 10)::BIGINT AS big, i / 4 AS dbl, CASE WHEN i = 2 THEN NULL ELSE i END::DOUBLE AS holes, 'x' || i AS txt FROM range(3) r(i) ORDER BY i`
		);
		expect(cols.i).toBeInstanceOf(Int32Array);
		expect([...(cols.i as Int32Array)]).toEqual([0, 1, 2]);
		// BIGINT arrives as DOUBLE (castBigIntToDouble), never as BigInt.
		expect(cols.big).toBeInstanceOf(Float64Array);
		expect([...(cols.big as Float64Array)]).toEqual([0, 10, 20]);
		expect([...(cols.dbl as Float64Array)]).toEqual([0, 0.25, 0.5]);
		// A NULL in a number column: plain values, so the NULL is not whatever the buffer held.
		expect(cols.holes).toEqual([0, 1, null]);
		expect(cols.txt).toEqual(['x0', 'x1', 'x2']);
	});

	it('keeps columns of more than 256 and more than 65,536 distinct values apart (wider codes)', async () => {
		await engine().exec(`CREATE OR REPLACE TABLE t_cube_wide AS SELECT 'u' || (i % 300) AS unit, i % 70001 AS t, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 7 END AS k,
			i % 40000 AS s, 1 AS n FROM range(140002) r(i)`);
		const cube = await Cube.load(engine(), 't_cube_wide', ['n'], {}, 50_000);
		const byUnit = sorted(cube.select([{ column: 'k', values: [2] }], ['unit'], ['n']));
		expect(byUnit).toEqual(sorted(await engine().query('SELECT unit, sum(n) AS n FROM t_cube_wide WHERE k IN (2) GROUP BY ALL')));
		expect(byUnit.length).toBe(300);
		const byT = cube.select<{ t: number; n: number }>([{ column: 'unit', values: ['u299'] }], ['t', 'k'], ['n']);
		expect(sorted(byT)).toEqual(sorted(await engine().query(`SELECT t, k, sum(n) AS n FROM t_cube_wide WHERE unit IN ('u299') GROUP BY ALL`)));
		// t = 70000 (the 70,001st value) is held apart from t = 0.
		expect(cube.select([{ column: 't', values: [70000] }], ['t'], ['n'])).toEqual([{ t: 70000, n: 2 }]);
		// Groups too many to count through (300 × 70,001 combinations), and more than an Int32 can number (70,001 × 40,000).
		for (const keys of [['unit', 't'], ['t', 's']]) {
			const js = cube.select([{ column: 'k', values: [2, 3] }], keys, ['n']);
			// i % 7 in (2, 3) and i % 11 ≠ 0: each such row is a group of its own under either pair.
			expect(js.length).toBe(36_364);
			expect(sorted(js)).toEqual(sorted(await engine().query(`SELECT ${keys.join(', ')}, sum(n) AS n FROM t_cube_wide WHERE k IN (2, 3) GROUP BY ALL`)));
		}
	});

	it('reads texts and flags as the table holds them, by their positions in the list of distinct values', async () => {
		await engine().exec(`CREATE OR REPLACE TABLE t_cube_text AS SELECT * FROM (VALUES
			('Standort Süd', true, 'x', 1), ('it''s <b>', false, NULL, 2), ('Standort Süd', NULL, 'x', 4), (NULL, true, 'y', 8)) v(unit, reached, code, n)`);
		for (const slice of [100_000, 1]) {
			const cube = await Cube.load(engine(), 't_cube_text', ['n'], {}, slice);
			const all = sorted(cube.select([], ['unit', 'reached', 'code'], ['n']));
			expect(all).toEqual(sorted(await engine().query('SELECT unit, reached, code, sum(n) AS n FROM t_cube_text GROUP BY ALL')));
			expect(all).toContainEqual({ unit: "it's <b>", reached: false, code: null, n: 2 });
			expect(cube.select([{ column: 'reached', values: [true] }], ['unit'], ['n'])).toEqual([{ unit: 'Standort Süd', n: 1 }, { unit: null, n: 8 }]);
		}
		// The list of distinct values is gone after the read.
		const [{ left }] = await engine().query<{ left: number }>("SELECT count(*)::INTEGER AS left FROM duckdb_tables() WHERE table_name LIKE 'tm_cube_dict%'");
		expect(left).toBe(0);
	});

	it('ANDs its conditions, never matches NULL, and groups a stratum with NULL as ""', async () => {
		const cube = await Cube.load(engine(), 't_cube', ['n', 'x']);
		const js = cube.select(
			[
				{ column: 'jc', values: ['JC01', 'JC02', null] },
				{ column: 't', values: [3, 4] }
			],
			['t'],
			['n'],
			{ column: 'gender', as: 'stratum' }
		);
		const sql = await engine().query(
			`SELECT coalesce(CAST(gender AS VARCHAR), '') AS stratum, t, sum(n) AS n FROM t_cube WHERE jc IN (?, ?) AND t IN (3, 4) GROUP BY ALL`,
			['JC01', 'JC02']
		);
		expect(sorted(js)).toEqual(sorted(sql));
		expect(js.find((r) => (r as { stratum: string }).stratum === '')).toEqual({ stratum: '', t: 4, n: 1 });
		// A stratum mapped (a jobcenter to its Land).
		const land = cube.select([], [], ['n'], { column: 'jc', as: 'g', map: (v) => (v === 'JC01' ? 'NW' : v === 'JC02' ? 'BY' : null) });
		expect(sorted(land)).toEqual(sorted([{ g: 'NW', n: 8 }, { g: 'BY', n: 8 }, { g: '', n: 11 }]));
	});

	it('answers as columns what it answers as rows: NULL sums as NaN, the stratum first, each form remembered apart', async () => {
		const cube = await Cube.load(engine(), 't_cube', ['n', 'x']);
		const where = [{ column: 'gender', values: ['w', 'm'] }];
		const stratum = { column: 'jc', as: 'g' };
		const cols = cube.selectColumns(where, ['t', 'reason'], ['n', 'x'], stratum);
		expect(Object.keys(cols.values)).toEqual(['g', 't', 'reason']);
		const asRows = Array.from({ length: cols.length }, (_, s) => ({
			g: cols.values.g[s],
			t: cols.values.t[s],
			reason: cols.values.reason[s],
			n: cols.sums.n[s],
			x: Number.isNaN(cols.sums.x[s]) ? null : cols.sums.x[s]
		}));
		const rows = cube.select(where, ['t', 'reason'], ['n', 'x'], stratum);
		expect(asRows).toEqual(rows);
		expect(sorted(asRows)).toEqual(
			sorted([
				{ g: 'JC01', t: 3, reason: 'a', n: 7, x: 1 },
				{ g: 'JC02', t: 3, reason: 'a', n: 7, x: 2 },
				{ g: 'JC02', t: 4, reason: 'b', n: 1, x: null },
				{ g: '', t: 3, reason: 'a', n: 11, x: 4 }
			])
		);
		// Asked again, the remembered answers; the rows are a fresh list each time.
		expect(cube.selectColumns(where, ['t', 'reason'], ['n', 'x'], stratum)).toBe(cols);
		const again = cube.select(where, ['t', 'reason'], ['n', 'x'], stratum);
		expect(again).not.toBe(rows);
		expect(again).toEqual(rows);
	});

	it('answers the same after its warm-up (which only runs the loop)', async () => {
		await engine().exec(`CREATE OR REPLACE TABLE t_cube_jc AS SELECT jc AS jobcenter_id, gender, t, reason, n FROM t_cube`);
		const cube = await Cube.load(engine(), 't_cube_jc', ['n']);
		const ask = () => cube.select([{ column: 'gender', values: ['w'] }], ['t'], ['n'], { column: 'jobcenter_id', as: 'g' });
		const before = ask();
		cube.warmUp();
		expect(ask()).toEqual(before);
		expect(sorted(before)).toEqual(sorted([{ g: 'JC01', t: 3, n: 2 }, { g: 'JC02', t: 3, n: 7 }, { g: 'JC02', t: 4, n: 1 }, { g: '', t: 3, n: 11 }]));
	});
});

describe('the tallies held as cubes', () => {
	it('are what the durations read (a count changed in the cube shows)', async () => {
		const ctx = (cubes?: Cubes): Ctx => ({
			period: resolvePeriod(demo().stichtag!.date),
			k: 3,
			filters: { state: ['NW'] },
			stichtag: demo().stichtag!.date,
			tables: demo().tables,
			aggregates: true,
			tallies: TALLY_NAMES,
			cubes
		});
		const total = async (cubes?: Cubes) => (await timeInCareCounts(engine(), ctx(cubes))).reduce((s, r) => s + r.n, 0);
		const before = await total();
		const load = async () => {
			const cubes = new Cubes();
			await cubes.loadJobcenters(engine());
			await cubes.load(engine(), tallyCubes('time_in_care', demo().tables.cases));
			return cubes;
		};
		expect(await total(await load())).toBe(before);
		// A Land filter reads the jobcenter level; change it, read it into cubes, change it back.
		const bump = (by: number) =>
			engine().exec(`UPDATE tm_tally_jc_time_in_care SET n = n + ${by} WHERE rowid = (
				SELECT min(rowid) FROM tm_tally_jc_time_in_care WHERE jobcenter_id IN (SELECT jobcenter_id FROM jobcenters WHERE state = 'NW'))`);
		await bump(7);
		const changed = await load();
		await bump(-7);
		expect(await total(changed)).toBe(before + 7);
		expect(await total()).toBe(before);
		expect(before).toBeGreaterThan(0);
	});
});

describe('the monthly tables held as cubes', () => {
	it('are what the period indicators read (a count changed in the cube shows)', async () => {
		const count = (r: Awaited<ReturnType<typeof buildReport>>) => r.exit_reasons?.find((x) => x.code === 'arbeit_ausbildung')?.count;
		const opts = { core: true, aggregates: true, tallies: TALLY_NAMES } as const;
		const before = count(await buildReport(engine(), demo(), opts));
		const bump = (by: number) =>
			engine().exec(`UPDATE tm_agg_total_e_exit SET n = n + ${by} WHERE rowid = (SELECT min(rowid) FROM tm_agg_total_e_exit
				WHERE exit_reason = 'arbeit_ausbildung' AND d = DATE '2024-06-01')`);
		await bump(7);
		const changed = await readCubes(engine(), TALLY_NAMES);
		await bump(-7);
		expect(count(await buildReport(engine(), demo(), { ...opts, cubes: changed }))).toBe((before ?? NaN) + 7);
		expect(count(await buildReport(engine(), demo(), opts))).toBe(before);
	});

	it('include the full level while it is small enough (a count changed there shows for a program for under-25s in a jobcenter)', async () => {
		const count = (r: Awaited<ReturnType<typeof buildReport>>) => r.exit_reasons?.find((x) => x.code === 'arbeit_ausbildung')?.count;
		const opts: ReportOptions = { core: true, aggregates: true, tallies: TALLY_NAMES, filters: { program: ['bFM'], age_group: ['u25'], jobcenter_id: ['JC01'] } };
		const before = count(await buildReport(engine(), demo(), opts));
		const bump = (by: number) =>
			engine().exec(`UPDATE tm.main.tm_agg_full_e_exit SET n = n + ${by} WHERE rowid = (SELECT min(rowid) FROM tm.main.tm_agg_full_e_exit
				WHERE exit_reason = 'arbeit_ausbildung' AND d = DATE '2024-07-01' AND program = 'bFM' AND age_group = 'u25' AND jobcenter_id = 'JC01')`);
		await bump(3);
		const changed = await readCubes(engine(), TALLY_NAMES);
		await bump(-3);
		expect(changed.get('tm.main.tm_agg_full_e_exit')?.size).toBe((await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM tm.main.tm_agg_full_e_exit'))[0].n);
		expect(count(await buildReport(engine(), demo(), { ...opts, cubes: changed }))).toBe((before ?? NaN) + 3);
		expect(count(await buildReport(engine(), demo(), opts))).toBe(before);
		expect(before).toBeGreaterThan(0);
		// Above its budget a level stays in DuckDB; the smaller levels are always held.
		const held = (rows: Record<string, number>, level: string) => eventCubes(rows).filter((c) => c.table.includes(`_${level}_e_`)).length;
		const jpg = 'jc_program_profile_gender';
		const pgj = 'jc_program_gender';
		const counted = { full: await fullLevelRows(engine()), [jpg]: await levelRows(engine(), jpg), [pgj]: await levelRows(engine(), pgj) };
		expect(held(counted, 'full')).toBe(EVENT_NAMES.length);
		expect(counted[jpg]).toBeLessThan(counted.full);
		// The jobcenter × program × gender level stands in for the full level where that is not held.
		expect(held(counted, jpg)).toBe(0);
		const overFull = { ...counted, full: FULL_LEVEL_CUBE_MAX_ROWS + 1 };
		expect(held(overFull, 'full')).toBe(0);
		expect(held(overFull, jpg)).toBe(EVENT_NAMES.length);
		expect(held({ ...overFull, [jpg]: JC_PROGRAM_GENDER_CUBE_MAX_ROWS }, jpg)).toBe(EVENT_NAMES.length);
		expect(held({ ...overFull, [jpg]: JC_PROGRAM_GENDER_CUBE_MAX_ROWS + 1 }, jpg)).toBe(0);
		expect(eventCubes(overFull).length).toBe(eventCubes(counted).length);
		// A level not counted is not held.
		expect(held({ full: FULL_LEVEL_CUBE_MAX_ROWS + 1 }, jpg)).toBe(0);
		// The jobcenter × program × gender level without the Profillage is held within the same budget, beside the full level.
		expect(counted[pgj]).toBeLessThan(counted[jpg]);
		expect(held(counted, pgj)).toBe(EVENT_NAMES.length);
		expect(held(overFull, pgj)).toBe(EVENT_NAMES.length);
		expect(held({ ...counted, [pgj]: JC_PROGRAM_GENDER_CUBE_MAX_ROWS + 1 }, pgj)).toBe(0);
		expect(held({ full: 0 }, pgj)).toBe(0);
		// Held instead of the full level, it gives the report the case rows give.
		const standIns = new Cubes();
		await standIns.loadJobcenters(engine());
		await standIns.load(engine(), eventCubes(overFull));
		expect(standIns.get(`tm.main.tm_agg_${jpg}_e_exit`)).toBeDefined();
		for (const filters of [{ program: ['bFM'], gender: ['w'], jobcenter_id: ['JC01'] }, { profile: ['foerderprofil'], gender: ['w'] }]) {
			const o: ReportOptions = { filters, groupBy: 'jobcenter_id' };
			const raw = await buildReport(engine(), demo(), { ...o, aggregates: false });
			expect(await buildReport(engine(), demo(), { ...o, aggregates: true, tallies: TALLY_NAMES, cubes: standIns })).toEqual(raw);
			expect(raw.groups?.length).toBeGreaterThan(0);
		}
		// Where the full level is held, what the stand-in answers is read from the full level's
		// cubes (and the tallies' from the level of all dimensions), not by SQL from the stand-in's tables.
		const asked: string[] = [];
		const counting = { ...engine(), query: <T>(sql: string, params?: readonly unknown[]) => (asked.push(sql), engine().query<T>(sql, params)) };
		const o: ReportOptions = { filters: { program: ['bFM'], gender: ['w'], jobcenter_id: ['JC01'] }, groupBy: 'jobcenter_id' };
		const fullHeld = await readCubes(engine(), TALLY_NAMES);
		expect(fullHeld.get(`tm.main.tm_agg_${jpg}_e_exit`)).toBeUndefined();
		const fromCubes = await buildReport(counting, demo(), { ...o, aggregates: true, tallies: TALLY_NAMES, cubes: fullHeld });
		expect(fromCubes).toEqual(await buildReport(engine(), demo(), { ...o, aggregates: false }));
		expect(asked.length).toBeGreaterThan(0);
		expect(asked.filter((sql) => /tm_agg_|tm_tally_/.test(sql))).toEqual([]);
	});
});

describe('the stock table held as a cube', () => {
	const held = useCubes(engine);
	it('gives the months of the eLb stock and FM staff that SQL gives, per selection and group', async () => {
		const byKey = (rows: StockMonth[]) => [...rows].sort((a, b) => `${a.g}|${a.m}`.localeCompare(`${b.g}|${b.m}`));
		const cases: [Filters, GroupDimension | null][] = [
			[{}, null],
			[{ jobcenter_id: ['JC03'] }, null],
			[{ jobcenter_id: ['JC03', 'JC05'], gender: ['w'] }, 'jobcenter_id'],
			[{ state: ['NW'] }, 'comparison_type'],
			[{ comparison_type: ['IIIe'] }, 'state'],
			[{ jobcenter_id: ['nicht-da'] }, null]
		];
		for (const [filters, dim] of cases) {
			const group = dim ? stockGroup(dim) : null;
			const sql = await stockMonths(engine(), { filters }, group);
			const cube = await stockMonths(engine(), { filters, cubes: held() }, group);
			expect([filters, dim, byKey(cube)]).toEqual([filters, dim, byKey(sql)]);
			expect(sql.length > 0).toBe(filters.jobcenter_id?.[0] !== 'nicht-da');
			if (dim === 'state') expect(new Set(sql.map((r) => r.g))).toEqual(new Set(['BE', 'HH']));
		}
		// Not a trivially empty comparison: JC03's December 2024.
		const jc03 = await stockMonths(engine(), { filters: { jobcenter_id: ['JC03'] }, cubes: held() });
		const dec = jc03.find((r) => r.m === Date.UTC(2024, 11, 1) / 86_400_000);
		expect(dec).toMatchObject({ g: null });
		expect(dec!.elb).toBe((await engine().query<{ v: number }>(`SELECT elb_stock::DOUBLE AS v FROM stock WHERE jobcenter_id = 'JC03' AND month = DATE '2024-12-01'`))[0].v);
		expect(stockGroup('unit')).toBeNull();
	});
});

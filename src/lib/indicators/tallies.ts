/**
 * Case tallies: the counts every duration indicator is made of (time in care, entry
 * cohorts' status, referral time, milestones), each a number of selected cases per a few
 * keys as of the Stichtag.
 *
 * The Stichtag is fixed for a loaded dataset, so a tally depends only on which cases are
 * selected. Like the monthly event tables (events.ts), each tally is defined once below and
 * rendered from the case rows (always correct) or, after loading, built once at a few levels
 * of the case dimensions (see `plan` below) and then re-added under the filters: exact for
 * every filter on those dimensions or on the jobcenters' attributes, whatever the period
 * (durations do not depend on it). Other filters and strata read the case rows.
 */
import { TYPED_SCHEMA, tableRows, type Engine } from '../data/engine';
import { columnsOfRows, cubeWhere, type Cube, type CubeColumns, type CubeCondition, type CubeSource, type CubeStratum } from './cube';
import { AGE_GENDER, aggregatable, GROWING_LEVELS, heldLevelFor, JC_PROGRAM_GENDER, levelFor, PROGRAM_AGE_GENDER, PROGRAM_GENDER, PROGRAM_GENDER_PER_JC, smallestCovering, withinBudget, type Level } from './events';
import { CASE_FILTERS, caseWhere, type Ctx, type Sql } from './context';
import { ALL_CASES, tableByParts } from './parts';
import { timelineAt, type Timeline } from '../stats/km';

/** Status horizons of the entry cohorts, in calendar months after the entry. */
export const COHORT_HORIZONS = [6, 12, 24] as const;
export const COHORT_UNKNOWN = '_unknown';
export const COHORT_IN_CARE = '_in_care';

export type TallyName = 'time_in_care' | 'cohort_status' | 'referral_time' | 'milestone_reached' | 'milestone_before_exit';

interface TallySpec {
	/**
	 * FROM over `sel c`: the selected cases that had entered by the Stichtag, with
	 * `c.stichtag`, `c.exited` (left care by the Stichtag) and `c.end_date` (the exit, or the
	 * Stichtag for a case still in care then: an exit after it is not known yet).
	 */
	from: string;
	where?: string;
	/** Output column → expression; a reader picks the ones it needs. */
	keys: Record<string, string>;
	/**
	 * Where counting from `from` would be slow to build, a statement that builds the same
	 * table (per `dims`, then the keys in their order, then n, sorted by `order`): what follows
	 * `WITH sel AS (…)`.
	 */
	build?: (dims: readonly string[], order: string) => string;
}

/**
 * The first date of each milestone per case while in care: a date after the end did not
 * happen within this episode.
 */
const FIRST_MILESTONE = `(SELECT m.case_id, m.milestone AS code, min(m.date) AS date FROM milestones m
	JOIN sel s ON s.case_id = m.case_id WHERE m.date <= s.end_date GROUP BY 1, 2) f`;

const horizon = 'c.entry_date + to_months(h.months)';

const SPECS: Record<TallyName, TallySpec> = {
	time_in_care: {
		from: 'sel c',
		keys: {
			t: "date_diff('day', c.entry_date, c.end_date)::INTEGER",
			// null: still in care at the Stichtag (censored).
			reason: "CASE WHEN c.exited THEN coalesce(c.exit_reason, 'sonstiges') END",
			// Whether the case left care: all Kaplan–Meier reads, so a curve without the reasons
			// re-adds a seventh of the rows.
			exited: 'c.exited'
		}
	},
	cohort_status: {
		from: `sel c CROSS JOIN (VALUES ${COHORT_HORIZONS.map((m) => `(${m})`).join(', ')}) h(months)`,
		keys: {
			year: "strftime(c.entry_date, '%Y')",
			quarter: "strftime(c.entry_date, '%Y') || '-Q' || quarter(c.entry_date)",
			months: 'h.months::INTEGER',
			// A horizon after the Stichtag has no known status yet.
			status: `CASE WHEN ${horizon} > c.stichtag THEN '${COHORT_UNKNOWN}'
				WHEN c.exit_date IS NULL OR c.exit_date > ${horizon} THEN '${COHORT_IN_CARE}'
				ELSE coalesce(c.exit_reason, 'sonstiges') END`
		}
	},
	referral_time: {
		from: 'sel c',
		// A referral dated after the entry is a recording error, not a negative waiting time.
		where: 'c.referral_date IS NOT NULL AND c.referral_date <= c.entry_date',
		keys: { value: "date_diff('day', c.referral_date, c.entry_date)::INTEGER" }
	},
	milestone_reached: {
		// One row per case and milestone code: reached at t, or censored at its end.
		from: `sel c CROSS JOIN (SELECT DISTINCT milestone AS code FROM milestones) codes
			LEFT JOIN ${FIRST_MILESTONE} ON f.case_id = c.case_id AND f.code = codes.code`,
		keys: {
			code: 'codes.code',
			reached: '(f.date IS NOT NULL)',
			// A date before the entry (recorded at the referral) counts as reached on day 0.
			t: "greatest(0, date_diff('day', c.entry_date, coalesce(f.date, c.end_date)))::INTEGER"
		},
		// Built without joining every case with every code (80M rows at 10M cases): the
		// reached rows from the first milestones; the unreached ones per code and end time as
		// the cases ending then minus those of them that had reached the code. At the level of
		// all dimensions, where nearly every case and code is a row of its own, the join of
		// every case with every code was tried: not clearly faster (a 500k-case part at 1M in
		// Node, three runs each in turn: 6.4–7.5 s against 6.2–8.3 s), so one way for every level.
		build: (dims, order) => {
			const c = dims.map((d) => `c.${d}`).join(', ');
			const plain = dims.join(', ');
			const same = dims.map((d) => `r.${d} IS NOT DISTINCT FROM e.${d}`).join(' AND ');
			return `, firsts AS MATERIALIZED (SELECT ${c}, f.code,
					greatest(0, date_diff('day', c.entry_date, f.date))::INTEGER AS t_reached,
					greatest(0, date_diff('day', c.entry_date, c.end_date))::INTEGER AS t_end
				FROM sel c JOIN ${FIRST_MILESTONE} ON f.case_id = c.case_id),
			ends AS (SELECT ${c}, greatest(0, date_diff('day', c.entry_date, c.end_date))::INTEGER AS t, count(*) AS n FROM sel c GROUP BY ALL),
			reached_by_end AS (SELECT ${plain}, code, t_end AS t, count(*) AS n FROM firsts GROUP BY ALL)
			SELECT ${plain}, code, true AS reached, t_reached AS t, count(*)::INTEGER AS n FROM firsts GROUP BY ALL
			UNION ALL
			SELECT ${dims.map((d) => `e.${d}`).join(', ')}, codes.code, false, e.t, (e.n - coalesce(r.n, 0))::INTEGER
			FROM ends e CROSS JOIN (SELECT DISTINCT milestone AS code FROM milestones) codes
			LEFT JOIN reached_by_end r ON r.code = codes.code AND r.t = e.t AND ${same}
			WHERE e.n > coalesce(r.n, 0)
			ORDER BY ${order}`;
		}
	},
	milestone_before_exit: {
		from: `sel c JOIN ${FIRST_MILESTONE} ON f.case_id = c.case_id`,
		where: 'c.exited',
		keys: { code: 'f.code', reason: "coalesce(c.exit_reason, 'sonstiges')" }
	}
};

/** In build order: the cheap ones first, the milestones (a join with every milestone row) last. */
export const TALLY_NAMES: readonly TallyName[] = ['time_in_care', 'referral_time', 'cohort_status', 'milestone_before_exit', 'milestone_reached'];

/**
 * The levels a tally is built at, smallest first: the jobcenter level serves the regional
 * comparison's curves per jobcenter, the age × gender level a filter on those alone (an
 * eighth of the jobcenter × age × gender level's rows at 1M cases), the program × gender
 * levels across and per jobcenter a program, or a program for a gender (at 1M cases the time
 * in care has 57k and 182k rows there, against 271k at the program level and 835k in `ALL`),
 * the program level (which jobcenter, program, Profillage) a comparison of programs and a
 * Profillage, the program × age × gender level
 * a program or Profillage for an age group or gender across jobcenters (by SQL from `ALL`
 * these took 40–150 ms a statement at 1M cases), the jobcenter × program × gender level a
 * jobcenter with a program or Profillage for a gender and the Regionen's curves per
 * jobcenter under a program for women (by SQL from `ALL` 66–105 ms a statement at 10M).
 * Up to `PROGRAM_TALLIES_MAX_CASES` all are added up from a level of every case dimension
 * (`ALL`), built from the cases and kept compressed (see engine.ts), which also answers a
 * unit, or a jobcenter with a program and an age group, by SQL (sorted by jobcenter and unit
 * first, so such a statement skips the other jobcenters' rows). Above, the jobcenter × age
 * × gender level is built from the cases instead and the smaller ones from it; there are no
 * program levels, and a unit reads the case rows.
 */
const BASE: Level = { name: 'jc_age_gender', dims: ['jobcenter_id', 'age_group', 'gender'] };
const PROGRAMS: Level = { name: 'jc_program_profile', dims: ['jobcenter_id', 'program', 'profile'] };
const ALL: Level = { name: 'all', dims: ['jobcenter_id', 'unit', 'age_group', 'gender', 'program', 'profile'] };
/**
 * The gender level: a gender across jobcenters, the Verläufe's most frequent new selection,
 * re-adds a quarter of the age × gender level's rows (at 1M the milestones reached 154k →
 * 38k rows, 2.5 → 0.8 ms a selection warm in Node; the same groups, which are by day).
 */
const SMALL: readonly Level[] = [
	{ name: 'total', dims: [] },
	{ name: 'gender', dims: ['gender'] },
	{ name: 'jc', dims: ['jobcenter_id'] },
	AGE_GENDER
];

/**
 * Up to this many cases the tallies have the program level and the level of all case
 * dimensions (`ALL`), so a program, Profillage or unit never reads the case rows. That level
 * grows more slowly than the cases (from 2M to 10M cases the time in care's combinations of
 * dimensions and day 3.0 times, the milestones reached 2.4 times). At 10M it costs the build
 * after the first chart 341 → 436–438 s and the tab peaks at 2730–2786 MiB instead of 2427
 * (3 GB is 2861 MiB); without it a program's durations read the ten million case rows:
 * 3.4–21.8 s a step in the Verläufe and the tab at 4100 MiB
 * (`bench/results/2026-12-07-s16-{rare,rare-all,}-10m.md`). Above the largest size measured,
 * the tallies are built per jobcenter × age group × gender only.
 */
export const PROGRAM_TALLIES_MAX_CASES = 10_000_000;

/** For a dataset with this many cases: the level built from the cases, and those added up from it. */
function plan(cases: number): { base: Level; added: readonly Level[] } {
	return cases <= PROGRAM_TALLIES_MAX_CASES ? { base: ALL, added: [...SMALL, PROGRAM_GENDER, BASE, PROGRAMS, PROGRAM_GENDER_PER_JC, PROGRAM_AGE_GENDER, JC_PROGRAM_GENDER] } : { base: BASE, added: SMALL };
}

/** The levels a reader may use, smallest first. */
function levelsOf(cases: number): readonly Level[] {
	const { base, added } = plan(cases);
	return [...added, base];
}

/** The dimensions a level built from the cases is sorted by (see tallyBuildSql). */
const SORTED_BY: readonly string[] = ['jobcenter_id', 'unit'];

/**
 * Compressed, with the contract tables: the level of all dimensions (it grows with the cases)
 * and the levels read in the page that grow with the cases too (see events.ts).
 */
const COMPRESSED_LEVELS: readonly string[] = [ALL.name, ...GROWING_LEVELS];
const tallyTable = (level: string, name: TallyName) => `${COMPRESSED_LEVELS.includes(level) ? `${TYPED_SCHEMA}.` : ''}tm_tally_${level}_${name}`;

/** A further grouping of a tally (a stratum of the curves): its SQL over `c`, and the case column it reads, if any. */
export interface TallyStratum {
	sql: string;
	/** The case column; null when the stratum is not a case dimension (then the case rows are read). */
	column: string | null;
	/** A join the stratum needs on the case rows. */
	join?: string;
}

/**
 * The case columns a tally or a stratum reads: the milestones' tallies read `sel` twice, so
 * DuckDB keeps it, and every further column would be kept too.
 */
const SEL_COLUMNS = ['case_id', ...CASE_FILTERS, 'referral_date', 'entry_date', 'exit_date', 'exit_reason'];

/** `sel` (see TallySpec.from) under a case condition; its parameters: the Stichtag, then the condition's. */
function selCte(where: Sql, stichtag: string): Sql {
	return {
		sql: `sel AS (SELECT ${SEL_COLUMNS.map((col) => `c.${col}`).join(', ')}, s.stichtag,
			(c.exit_date IS NOT NULL AND c.exit_date <= s.stichtag) AS exited,
			CASE WHEN c.exit_date IS NOT NULL AND c.exit_date <= s.stichtag THEN c.exit_date ELSE s.stichtag END AS end_date
			FROM cases c, (SELECT ?::DATE AS stichtag) s WHERE ${where.sql} AND c.entry_date <= s.stichtag)`,
		params: [stichtag, ...where.params]
	};
}

function selectList(spec: TallySpec, pick: readonly string[]): string {
	return pick.map((k) => `${spec.keys[k]} AS ${k}`).join(', ');
}

/** The statements that build one tally for a dataset's Stichtag, part by part (see parts.ts). */
export function tallyBuildSql(name: TallyName, stichtag: string, cases: number, parts: readonly Sql[] = ALL_CASES): Sql[] {
	const spec = SPECS[name];
	const keys = Object.keys(spec.keys);
	const { base, added } = plan(cases);
	const dims = base.dims.map((d) => `c.${d}`).join(', ');
	// Sorted by jobcenter and unit (the parts are in jobcenter order), so a statement on a
	// jobcenter or unit skips the other row groups. Only by those: sorting the milestones'
	// 4.4M rows at 1M by all six dimensions took 10–15 s, by these two 4–6 s (Node).
	const order = base.dims.filter((d) => SORTED_BY.includes(d)).join(', ');
	const select = (part: Sql): Sql => {
		const sel = selCte(part, stichtag);
		return {
			sql: spec.build
				? `WITH ${sel.sql}${spec.build(base.dims, order)}`
				: `WITH ${sel.sql} SELECT ${dims}, ${selectList(spec, keys)}, count(*)::INTEGER AS n
				FROM ${spec.from} WHERE ${spec.where ?? 'TRUE'} GROUP BY ALL ORDER BY ${order}`,
			params: sel.params
		};
	};
	// The levels with more dimensions first, so the smaller ones add up one of them instead
	// of the largest (the milestones' `all` has 4.4M rows at 1M, the jobcenter × age × gender level 0.7M).
	const larger = [...added].sort((a, b) => b.dims.length - a.dims.length);
	const addedUp = larger.map((l, i): Sql => {
		const from = smallestCovering([base, ...larger.slice(0, i)], l);
		return {
			sql: `CREATE OR REPLACE TABLE ${tallyTable(l.name, name)} AS
				SELECT ${[...l.dims, ...keys].join(', ')}, sum(n)::INTEGER AS n FROM ${tallyTable(from.name, name)} GROUP BY ALL ORDER BY ALL`,
			params: []
		};
	});
	return [...tableByParts(tallyTable(base.name, name), select, parts), ...addedUp];
}

/** What a tally reads of the context: the selection, the Stichtag, which tallies are built. */
export type TallyCtx = Pick<Ctx, 'filters' | 'stichtag' | 'tallies' | 'cubes'> & Partial<Pick<Ctx, 'tables'>>;

/** Where a tally's answer comes from: a cube held in the page, or a statement. */
type TallyRead = { cube: Cube; where: CubeCondition[]; stratum?: CubeStratum } | { statement: Sql };

function tallyRead(ctx: TallyCtx, name: TallyName, pick: readonly string[], stratum?: TallyStratum): TallyRead {
	const spec = SPECS[name];
	const w = caseWhere(ctx.filters);
	const head = stratum ? `${stratum.sql} AS stratum, ` : '';
	// Without the number of cases, only the levels every dataset has.
	const levels = levelsOf(ctx.tables?.cases ?? Infinity);
	const column = stratum?.column ?? undefined;
	const level = levelFor(ctx.filters, column, levels);
	if (ctx.tallies?.includes(name) && aggregatable(ctx.filters) && (!stratum || stratum.column) && level) {
		const cubes = ctx.cubes;
		const held = cubes && heldLevelFor(ctx.filters, column, levels, (l) => cubes.get(tallyTable(l, name)) !== undefined);
		const cube = held ? cubes.get(tallyTable(held, name)) : undefined;
		const where = cube && cubeWhere(ctx.filters, cubes!);
		if (cube && where) return { cube, where, stratum: stratum?.column ? { column: stratum.column, as: 'stratum' } : undefined };
		return {
			statement: { sql: `SELECT ${head}${pick.join(', ')}, sum(c.n)::INTEGER AS n FROM ${tallyTable(level, name)} c WHERE ${w.sql} GROUP BY ALL`, params: w.params }
		};
	}
	const sel = selCte(w, ctx.stichtag);
	return {
		statement: {
			sql: `WITH ${sel.sql} SELECT ${head}${selectList(spec, pick)}, count(*)::INTEGER AS n
		 FROM ${spec.from} ${stratum?.join ?? ''} WHERE ${spec.where ?? 'TRUE'} GROUP BY ALL`,
			params: sel.params
		}
	};
}

/**
 * A tally under the context's filters: one row per distinct value of the picked keys (and
 * the stratum, as column `stratum`), with the number of cases `n`. Row order is not defined.
 */
export async function tally<T>(
	engine: Engine,
	ctx: TallyCtx,
	name: TallyName,
	pick: readonly string[],
	stratum?: TallyStratum
): Promise<T[]> {
	const read = tallyRead(ctx, name, pick, stratum);
	if ('cube' in read) return read.cube.select<T>(read.where, pick, ['n'], read.stratum);
	return engine.query<T>(read.statement.sql, read.statement.params);
}

/** The same tally as columns (see CubeColumns): `pick`, `stratum` where asked for, and `n`. */
export async function tallyColumns(
	engine: Engine,
	ctx: TallyCtx,
	name: TallyName,
	pick: readonly string[],
	stratum?: TallyStratum
): Promise<CubeColumns> {
	const read = tallyRead(ctx, name, pick, stratum);
	if ('cube' in read) return read.cube.selectColumns(read.where, pick, ['n'], read.stratum);
	const rows = await engine.query<Record<string, unknown>>(read.statement.sql, read.statement.params);
	return columnsOfRows(rows, stratum ? ['stratum', ...pick] : pick, ['n']);
}

/**
 * A tally's columns (`t`, a flag, `n`) collapsed into a timeline (see stats/km.ts): flag true
 * is an event (left care, reached), false a censoring.
 */
export function flagTimeline(c: CubeColumns, flag: string): Timeline {
	return collapse(c, flag, null);
}

/** The same per value of the column `by` (a stratum, a milestone code), in the order the values first occur. */
export function flagTimelines(c: CubeColumns, flag: string, by: string): Map<string, Timeline> {
	const keys = c.values[by] as string[];
	const byKey = new Map<string, number[]>();
	for (let i = 0; i < c.length; i++) {
		const list = byKey.get(keys[i]);
		if (list) list.push(i);
		else byKey.set(keys[i], [i]);
	}
	return new Map([...byKey].map(([key, at]) => [key, collapse(c, flag, at)]));
}

/** flagTimeline of the groups at the positions `at` (all when null); two loops, as a position function per read cost 5 %. */
function collapse(c: CubeColumns, flag: string, at: readonly number[] | null): Timeline {
	const t = c.values.t as number[];
	const event = c.values[flag] as boolean[];
	const n = c.sums.n;
	if (!at)
		return timelineAt(
			c.length,
			(i) => t[i],
			(i) => (event[i] ? n[i] : 0),
			(i) => (event[i] ? 0 : n[i])
		);
	return timelineAt(
		at.length,
		(j) => t[at[j]],
		(j) => (event[at[j]] ? n[at[j]] : 0),
		(j) => (event[at[j]] ? 0 : n[at[j]])
	);
}

/** A stratum by a case column, as text ('' for cases without a value): a cube groups it the same way. */
export function columnStratum(column: string): TallyStratum {
	return { sql: `coalesce(CAST(c.${column} AS VARCHAR), '')`, column };
}

/**
 * Up to this many rows, a tally's level of all dimensions is held in the page too. At 1M
 * demo cases that is every tally but the milestones reached (4.4M rows): the durations,
 * referral times, cohorts and milestones before the exit of a jobcenter or unit with a
 * program and an age group or gender, and the Regionen's durations per jobcenter under a
 * program (by SQL 40–110 ms a step in the browser), cost no statement; about 70 MB. The
 * milestones reached too would cost the tab 380 MiB more at 1M (measured, not kept).
 */
export const ALL_LEVEL_CUBE_MAX_ROWS = 1_000_000;

/**
 * The same budget for a tally's jobcenter × program × gender levels (with the Profillage and
 * without: at 1M the milestones reached have 1.28M and 0.44M rows there). At 10M demo cases the
 * time in care has 1.06M rows there (32 MiB as a cube), the milestones reached 2.66M, which
 * stay in DuckDB (a jobcenter with a program for women reads them by SQL from this level's
 * compressed table, a sixth of the level of all dimensions' 15.7M rows); at 1M they have 1.28M.
 */
export const JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS = 1_500_000;

/** The levels held in the page only up to a number of rows (theirs grow with the cases). */
const CUBE_MAX_ROWS: Readonly<Record<string, number>> = {
	[ALL.name]: ALL_LEVEL_CUBE_MAX_ROWS,
	[JC_PROGRAM_GENDER.name]: JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS,
	[PROGRAM_GENDER_PER_JC.name]: JC_PROGRAM_GENDER_TALLY_CUBE_MAX_ROWS
};

/** The rows of a tally's level, null where it is not built (the program levels above PROGRAM_TALLIES_MAX_CASES). */
export async function levelRows(engine: Engine, name: TallyName, cases: number, level: string): Promise<number | null> {
	return levelsOf(cases).some((l) => l.name === level) ? tableRows(engine, [tallyTable(level, name)]) : null;
}

/** The rows of a tally's level of all dimensions, null where it is not built (above PROGRAM_TALLIES_MAX_CASES). */
export function allLevelRows(engine: Engine, name: TallyName, cases: number): Promise<number | null> {
	return levelRows(engine, name, cases, ALL.name);
}

/**
 * The tables of one tally, to be held in the page as cubes (see cube.ts): every level, those
 * of CUBE_MAX_ROWS within their budget, the jobcenter × program × gender level only where
 * the level of all dimensions is not held (as for the monthly tables: withinBudget in events.ts).
 */
export function tallyCubes(name: TallyName, cases: number, rows: Readonly<Record<string, number | null>> = {}): CubeSource[] {
	return withinBudget(levelsOf(cases), CUBE_MAX_ROWS, rows, { [JC_PROGRAM_GENDER.name]: ALL.name }).map((l) => ({ table: tallyTable(l.name, name), measures: ['n'] }));
}

/** The tables of one built tally to hold in the page (tallyCubes, with the budgeted levels' rows counted). */
export async function heldTallyCubes(engine: Engine, name: TallyName, cases: number): Promise<CubeSource[]> {
	const rows: Record<string, number | null> = {};
	for (const level of Object.keys(CUBE_MAX_ROWS)) rows[level] = await levelRows(engine, name, cases, level);
	return tallyCubes(name, cases, rows);
}

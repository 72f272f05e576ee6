/**
 * Case events: the additive counts every period indicator is made of.
 *
 * Each indicator counts cases (or measures, or referral reasons) whose entry, exit, start
 * or end falls on or before a day. So instead of scanning case rows, an indicator reads an
 * event relation: one row per day `d` (and code), with counts `n` and sums that can be
 * added up, and does its arithmetic on those rows in plain TypeScript (period-math.ts), the
 * same whichever way they were read. The definition below is rendered four ways:
 *
 * - `raw`: a SELECT over the case rows with the current filters, by day. Always correct.
 * - `build`: a pre-aggregated table, built once after loading, by the six case
 *   dimensions and by month (`d` is the first of the month).
 * - `agg`: a SELECT over that table with the current filters, re-adding its counts.
 * - a cube: the smaller levels of that table held in the page (cube.ts), re-added there.
 *
 * The monthly tables answer exactly the same as the case rows when every day the
 * indicators compare `d` with is a month boundary (a period from the 1st to a month's last
 * day) and every filter is a case dimension; otherwise the indicators read `raw`.
 * Exits before entries are rejected on load, so "left care by day e" is "exit_date <= e".
 */
import { TYPED_SCHEMA, tableRows, type Engine } from '../data/engine';
import { ALL_CASES, tableByParts } from './parts';
import { CASE_FILTERS, JOBCENTER_FILTERS, caseWhere, type Ctx, type Filters, type Sql } from './context';
import { cubeWhere, type CubeSource } from './cube';
import type { Period } from './types';

export type EventName = 'e_entry' | 'e_exit' | 'e_pairs' | 'e_mstart' | 'e_mpairs' | 'e_ref_entry' | 'e_ref_exit';

interface EventSpec {
	/** FROM … JOIN … with the cases as `c`. */
	from: string;
	/** Which rows are events. */
	where: string;
	/** The event's day. */
	day: string;
	/** Further grouping columns: output name → expression. */
	keys: Record<string, string>;
	/** Additive measures: output name → aggregate over the rows. */
	sums: Record<string, string>;
}

/** Unique per (case, reason): the loader inserts them DISTINCT and case ids are unique. */
const REFERRALS = 'case_referrals';

const SPECS: Record<EventName, EventSpec> = {
	e_entry: { from: 'cases c', where: 'c.entry_date IS NOT NULL', day: 'c.entry_date', keys: {}, sums: { n: 'count(*)' } },
	e_exit: {
		from: 'cases c',
		where: 'c.exit_date IS NOT NULL',
		day: 'c.exit_date',
		keys: { exit_reason: 'c.exit_reason' },
		sums: {
			n: 'count(*)',
			// Kontaktdichte: exited cases with a number of appointments, and their months in care.
			ka_n: 'count(c.appointments)',
			ka_appts: 'sum(c.appointments)',
			ka_days: "sum(CASE WHEN c.appointments IS NOT NULL THEN greatest(date_diff('day', c.entry_date, c.exit_date), 1) END)"
		}
	},
	e_pairs: {
		// Score at entry and at exit of exited cases, for Teilhabe and for employability.
		from: `cases c CROSS JOIN (VALUES ('participation'), ('employability')) s(score)`,
		where: `c.exit_date IS NOT NULL AND CASE s.score WHEN 'participation' THEN c.participation_entry IS NOT NULL AND c.participation_exit IS NOT NULL
			ELSE c.employability_entry IS NOT NULL AND c.employability_exit IS NOT NULL END`,
		day: 'c.exit_date',
		keys: {
			score: 's.score',
			a: "CAST(CASE s.score WHEN 'participation' THEN c.participation_entry ELSE c.employability_entry END AS INTEGER)",
			b: "CAST(CASE s.score WHEN 'participation' THEN c.participation_exit ELSE c.employability_exit END AS INTEGER)"
		},
		sums: { n: 'count(*)' }
	},
	e_mstart: {
		from: 'measures m JOIN cases c ON c.case_id = m.case_id',
		where: 'm.aims_employability AND m.start_date IS NOT NULL',
		day: 'm.start_date',
		keys: {},
		sums: { n: 'count(*)' }
	},
	e_mpairs: {
		from: 'measures m JOIN cases c ON c.case_id = m.case_id',
		where: 'm.aims_employability AND m.end_date IS NOT NULL AND m.employability_start IS NOT NULL AND m.employability_end IS NOT NULL',
		day: 'm.end_date',
		keys: { a: 'CAST(m.employability_start AS INTEGER)', b: 'CAST(m.employability_end AS INTEGER)' },
		sums: { n: 'count(*)' }
	},
	e_ref_entry: {
		from: `cases c JOIN ${REFERRALS} r ON r.case_id = c.case_id`,
		where: 'c.entry_date IS NOT NULL',
		day: 'c.entry_date',
		keys: { reason: 'r.reason' },
		sums: { n: 'count(*)' }
	},
	e_ref_exit: {
		from: `cases c JOIN ${REFERRALS} r ON r.case_id = c.case_id`,
		where: 'c.exit_date IS NOT NULL',
		day: 'c.exit_date',
		keys: { reason: 'r.reason', exit_reason: 'c.exit_reason' },
		sums: { n: 'count(*)' }
	}
};

export const EVENT_NAMES = Object.keys(SPECS) as EventName[];

/**
 * Levels of pre-aggregation, smallest first: each answers any filter on its dimensions.
 * The middle ones cover, in tables whose size does not grow with the number of cases, the
 * filters a jobcenter uses most (which jobcenter, age, gender), the ones a comparison of
 * programs uses (which jobcenter, program, Profillage), and a program or Profillage for an
 * age group or gender across jobcenters (at 1M cases these read the full level's 2.7M rows
 * by SQL, 90–130 ms a step; this level has a fifth of them and is held in the page), a
 * program or a program for a gender, across and per jobcenter, and a jobcenter with a program
 * or Profillage for a gender. Only a unit, or a jobcenter with a program or Profillage and an
 * age group, needs the full level.
 */
export interface Level {
	name: string;
	dims: readonly string[];
}
/** A program or Profillage for an age group or gender, across jobcenters (the tallies have it too). */
export const PROGRAM_AGE_GENDER: Level = { name: 'program_age_gender', dims: ['program', 'profile', 'age_group', 'gender'] };
/**
 * An age group or gender across jobcenters, the Übersicht's most frequent new selections: at
 * 1M cases this level has a fifth of the jobcenter × age × gender level's rows, and one
 * gender's four largest relations are re-added in 1.2 instead of 4.5 ms (Node, warm). The
 * tallies share it (tallies.ts).
 */
export const AGE_GENDER: Level = { name: 'age_gender', dims: ['age_group', 'gender'] };
/**
 * A program, or a program for a gender, across jobcenters: the most frequent selection
 * beyond the jobcenter, age and gender. The levels with the program (by jobcenter and
 * Profillage, or by Profillage, age group and gender) hold several times its rows, which a
 * selection had to visit and add up. The tallies share it (tallies.ts).
 */
export const PROGRAM_GENDER: Level = { name: 'program_gender', dims: ['program', 'gender'] };
/**
 * A jobcenter with a program or Profillage for a gender, and the Regionen's groups by
 * jobcenter under a program for women: at 10M cases these read the full level by SQL, four to
 * eleven statements of 8–46 ms a step (the tallies have it too). Without the unit and the age
 * group it has a fifth of the full level's rows at 1M cases and grows more slowly (1M → 2M
 * cases: ×1.2 against ×1.45), so the page can hold it where it cannot hold the full level.
 */
export const JC_PROGRAM_GENDER: Level = { name: 'jc_program_profile_gender', dims: ['jobcenter_id', 'program', 'profile', 'gender'] };
/**
 * A program, or a program for a gender, per jobcenter: the Regionen's groups and curves by
 * jobcenter under such a selection, and a jobcenter with a program (for a gender). The full
 * level and the jobcenter × program × gender level with the Profillage have several times its rows.
 */
export const PROGRAM_GENDER_PER_JC: Level = { name: 'jc_program_gender', dims: ['jobcenter_id', 'program', 'gender'] };
const LEVELS: Level[] = [
	{ name: 'total', dims: [] },
	AGE_GENDER,
	PROGRAM_GENDER,
	{ name: 'jc_age_gender', dims: ['jobcenter_id', 'age_group', 'gender'] },
	{ name: 'jc_program_profile', dims: ['jobcenter_id', 'program', 'profile'] },
	PROGRAM_GENDER_PER_JC,
	PROGRAM_AGE_GENDER,
	JC_PROGRAM_GENDER,
	{ name: 'full', dims: CASE_FILTERS }
];

/**
 * The levels the monthly tables and the tallies share whose tables grow with the cases; both
 * keep them compressed, with the contract tables, and read them in the page (cubes).
 * Uncompressed, the program × age × gender level's tables would hold another 75 MB at 1M cases.
 */
export const GROWING_LEVELS: readonly string[] = [PROGRAM_GENDER_PER_JC.name, PROGRAM_AGE_GENDER.name, JC_PROGRAM_GENDER.name];

/** Levels kept compressed: the growing ones and the full level. */
const COMPRESSED_LEVELS: readonly string[] = [...GROWING_LEVELS, 'full'];

/**
 * The full level holds a row per case-dimension combination and month: at ten million
 * cases over a gigabyte uncompressed. It serves only the rarer selections (a unit; a
 * jobcenter with a program or Profillage and an age group), so it lives compressed
 * with the contract tables (see engine.ts); the smaller levels but `COMPRESSED_LEVELS` stay
 * uncompressed for speed (DuckDB reads them when a cube could not be read).
 */
const aggTable = (level: string, name: EventName) => `${COMPRESSED_LEVELS.includes(level) ? `${TYPED_SCHEMA}.` : ''}tm_agg_${level}_${name}`;

/** A group key of the regional comparison: its SQL and the case column it depends on. */
export interface EventGroup {
	sql: string;
	column: string;
	/** The jobcenter attribute the key is, when it is one (then `column` is the jobcenter). */
	attribute?: string;
}

/** Of the built levels, the one with the fewest dimensions that holds every dimension of `level` (the one to add it up from). */
export function smallestCovering(built: readonly Level[], level: Level): Level {
	const covering = built.filter((b) => level.dims.every((d) => b.dims.includes(d)));
	return covering.reduce((best, b) => (b.dims.length < best.dims.length ? b : best));
}

/** The smallest level that holds every dimension the filters and a further case column (a group key) need. */
export function levelFor(filters: Filters, column?: string, levels: readonly Level[] = LEVELS): string | undefined {
	const need = new Set<string>(CASE_FILTERS.filter((f) => filters[f]?.length));
	if (JOBCENTER_FILTERS.some((f) => filters[f]?.length)) need.add('jobcenter_id');
	if (column) need.add(column);
	return levels.find((l) => [...need].every((d) => l.dims.includes(d)))?.name;
}

/**
 * Of the levels held in the page (`held`), the smallest that holds what levelFor needs: a
 * larger level's cube answers in a few milliseconds where a statement on a smaller level's
 * table takes tens (the jobcenter × program × gender level is not held where the full level
 * is). Undefined when none is held: then the smallest level is read by SQL.
 */
export function heldLevelFor(filters: Filters, column: string | undefined, levels: readonly Level[], held: (level: string) => boolean): string | undefined {
	return levelFor(filters, column, levels.filter((l) => held(l.name)));
}

function keyList(spec: EventSpec): string {
	return Object.entries(spec.keys)
		.map(([k, e]) => `, ${e} AS ${k}`)
		.join('');
}

function sumList(spec: EventSpec, over: (name: string, expr: string) => string): string {
	return Object.entries(spec.sums)
		.map(([k, e]) => `, ${over(k, e)} AS ${k}`)
		.join('');
}

/**
 * A stored sum as BIGINT: DuckDB's sum of integers is a HUGEINT, and reading a HUGEINT column
 * back is slow (at 1M cases the exits' monthly table with two of them took 300 ms per read
 * in DuckDB-WASM, 14 ms without them). A month's count or sum of days fits in 64 bits.
 */
const asBigint = (expr: string) => `CAST(${expr} AS BIGINT)`;

/**
 * The statements that build the monthly tables (run once per loaded dataset): the full level
 * from the cases, part by part (see parts.ts: grouping all ten million cases by every
 * dimension at once would need a gigabyte), each smaller one added up from the smallest
 * level built before it that holds its dimensions (the total from the age × gender level,
 * not from the full level's millions of rows).
 */
export function buildSql(parts: readonly Sql[] = ALL_CASES): Sql[] {
	const [full, ...smaller] = [...LEVELS].reverse();
	return EVENT_NAMES.flatMap((name) => {
		const s = SPECS[name];
		const keys = Object.keys(s.keys).map((k) => `, ${k}`).join('');
		return [
			...tableByParts(
				aggTable(full.name, name),
				(part) => ({
					sql: `SELECT ${full.dims.map((f) => `c.${f}`).join(', ')}, CAST(date_trunc('month', ${s.day}) AS DATE) AS d${keyList(s)}${sumList(s, (_, e) => asBigint(e))}
						FROM ${s.from} WHERE ${s.where} AND ${part.sql} GROUP BY ALL`,
					params: part.params
				}),
				parts
			),
			...smaller.map((l, i) => ({
				sql: `CREATE OR REPLACE TABLE ${aggTable(l.name, name)} AS
				SELECT ${l.dims.map((f) => `${f}, `).join('')}d${keys}${sumList(s, (k) => asBigint(`sum(${k})`))}
				FROM ${aggTable(smallestCovering([full, ...smaller.slice(0, i)], l).name, name)} GROUP BY ALL`,
				params: []
			}))
		];
	});
}

/** The periods' days the indicators compare with `d` are all month boundaries. */
export function monthAligned(periods: Period[]): boolean {
	return periods.every((p) => {
		const from = new Date(p.from + 'T00:00:00Z');
		const after = new Date(Date.parse(p.to + 'T00:00:00Z') + 86400000);
		return from.getUTCDate() === 1 && after.getUTCDate() === 1;
	});
}

/** Filters the monthly tables can answer: the case dimensions and the jobcenters' attributes. */
export function aggregatable(filters: Filters): boolean {
	const ok = new Set<string>([...CASE_FILTERS, ...JOBCENTER_FILTERS]);
	return Object.entries(filters).every(([f, v]) => !v?.length || ok.has(f));
}

/** Whether to read the monthly tables for a query about these periods. */
export function useAggregates(ctx: Pick<Ctx, 'aggregates' | 'filters'>, periods: Period[]): boolean {
	return !!ctx.aggregates && aggregatable(ctx.filters) && monthAligned(periods);
}

/**
 * An event relation's row as the indicators read it: the day `d` (days since 1970-01-01; the
 * first of the month when read from the monthly tables), its keys, its sums, and the group
 * `g` when grouped.
 */
export type EventRow = { d: number; n: number; g?: string } & Record<string, unknown>;
export type EventRelations = Partial<Record<EventName, EventRow[]>>;

/** A DATE as days since 1970-01-01 (how the page holds days). */
export const EPOCH_DAY = (day: string) => `CAST(${day} - DATE '1970-01-01' AS INTEGER)`;

/** One event relation under the filters, as a SELECT with its parameters. */
function eventSelect(name: EventName, filters: Filters, aggregates: boolean, group?: EventGroup): Sql {
	const s = SPECS[name];
	const w = caseWhere(filters);
	// A group key (regional comparison) may name a jobcenter attribute `j.…`; only then is
	// the jobcenter needed (the program × age × gender level has none).
	const g = group ? `${group.sql} AS g, ` : '';
	const join = group?.attribute ? ' LEFT JOIN jobcenters j ON j.jobcenter_id = c.jobcenter_id' : '';
	const keys = Object.keys(s.keys).map((k) => `, ${k}`).join('');
	return {
		sql: aggregates
			? `SELECT ${g}${EPOCH_DAY('c.d')} AS d${keys}${sumList(s, (k) => `sum(c.${k})`)} FROM ${aggTable(levelFor(filters, group?.column)!, name)} c${join} WHERE ${w.sql} GROUP BY ALL`
			: `SELECT ${g}${EPOCH_DAY(s.day)} AS d${keyList(s)}${sumList(s, (_, e) => e)} FROM ${s.from}${join} WHERE ${w.sql} AND ${s.where} GROUP BY ALL`,
		params: w.params
	};
}

/**
 * The named event relations under the context's filters, as rows (order not defined): from
 * the cubes of the monthly tables where they are exact for `periods` and held in the page,
 * else by SQL from the monthly tables or the cases. They do not depend on the periods
 * themselves, only on whether the monthly tables are exact for them: so a period change reads
 * the same rows again (from the cubes, or from the query cache) and costs no statement.
 */
export async function eventRows(
	engine: Engine,
	ctx: Pick<Ctx, 'aggregates' | 'filters' | 'cubes'>,
	names: readonly EventName[],
	periods: Period[],
	group?: EventGroup
): Promise<EventRelations> {
	const agg = useAggregates(ctx, periods);
	const where = agg && ctx.cubes ? cubeWhere(ctx.filters, ctx.cubes) : null;
	const out: EventRelations = {};
	// The statements are asked at once, so the worker runs the next while the page reads the
	// last answer's rows (and adds up the cubes).
	const asked: Promise<void>[] = [];
	for (const name of names) {
		const level = where ? heldLevelFor(ctx.filters, group?.column, LEVELS, (l) => ctx.cubes!.get(aggTable(l, name)) !== undefined) : undefined;
		const cube = level ? ctx.cubes!.get(aggTable(level, name)) : undefined;
		if (cube) {
			const s = SPECS[name];
			const stratum = group ? ctx.cubes!.stratum(group, 'g') : undefined;
			out[name] = cube.select<EventRow>(where!, ['d', ...Object.keys(s.keys)], Object.keys(s.sums), stratum);
			continue;
		}
		const sel = eventSelect(name, ctx.filters, agg, group);
		asked.push(engine.query<EventRow>(sel.sql, sel.params).then((rows) => void (out[name] = rows)));
	}
	await Promise.all(asked);
	return out;
}

/**
 * Up to this many rows in the full level's tables, the page holds them as cubes too. At 1M
 * demo cases they have 2.7M rows (about 110 MB as cubes): a jobcenter or unit with a program
 * or Profillage and an age group or gender, and the Regionen's groups under a program, then
 * cost no statement (in SQL 60–200 ms a step in the browser). At 2M cases they have twice as
 * many (another 220 MB in the page): a budget in rows keeps what the page holds bounded at
 * every size, and above it these selections read the compressed tables by SQL.
 */
export const FULL_LEVEL_CUBE_MAX_ROWS = 4_000_000;
/**
 * The same budget for the jobcenter × program × gender levels (with the Profillage and
 * without): the first one's tables have 0.60M rows at 1M demo cases, 0.74M at 2M, 1.09M at
 * 10M (about 35 MiB as cubes there), the second one's 0.18M at 1M; data with many more
 * jobcenters or programs may have more.
 */
export const JC_PROGRAM_GENDER_CUBE_MAX_ROWS = 2_000_000;

/** The levels held in the page only up to a number of rows in their tables (theirs grow with the cases). */
const CUBE_MAX_ROWS: Readonly<Record<string, number>> = {
	full: FULL_LEVEL_CUBE_MAX_ROWS,
	[JC_PROGRAM_GENDER.name]: JC_PROGRAM_GENDER_CUBE_MAX_ROWS,
	[PROGRAM_GENDER_PER_JC.name]: JC_PROGRAM_GENDER_CUBE_MAX_ROWS
};

/**
 * Of `levels`, those to hold in the page: each without a budget, and each with one while its
 * rows (counted in `rows`; a level not counted is not held) are within it; but a level that
 * stands in for a larger one (`standsInFor`) only where that one is not held.
 */
export function withinBudget(
	levels: readonly Level[],
	budgets: Readonly<Record<string, number>>,
	rows: Readonly<Record<string, number | null>>,
	standsInFor: Readonly<Record<string, string>> = {}
): Level[] {
	const within = levels.filter((l) => !(l.name in budgets) || (rows[l.name] ?? Infinity) <= budgets[l.name]);
	const held = new Set(within.map((l) => l.name));
	return within.filter((l) => !(l.name in standsInFor) || !held.has(standsInFor[l.name]));
}

/**
 * The jobcenter × program × gender level answers in the page what the full level answers
 * there where that is held (at 1M demo cases, 2.7M rows). With both held at 1M the tab peaked
 * 80–90 MiB above session 18's build, with this rule 60 MiB (the tallies' milestones reached
 * keep the new level there: their level of all dimensions is not held), for selections the
 * larger levels' cubes already answered.
 */
const STANDS_IN_FOR: Readonly<Record<string, string>> = { [JC_PROGRAM_GENDER.name]: 'full' };

/** The rows of a level's tables (after buildSql). */
export function levelRows(engine: Engine, level: string): Promise<number> {
	return tableRows(engine, EVENT_NAMES.map((name) => aggTable(level, name)));
}

/** The rows of the full level's tables (after buildSql). */
export function fullLevelRows(engine: Engine): Promise<number> {
	return levelRows(engine, 'full');
}

/**
 * The monthly tables held in the page as cubes (see cube.ts): every level, those of
 * CUBE_MAX_ROWS within their budget, the jobcenter × program × gender level only where the
 * full level is not held (withinBudget). The day is read as days since 1970-01-01.
 */
export function eventCubes(rows: Readonly<Record<string, number>>): CubeSource[] {
	return withinBudget(LEVELS, CUBE_MAX_ROWS, rows, STANDS_IN_FOR).flatMap((l) =>
		EVENT_NAMES.map((name) => ({ table: aggTable(l.name, name), measures: Object.keys(SPECS[name].sums), columns: { d: EPOCH_DAY('d') } }))
	);
}

/** The monthly tables to hold in the page for the built tables (eventCubes, with the budgeted levels' rows counted). */
export async function heldEventCubes(engine: Engine): Promise<CubeSource[]> {
	const rows: Record<string, number> = {};
	for (const level of Object.keys(CUBE_MAX_ROWS)) rows[level] = await levelRows(engine, level);
	return eventCubes(rows);
}

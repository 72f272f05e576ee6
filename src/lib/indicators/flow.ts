/**
 * Flow and stock (seed 000, 001, 004: "Umfang und Reichweite"): entries, exits, the
 * month-end stock at the end of the period and its average over the period's months.
 * The exits by reason (outcomes.ts) and the Kontaktdichte's sums (care.ts) are read from
 * the same entry and exit relations, so one statement answers all three for every period.
 */
import { EXIT_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import { contactSums, type ContactSums } from './care';
import { jobcenterLevel, type Ctx } from './context';
import { eventsCte } from './events';
import { byPeriod, inPeriods, monthEndsSql, periodsCte } from './periods';
import { isSmallCount } from './suppression';
import type { Flow, Period } from './types';

// The regional comparison (groups.ts) takes the month ends from here.
export { MONTH_ENDS_SQL, monthEndsParams } from './periods';

export interface FlowRaw {
	entries: number;
	exits: number;
	stock_end: number;
	stock_avg: number;
}

export interface PeriodFlow {
	flow: FlowRaw;
	/** Exits in the period by exit reason (every code of the contract, 0 where none). */
	exitCounts: Record<string, number>;
	contacts: ContactSums;
}

/**
 * Entries and exits summed up to each event day (`ent`, `ext`): the stock at a day e is the
 * cases entered by e minus those that also exited by e. A few thousand days at most.
 */
export function stockByDaySql(grouped = false): string {
	const g = grouped ? 'g, ' : '';
	const over = grouped ? 'PARTITION BY g ORDER BY d' : 'ORDER BY d';
	return `ent AS MATERIALIZED (SELECT ${g}d, sum(sum(n)) OVER (${over}) AS cum FROM e_entry GROUP BY ${g}d),
	ext AS MATERIALIZED (SELECT ${g}d, sum(sum(n)) OVER (${over}) AS cum FROM e_exit GROUP BY ${g}d)`;
}
export const STOCK_BY_DAY_SQL = stockByDaySql();

/**
 * The stock at each day `e` of the relation `days` (from stockByDaySql): its columns and n;
 * per group `g` when grouped (then `days` has a column g too).
 */
export function stockOn(days: string, grouped = false): string {
	const g = (t: string) => (grouped ? `x.g = ${t}.g AND ` : '');
	return `SELECT x.*, (coalesce(a.cum, 0) - coalesce(b.cum, 0)) AS n
		FROM ${days} x ASOF LEFT JOIN ent a ON ${g('a')}x.e >= a.d ASOF LEFT JOIN ext b ON ${g('b')}x.e >= b.d`;
}

/** One row per period of each kind; `exits` rows per exit reason (`code`). */
interface FlowRow {
	i: number;
	kind: 'stock' | 'entries' | 'exits';
	code: string | null;
	n: number;
	stock_avg: number | null;
	ka_n: number | null;
	ka_appts: number | null;
	ka_days: number | null;
}

export async function periodFlows(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'events'>,
	periods: Period[]
): Promise<PeriodFlow[]> {
	const ev = await eventsCte(engine, ctx, ['e_entry', 'e_exit'], periods);
	const p = periodsCte(periods);
	// The stock at the month ends (for the average) and at `to` (for the end stock; a period
	// whose `from` lies after its `to` has no month ends), in one pass.
	const rows = await engine.query<FlowRow>(
		`WITH ${ev.sql}, ${STOCK_BY_DAY_SQL}, ${p.sql},
		days AS (SELECT i, e, true AS month_end FROM (${monthEndsSql()}) UNION ALL SELECT i, p_to, false FROM periods),
		stock AS (SELECT i, max(n) FILTER (WHERE NOT month_end) AS stock_end, avg(n) FILTER (WHERE month_end) AS stock_avg
			FROM (${stockOn('days')}) GROUP BY i)
		SELECT i, 'stock' AS kind, NULL AS code, stock_end::INTEGER AS n, stock_avg::DOUBLE AS stock_avg,
			NULL AS ka_n, NULL AS ka_appts, NULL AS ka_days FROM stock
		UNION ALL SELECT p.i, 'entries', NULL, sum(x.n)::INTEGER, NULL, NULL, NULL, NULL FROM ${inPeriods('e_entry')} GROUP BY 1
		UNION ALL SELECT p.i, 'exits', x.exit_reason, sum(x.n)::INTEGER, NULL, sum(x.ka_n)::DOUBLE, sum(x.ka_appts)::DOUBLE, sum(x.ka_days)::DOUBLE
			FROM ${inPeriods('e_exit')} GROUP BY 1, 3`,
		[...ev.params, ...p.params]
	);
	return byPeriod(rows, periods.length).map((rs) => {
		const stock = rs.find((r) => r.kind === 'stock')!;
		const exits = rs.filter((r) => r.kind === 'exits');
		const exitCounts: Record<string, number> = Object.fromEntries(EXIT_REASONS.map((c) => [c, 0]));
		for (const x of exits) exitCounts[x.code!] = (exitCounts[x.code!] ?? 0) + x.n;
		return {
			flow: {
				entries: rs.find((r) => r.kind === 'entries')?.n ?? 0,
				exits: exits.reduce((a, x) => a + x.n, 0),
				stock_end: stock.n,
				stock_avg: stock.stock_avg ?? 0
			},
			exitCounts,
			contacts: contactSums(exits)
		};
	});
}

/**
 * The flow of all cases of the selected jobcenters (the stock the caseload ratio divides:
 * the staff serve every case). Without case-level filters that is `flows` itself.
 */
export async function jobcenterFlows(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'events'>,
	periods: Period[],
	flows: PeriodFlow[]
): Promise<PeriodFlow[]> {
	const filters = jobcenterLevel(ctx.filters);
	const narrowed = Object.values(ctx.filters).filter((v) => v?.length).length > Object.keys(filters).length;
	return narrowed ? periodFlows(engine, { ...ctx, filters }, periods) : flows;
}

export function flowReport(raw: FlowRaw, ctx: Pick<Ctx, 'k'>): Flow {
	const k = ctx.k;
	const s = {
		entries: isSmallCount(raw.entries, k),
		exits: isSmallCount(raw.exits, k),
		stock_end: isSmallCount(raw.stock_end, k),
		stock_avg: raw.stock_avg > 0 && raw.stock_avg < k
	};
	return {
		entries: s.entries ? null : raw.entries,
		exits: s.exits ? null : raw.exits,
		stock_end: s.stock_end ? null : raw.stock_end,
		stock_avg: s.stock_avg ? null : raw.stock_avg,
		suppressed: s
	};
}

/**
 * Flow and stock (seed 000, 001, 004: "Umfang und Reichweite"): entries, exits, the
 * month-end stock at the end of the period and its average over the period's months.
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { eventsCte } from './events';
import { isSmallCount } from './suppression';
import type { Flow, Period } from './types';

export interface FlowRaw {
	entries: number;
	exits: number;
	stock_end: number;
	stock_avg: number;
}

/**
 * Month ends of every calendar month that intersects the period, each capped at `to`.
 * Used by the stock, the Ermöglichungsquote's eLb average and the caseload ratio.
 */
export const MONTH_ENDS_SQL = `SELECT CAST(least(last_day(CAST(m AS DATE)), ?::DATE) AS DATE) AS e,
	CAST(date_trunc('month', CAST(m AS DATE)) AS DATE) AS month
	FROM generate_series(CAST(date_trunc('month', ?::DATE) AS TIMESTAMP), CAST(?::DATE AS TIMESTAMP), INTERVAL 1 MONTH) g(m)`;

export function monthEndsParams(p: Period): unknown[] {
	return [p.to, p.from, p.to];
}

/**
 * Entries and exits summed up to each event day (`ent`, `ext`): the stock at a day e is the
 * cases entered by e minus those that also exited by e. A few thousand days at most.
 */
export const STOCK_BY_DAY_SQL = `ent AS MATERIALIZED (SELECT d, sum(sum(n)) OVER (ORDER BY d) AS cum FROM e_entry GROUP BY d),
	ext AS MATERIALIZED (SELECT d, sum(sum(n)) OVER (ORDER BY d) AS cum FROM e_exit GROUP BY d)`;

/** The stock at each day `e` of the relation `days` (from STOCK_BY_DAY_SQL), as columns e, n. */
export function stockOn(days: string): string {
	return `SELECT x.e, (coalesce(a.cum, 0) - coalesce(b.cum, 0)) AS n
		FROM ${days} x ASOF LEFT JOIN ent a ON x.e >= a.d ASOF LEFT JOIN ext b ON x.e >= b.d`;
}

export async function flowRaw(engine: Engine, ctx: Pick<Ctx, 'period' | 'filters' | 'aggregates' | 'events'>): Promise<FlowRaw> {
	const { period } = ctx;
	const ev = await eventsCte(engine, ctx, ['e_entry', 'e_exit'], [period]);
	const [r] = await engine.query<FlowRaw>(
		`WITH ${ev.sql}, ${STOCK_BY_DAY_SQL},
		ends AS (${MONTH_ENDS_SQL}),
		monthly AS (${stockOn('ends')})
		SELECT coalesce((SELECT sum(n) FROM e_entry WHERE d BETWEEN ?::DATE AND ?::DATE), 0)::INTEGER AS entries,
			coalesce((SELECT sum(n) FROM e_exit WHERE d BETWEEN ?::DATE AND ?::DATE), 0)::INTEGER AS exits,
			(SELECT n FROM (${stockOn('(SELECT ?::DATE AS e)')}))::INTEGER AS stock_end,
			(SELECT avg(n) FROM monthly)::DOUBLE AS stock_avg`,
		[...ev.params, ...monthEndsParams(period), period.from, period.to, period.from, period.to, period.to]
	);
	return { entries: r.entries, exits: r.exits, stock_end: r.stock_end, stock_avg: r.stock_avg ?? 0 };
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

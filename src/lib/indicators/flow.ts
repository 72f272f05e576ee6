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
 * Net entries per event day (`ent`, `ext`): the stock at a day e is the cases entered by e
 * minus those that also exited by e. A few thousand days at most, so each month end sums
 * those instead of scanning every case once per month.
 */
export const STOCK_BY_DAY_SQL = `ent AS MATERIALIZED (SELECT d, sum(n) AS n FROM e_entry GROUP BY 1),
	ext AS MATERIALIZED (SELECT d, sum(n) AS n FROM e_exit GROUP BY 1)`;

/** The stock at the day `e` of the surrounding row, from STOCK_BY_DAY_SQL. */
export function stockAt(e: string): string {
	return `(coalesce((SELECT sum(n) FROM ent WHERE ent.d <= ${e}), 0) - coalesce((SELECT sum(n) FROM ext WHERE ext.d <= ${e}), 0))`;
}

export async function flowRaw(engine: Engine, ctx: Pick<Ctx, 'period' | 'filters' | 'aggregates'>): Promise<FlowRaw> {
	const { period } = ctx;
	const ev = await eventsCte(engine, ctx, ['e_entry', 'e_exit'], [period]);
	const [r] = await engine.query<FlowRaw>(
		`WITH ${ev.sql}, ${STOCK_BY_DAY_SQL},
		ends AS (${MONTH_ENDS_SQL}),
		monthly AS (SELECT e, ${stockAt('ends.e')} AS n FROM ends)
		SELECT coalesce((SELECT sum(n) FROM ent WHERE d BETWEEN ?::DATE AND ?::DATE), 0)::INTEGER AS entries,
			coalesce((SELECT sum(n) FROM ext WHERE d BETWEEN ?::DATE AND ?::DATE), 0)::INTEGER AS exits,
			(SELECT ${stockAt('?::DATE')})::INTEGER AS stock_end,
			(SELECT avg(n) FROM monthly)::DOUBLE AS stock_avg`,
		[...ev.params, ...monthEndsParams(period), period.from, period.to, period.from, period.to, period.to, period.to]
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

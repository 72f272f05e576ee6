/**
 * Flow and stock (seed 000, 001, 004: "Umfang und Reichweite"): entries, exits, the
 * month-end stock at the end of the period and its average over the period's months.
 */
import type { Engine } from '../data/engine';
import { caseWhere, type Ctx, type Filters } from './context';
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
 * The stock at a day e is the cases entered by e minus those that also exited by e
 * (`greatest(entry, exit) <= e`, so it holds even for an exit before the entry). One grouped
 * pass turns the cases into net changes per day; each month end then sums a few thousand
 * days instead of scanning every case once per month.
 */
export const STOCK_EVENTS_SQL = `SELECT d, sum(n) AS n FROM (
		SELECT entry_date AS d, count(*) AS n FROM fc WHERE entry_date IS NOT NULL GROUP BY 1
		UNION ALL
		SELECT greatest(entry_date, exit_date) AS d, -count(*) AS n FROM fc WHERE entry_date IS NOT NULL AND exit_date IS NOT NULL GROUP BY 1
	) GROUP BY 1`;

export async function flowRaw(engine: Engine, period: Period, filters: Filters): Promise<FlowRaw> {
	const w = caseWhere(filters);
	const [r] = await engine.query<FlowRaw>(
		`WITH fc AS (SELECT entry_date, exit_date FROM cases c WHERE ${w.sql}),
		ends AS (${MONTH_ENDS_SQL}),
		ev AS (${STOCK_EVENTS_SQL}),
		monthly AS (SELECT e, CAST(coalesce((SELECT sum(ev.n) FROM ev WHERE ev.d <= ends.e), 0) AS BIGINT) AS n FROM ends),
		agg AS (SELECT
			count(*) FILTER (WHERE entry_date BETWEEN ?::DATE AND ?::DATE) AS entries,
			count(*) FILTER (WHERE exit_date BETWEEN ?::DATE AND ?::DATE) AS exits,
			count(*) FILTER (WHERE entry_date <= ?::DATE AND (exit_date IS NULL OR exit_date > ?::DATE)) AS stock_end
			FROM fc)
		SELECT agg.entries::INTEGER AS entries, agg.exits::INTEGER AS exits, agg.stock_end::INTEGER AS stock_end,
			(SELECT avg(n) FROM monthly)::DOUBLE AS stock_avg
		FROM agg`,
		[...w.params, ...monthEndsParams(period), period.from, period.to, period.from, period.to, period.to, period.to]
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

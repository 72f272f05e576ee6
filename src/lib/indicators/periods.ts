/**
 * Several periods in one statement. The Übersicht shows every period indicator for the
 * chosen period and the one before it; over the small event relations a statement costs
 * about the same for two periods as for one, so each indicator family is written once, for
 * a list of periods (a single period is the list of one), and grouped by the period's index.
 */
import type { Sql } from './context';
import type { Period } from './types';

/** `WITH`-ready relation `periods(i, p_from, p_to)`; `i` is the period's index in the list. */
export function periodsCte(periods: Period[]): Sql {
	return {
		sql: `periods(i, p_from, p_to) AS (VALUES ${periods.map(() => '(?::INTEGER, ?::DATE, ?::DATE)').join(', ')})`,
		params: periods.flatMap((p, i) => [i, p.from, p.to])
	};
}

/** One period as the relation of `periodsCte`, for a query that binds only `from`, `to`. */
export const ONE_PERIOD = '(SELECT 0 AS i, ?::DATE AS p_from, ?::DATE AS p_to)';

/** `FROM` part: each row `x` of an event relation with every period `p` its day falls in. */
export function inPeriods(relation: string, periods = 'periods'): string {
	return `${periods} p JOIN ${relation} x ON x.d BETWEEN p.p_from AND p.p_to`;
}

/**
 * Month ends (columns i, e, month) of every calendar month that intersects a period, each
 * capped at its `to`, so a period's last month end is its `to`. Used by the stock, the
 * eLb average and the FM staff average.
 */
export function monthEndsSql(periods = 'periods'): string {
	return `SELECT i, CAST(least(last_day(CAST(m AS DATE)), p_to) AS DATE) AS e, CAST(date_trunc('month', CAST(m AS DATE)) AS DATE) AS month
	FROM (SELECT p.i, p.p_to, unnest(generate_series(CAST(date_trunc('month', p.p_from) AS TIMESTAMP), CAST(p.p_to AS TIMESTAMP), INTERVAL 1 MONTH)) AS m
		FROM ${periods} p)`;
}

/** The month ends of one period (parameters: monthEndsParams), for the regional comparison. */
export const MONTH_ENDS_SQL = monthEndsSql(ONE_PERIOD);

export function monthEndsParams(p: Period): unknown[] {
	return [p.from, p.to];
}

/** Rows with a period index `i`, as one list per period (empty where a period has none). */
export function byPeriod<R extends { i: number }>(rows: R[], count: number): R[][] {
	const out: R[][] = Array.from({ length: count }, () => []);
	for (const r of rows) out[r.i].push(r);
	return out;
}

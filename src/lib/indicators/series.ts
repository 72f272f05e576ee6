/**
 * Monthly series for the cockpit: stock, entries and exits per month, and the rolling
 * 12-month integration share, Integrationsquote and Ermöglichungsquote. The rolling rates
 * reuse the same arithmetic (shareOf, rateOf) as the period indicators.
 */
import type { Engine } from '../data/engine';
import { jobcenterWhere, type Ctx } from './context';
import { eventsCte } from './events';
import { STOCK_BY_DAY_SQL, stockOn } from './flow';
import { rateOf, shareOf } from './outcomes';
import { isSmallCount } from './suppression';

export interface SeriesPoint {
	month: string; // YYYY-MM
	entries: number | null;
	exits: number | null;
	stock_end: number | null;
	/** Rolling 12 months ending with this month (null until 12 months of data exist or when suppressed). */
	integration_share_12m: number | null;
	integrationsquote_12m: number | null;
	ermoeglichungsquote_12m: number | null;
}

interface RawMonth {
	month: string;
	entries: number;
	exits: number;
	integrations: number;
	stock_end: number;
	measure_entries: number;
	elb: number | null;
}

export const SERIES_MONTHS = 36;

export async function monthlySeries(engine: Engine, ctx: Ctx, months = SERIES_MONTHS): Promise<SeriesPoint[]> {
	const j = jobcenterWhere(ctx.filters);
	// The 12 months before the first shown month are needed for the rolling rates.
	const span = months + 11;
	const hasMeasures = ctx.tables.measures > 0;
	const hasStock = ctx.tables.stock > 0;
	// Every shown month ends at its last day, except the period's last month, which ends at
	// the period end: so only `to` decides whether the monthly tables are exact.
	const to = ctx.period.to;
	const ev = await eventsCte(engine, ctx, hasMeasures ? ['e_entry', 'e_exit', 'e_mstart'] : ['e_entry', 'e_exit'], [{ from: to.slice(0, 8) + '01', to }]);
	const rows = await engine.query<RawMonth>(
		`WITH ${ev.sql}, ${STOCK_BY_DAY_SQL},
		ms AS (
			SELECT CAST(m AS DATE) AS m, CAST(least(last_day(CAST(m AS DATE)), ?::DATE) AS DATE) AS e
			FROM generate_series(CAST(date_trunc('month', ?::DATE) - INTERVAL (${span - 1}) MONTH AS TIMESTAMP),
			                     CAST(?::DATE AS TIMESTAMP), INTERVAL 1 MONTH) g(m)),
		elb AS (${hasStock ? `SELECT s.month, sum(s.elb_stock) AS elb FROM stock s WHERE ${j.sql} GROUP BY 1` : 'SELECT NULL::DATE AS month, NULL::DOUBLE AS elb WHERE false'}),
		last AS (SELECT max(e) AS to_ FROM ms),
		st AS (${stockOn('ms')}),
		per_month AS (SELECT CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n FROM e_entry WHERE d <= (SELECT to_ FROM last) GROUP BY 1),
		ext_month AS (SELECT CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n,
			coalesce(sum(n) FILTER (WHERE exit_reason = 'arbeit_ausbildung'), 0) AS i FROM e_exit WHERE d <= (SELECT to_ FROM last) GROUP BY 1),
		mse AS (${hasMeasures ? `SELECT CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n FROM e_mstart WHERE d <= (SELECT to_ FROM last) GROUP BY 1` : 'SELECT NULL::DATE AS m, 0 AS n WHERE false'})
		SELECT strftime(ms.m, '%Y-%m') AS month,
			coalesce(per_month.n, 0)::INTEGER AS entries,
			coalesce(ext_month.n, 0)::INTEGER AS exits,
			coalesce(ext_month.i, 0)::INTEGER AS integrations,
			st.n::INTEGER AS stock_end,
			coalesce(mse.n, 0)::INTEGER AS measure_entries,
			(SELECT elb FROM elb WHERE elb.month = ms.m)::DOUBLE AS elb
		FROM ms JOIN st ON st.e = ms.e LEFT JOIN per_month ON per_month.m = ms.m LEFT JOIN ext_month ON ext_month.m = ms.m LEFT JOIN mse ON mse.m = ms.m
		ORDER BY ms.m`,
		[...ev.params, to, to, to, ...(hasStock ? j.params : [])]
	);
	const k = ctx.k;
	const count = (n: number) => (isSmallCount(n, k) ? null : n);
	const out: SeriesPoint[] = [];
	for (let i = 11; i < rows.length; i++) {
		const win = rows.slice(i - 11, i + 1);
		const sum = (f: (r: RawMonth) => number) => win.reduce((s, r) => s + f(r), 0);
		const avgStock = sum((r) => r.stock_end) / 12;
		const elbs = win.map((r) => r.elb).filter((v): v is number => v !== null);
		const basis = hasStock && elbs.length === 12 ? elbs.reduce((a, b) => a + b, 0) / 12 : hasStock ? 0 : avgStock;
		const r = rows[i];
		out.push({
			month: r.month,
			entries: count(r.entries),
			exits: count(r.exits),
			stock_end: count(r.stock_end),
			integration_share_12m: shareOf(sum((x) => x.integrations), sum((x) => x.exits), k).value,
			integrationsquote_12m: rateOf(sum((x) => x.integrations), avgStock, k).value,
			ermoeglichungsquote_12m: hasMeasures ? rateOf(sum((x) => x.measure_entries), basis, k).value : null
		});
	}
	return out;
}

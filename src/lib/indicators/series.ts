/**
 * Monthly series for the cockpit: stock, entries and exits per month, and the rolling
 * 12-month integration share, Integrationsquote and Ermöglichungsquote. The rolling rates
 * reuse the same arithmetic (shareOf, rateOf) as the period indicators.
 */
import type { Engine } from '../data/engine';
import { caseWhere, jobcenterWhere, type Ctx } from './context';
import { STOCK_EVENTS_SQL } from './flow';
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
	const w = caseWhere(ctx.filters);
	const j = jobcenterWhere(ctx.filters);
	// The 12 months before the first shown month are needed for the rolling rates.
	const span = months + 11;
	const hasMeasures = ctx.tables.measures > 0;
	const hasStock = ctx.tables.stock > 0;
	// Counts per calendar month in one grouped pass each; every shown month ends at its last
	// day, except the period's last month, which ends at the period end (hence "<= to"). The month-end
	// stock comes from net changes per day (see STOCK_EVENTS_SQL).
	const rows = await engine.query<RawMonth>(
		`WITH fc AS (SELECT case_id, entry_date, exit_date, exit_reason FROM cases c WHERE ${w.sql}),
		ms AS (
			SELECT CAST(m AS DATE) AS m, CAST(least(last_day(CAST(m AS DATE)), ?::DATE) AS DATE) AS e
			FROM generate_series(CAST(date_trunc('month', ?::DATE) - INTERVAL (${span - 1}) MONTH AS TIMESTAMP),
			                     CAST(?::DATE AS TIMESTAMP), INTERVAL 1 MONTH) g(m)),
		me AS (${hasMeasures ? `SELECT m.start_date FROM measures m JOIN fc ON fc.case_id = m.case_id WHERE m.aims_employability` : 'SELECT NULL::DATE AS start_date WHERE false'}),
		elb AS (${hasStock ? `SELECT s.month, sum(s.elb_stock) AS elb FROM stock s WHERE ${j.sql} GROUP BY 1` : 'SELECT NULL::DATE AS month, NULL::DOUBLE AS elb WHERE false'}),
		last AS (SELECT max(e) AS to_ FROM ms),
		ent AS (SELECT CAST(date_trunc('month', entry_date) AS DATE) AS m, count(*) AS n FROM fc WHERE entry_date <= (SELECT to_ FROM last) GROUP BY 1),
		ext AS (SELECT CAST(date_trunc('month', exit_date) AS DATE) AS m, count(*) AS n,
			count(*) FILTER (WHERE exit_reason = 'arbeit_ausbildung') AS i FROM fc WHERE exit_date <= (SELECT to_ FROM last) GROUP BY 1),
		mse AS (SELECT CAST(date_trunc('month', start_date) AS DATE) AS m, count(*) AS n FROM me WHERE start_date <= (SELECT to_ FROM last) GROUP BY 1),
		ev AS (${STOCK_EVENTS_SQL})
		SELECT strftime(ms.m, '%Y-%m') AS month,
			coalesce(ent.n, 0)::INTEGER AS entries,
			coalesce(ext.n, 0)::INTEGER AS exits,
			coalesce(ext.i, 0)::INTEGER AS integrations,
			coalesce((SELECT sum(ev.n) FROM ev WHERE ev.d <= ms.e), 0)::INTEGER AS stock_end,
			coalesce(mse.n, 0)::INTEGER AS measure_entries,
			(SELECT elb FROM elb WHERE elb.month = ms.m)::DOUBLE AS elb
		FROM ms LEFT JOIN ent ON ent.m = ms.m LEFT JOIN ext ON ext.m = ms.m LEFT JOIN mse ON mse.m = ms.m
		ORDER BY ms.m`,
		[...w.params, ctx.period.to, ctx.period.to, ctx.period.to, ...(hasStock ? j.params : [])]
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

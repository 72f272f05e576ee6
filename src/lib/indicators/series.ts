/**
 * Monthly series for the cockpit: stock, entries and exits per month, and the rolling
 * 12-month integration share, Integrationsquote and Ermöglichungsquote. The rolling rates
 * reuse the same arithmetic (shareOf, rateOf) as the period indicators.
 */
import type { Engine } from '../data/engine';
import { jobcenterWhere, type Ctx } from './context';
import { eventsCte, type EventGroup, type EventName } from './events';
import { stockByDaySql, stockOn } from './flow';
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

/**
 * Series per group (the regional comparison's small multiples), all in one query: the group
 * key over the event relations, over the stock table (`s`, with the jobcenters as `j`;
 * null when the eLb stock is not split by it, as for a unit), and the wanted keys.
 */
export interface SeriesGroups {
	event: EventGroup;
	stock: string | null;
	keys: string[];
}

type GroupMonth = RawMonth & { g: string };

async function rawMonths(engine: Engine, ctx: Ctx, months: number, groups?: SeriesGroups): Promise<GroupMonth[]> {
	const j = jobcenterWhere(ctx.filters);
	// The 12 months before the first shown month are needed for the rolling rates.
	const span = months + 11;
	const hasMeasures = ctx.tables.measures > 0;
	const hasStock = ctx.tables.stock > 0;
	// Every shown month ends at its last day, except the period's last month, which ends at
	// the period end: so only `to` decides whether the monthly tables are exact.
	const to = ctx.period.to;
	const names: EventName[] = hasMeasures ? ['e_entry', 'e_exit', 'e_mstart'] : ['e_entry', 'e_exit'];
	const ev = await eventsCte(engine, ctx, names, [{ from: to.slice(0, 8) + '01', to }], groups?.event);
	const grouped = !!groups;
	const g = grouped ? 'g, ' : '';
	// Joins on the group as well when grouped.
	const on = (t: string) => (grouped ? `${t}.g = x.g AND ` : '');
	const elbGrouped = grouped && groups.stock !== null;
	const elb = !hasStock
		? 'SELECT NULL AS g, NULL::DATE AS month, NULL::DOUBLE AS elb WHERE false'
		: elbGrouped
			? `SELECT ${groups.stock} AS g, s.month, sum(s.elb_stock) AS elb FROM stock s LEFT JOIN jobcenters j ON j.jobcenter_id = s.jobcenter_id WHERE ${j.sql} GROUP BY 1, 2`
			: `SELECT NULL AS g, s.month, sum(s.elb_stock) AS elb FROM stock s WHERE ${j.sql} GROUP BY 2`;
	const keys = groups?.keys ?? [];
	const rows = await engine.query<GroupMonth>(
		`WITH ${ev.sql}, ${stockByDaySql(grouped)},
		ms AS (
			SELECT CAST(m AS DATE) AS m, CAST(least(last_day(CAST(m AS DATE)), ?::DATE) AS DATE) AS e
			FROM generate_series(CAST(date_trunc('month', ?::DATE) - INTERVAL (${span - 1}) MONTH AS TIMESTAMP),
			                     CAST(?::DATE AS TIMESTAMP), INTERVAL 1 MONTH) g(m)),
		days AS (${grouped ? `SELECT gs.g, ms.* FROM ms CROSS JOIN (VALUES ${keys.map(() => '(?)').join(', ')}) gs(g)` : 'SELECT * FROM ms'}),
		elb AS (${elb}),
		last AS (SELECT max(e) AS to_ FROM ms),
		st AS (${stockOn('days', grouped)}),
		per_month AS (SELECT ${g}CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n FROM e_entry WHERE d <= (SELECT to_ FROM last) GROUP BY ALL),
		ext_month AS (SELECT ${g}CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n,
			coalesce(sum(n) FILTER (WHERE exit_reason = 'arbeit_ausbildung'), 0) AS i FROM e_exit WHERE d <= (SELECT to_ FROM last) GROUP BY ALL),
		mse AS (${hasMeasures ? `SELECT ${g}CAST(date_trunc('month', d) AS DATE) AS m, sum(n) AS n FROM e_mstart WHERE d <= (SELECT to_ FROM last) GROUP BY ALL` : 'SELECT NULL AS g, NULL::DATE AS m, 0 AS n WHERE false'})
		SELECT ${grouped ? 'x.g' : "''"} AS g, strftime(x.m, '%Y-%m') AS month,
			coalesce(p.n, 0)::INTEGER AS entries,
			coalesce(q.n, 0)::INTEGER AS exits,
			coalesce(q.i, 0)::INTEGER AS integrations,
			x.n::INTEGER AS stock_end,
			coalesce(r.n, 0)::INTEGER AS measure_entries,
			(SELECT elb FROM elb WHERE ${elbGrouped ? 'elb.g = x.g AND ' : ''}elb.month = x.m)::DOUBLE AS elb
		FROM st x LEFT JOIN per_month p ON ${on('p')}p.m = x.m LEFT JOIN ext_month q ON ${on('q')}q.m = x.m LEFT JOIN mse r ON ${on('r')}r.m = x.m
		ORDER BY 1, x.m`,
		[...ev.params, to, to, to, ...keys, ...(hasStock ? j.params : [])]
	);
	return rows;
}

export async function monthlySeries(engine: Engine, ctx: Ctx, months = SERIES_MONTHS): Promise<SeriesPoint[]> {
	return pointsOf(await rawMonths(engine, ctx, months), ctx);
}

/** The series of each wanted group, exactly as monthlySeries gives it with the group's value added to the filters. */
export async function groupedSeries(engine: Engine, ctx: Ctx, months: number, groups: SeriesGroups): Promise<Map<string, SeriesPoint[]>> {
	const out = new Map<string, SeriesPoint[]>();
	if (!groups.keys.length) return out;
	const rows = await rawMonths(engine, ctx, months, groups);
	for (const key of groups.keys) out.set(key, pointsOf(rows.filter((r) => r.g === key), ctx));
	return out;
}

/** Rolling 12-month rates over the raw months, suppressed with k. */
function pointsOf(rows: RawMonth[], ctx: Ctx): SeriesPoint[] {
	const hasMeasures = ctx.tables.measures > 0;
	const hasStock = ctx.tables.stock > 0;
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

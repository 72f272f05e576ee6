/**
 * Monthly series for the cockpit: stock, entries and exits per month, and the rolling
 * 12-month integration share, Integrationsquote and Ermöglichungsquote. The rolling rates
 * reuse the same arithmetic (shareOf, rateOf) as the period indicators.
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { eventRows, type EventGroup, type EventName, type EventRow } from './events';
import { stockMonths } from './jobcenter-stock';
import { Stock, addMonths, dayOf, groupRows, monthLabel, monthStart } from './period-math';
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
	stock: EventGroup | null;
	keys: string[];
}

type GroupMonth = RawMonth & { g: string };

async function rawMonths(engine: Engine, ctx: Ctx, months: number, groups?: SeriesGroups): Promise<GroupMonth[]> {
	// The 12 months before the first shown month are needed for the rolling rates.
	const span = months + 11;
	const hasMeasures = ctx.tables.measures > 0;
	const hasStock = ctx.tables.stock > 0;
	// Every shown month ends at its last day, except the period's last month, which ends at
	// the period end: so only `to` decides whether the monthly tables are exact.
	const to = ctx.period.to;
	const names: EventName[] = hasMeasures ? ['e_entry', 'e_exit', 'e_mstart'] : ['e_entry', 'e_exit'];
	const ev = await eventRows(engine, ctx, names, [{ from: to.slice(0, 8) + '01', to }], groups?.event);
	// The eLb per month (and group, where the stock is split by it; else every group's is the selection's).
	const elbGrouped = !!groups && groups.stock !== null;
	const elb = new Map<string, number | null>();
	if (hasStock) for (const r of await stockMonths(engine, ctx, elbGrouped ? groups!.stock : null)) elb.set(`${elbGrouped ? r.g : ''}|${r.m}`, r.elb);

	const last = dayOf(to);
	const shown: { m: number; e: number }[] = [];
	for (let m = addMonths(last, -(span - 1)); m <= last; m = addMonths(m, 1)) shown.push({ m, e: Math.min(addMonths(m, 1) - 1, last) });
	const keys = groups ? groups.keys : [''];
	const of = (rel: EventName) => (groups ? groupRows(ev[rel]!, (r) => r.g ?? '') : new Map([['', ev[rel]!]]));
	const entries = of('e_entry');
	const exits = of('e_exit');
	const starts = hasMeasures ? of('e_mstart') : new Map<string, EventRow[]>();
	// Per month (its first day) up to the last shown day.
	const perMonth = (rows: readonly EventRow[] | undefined, value: (r: EventRow) => number = (r) => r.n) => {
		const out = new Map<number, number>();
		for (const r of rows ?? [])
			if (r.d <= last) {
				const m = monthStart(r.d);
				out.set(m, (out.get(m) ?? 0) + value(r));
			}
		return out;
	};
	const out: GroupMonth[] = [];
	for (const g of keys) {
		const stock = new Stock(entries.get(g) ?? [], exits.get(g) ?? []);
		const ent = perMonth(entries.get(g));
		const ext = perMonth(exits.get(g));
		const integrations = perMonth(exits.get(g), (r) => (r.exit_reason === 'arbeit_ausbildung' ? r.n : 0));
		const mse = perMonth(starts.get(g));
		for (const { m, e } of shown)
			out.push({
				g,
				month: monthLabel(m),
				entries: ent.get(m) ?? 0,
				exits: ext.get(m) ?? 0,
				integrations: integrations.get(m) ?? 0,
				stock_end: stock.at(e),
				measure_entries: mse.get(m) ?? 0,
				elb: elb.get(`${elbGrouped ? g : ''}|${m}`) ?? null
			});
	}
	return out;
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

/**
 * Regional comparison (INDICATORS.md "Regional comparison"): the period indicators per
 * group of one dimension, each share with its Wilson CI, and the funnel-plot position of
 * the integration share and of the Quote Erhöhung der Beschäftigungsfähigkeit.
 *
 * One grouped query per indicator (never one query per group); the arithmetic, the
 * suppression and the Wilson interval are the period indicators' own functions
 * (integrationShare, integrationsquote, rateOf, shareOf, exitReasonsReport, medianDays),
 * so the group numerators add up to the overall report's.
 */
import type { Engine } from '../data/engine';
import { employabilityEvents, employabilityPairs } from './capability';
import type { Ctx } from './context';
import { eventRows, type EventGroup, type EventName, type EventRow } from './events';
import { exitsIn } from './flow';
import { stockMonths } from './jobcenter-stock';
import { Stock, dayOf, groupRows, meanOrNull, monthEnds, sumIn } from './period-math';
import { groupFunnel, type GroupFunnel } from './group-funnel';
import { exitReasonsReport, integrationShare, integrationsquote, rateOf, shareOf } from './outcomes';
import { isSmallCount } from './suppression';
import { timeExitTimelinesBy } from './time-in-care';
import { shownMedian } from './survival-summary';
import { mergeTimelines, type Timeline } from '../stats/km';
import type { ExitReasonRow, Rate, Share } from './types';

export const GROUP_DIMENSIONS = ['jobcenter_id', 'unit', 'program', 'state', 'org_type', 'comparison_type', 'area_type'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** Dimensions that are columns of `cases`; the others are attributes of the jobcenter. */
const CASE_DIMENSIONS = ['jobcenter_id', 'unit', 'program'] as const satisfies readonly GroupDimension[];
type CaseDimension = (typeof CASE_DIMENSIONS)[number];
const isCaseDimension = (dim: GroupDimension): dim is CaseDimension => (CASE_DIMENSIONS as readonly string[]).includes(dim);

export function isGroupDimension(v: unknown): v is GroupDimension {
	return typeof v === 'string' && (GROUP_DIMENSIONS as readonly string[]).includes(v);
}

export interface GroupRow {
	/** The dimension's value as text; '' for cases without one (shown as "ohne Angabe"). */
	key: string;
	/** The jobcenter's name when grouping by jobcenter, else the key. */
	label: string;
	/** Cases in care at some time in the period; null when suppressed. */
	n: number | null;
	exits: number | null;
	integration_share: Share | null;
	integrationsquote: Rate | null;
	ermoeglichungsquote: (Rate & { basis: 'elb_stock' | 'fm_stock' }) | null;
	bf_erhoehung: (Share & { basis: 'measures' | 'cases' }) | null;
	median_days: number | null;
	exit_reasons: ExitReasonRow[] | null;
	funnel: GroupFunnel | null;
	funnel_bf: GroupFunnel | null;
	/** The jobcenter's comparison type, Land and district key (grouping by jobcenter only). */
	comparison_type: string | null;
	state: string | null;
	ags: string | null;
	/** Fewer than k cases: no values at all ("zu wenige Fälle"), left out of rankings and funnels. */
	suppressed: boolean;
}

interface JobcenterRow {
	jobcenter_id: string;
	name: string | null;
	ags: string | null;
	state: string | null;
	org_type: string | null;
	comparison_type: string | null;
	area_type: string | null;
}

export interface Raw {
	n: number;
	exitCounts: Record<string, number>;
	stockSum: number;
	measureEntries: number;
	/** The eLb stock per month of the period (epoch day of the month), as the stock table sums it. */
	elbMonths: Map<number, number | null>;
	bfUp: number;
	bfTotal: number;
	/** The time in care of the group's parts (a Land: its jobcenters), merged for the median. */
	times: Timeline[];
}

/** The group key as SQL; the dimension is checked against the fixed list first. */
function keySql(dim: GroupDimension): string {
	if (!isGroupDimension(dim)) throw new RangeError(`unknown group dimension ${String(dim)}`);
	const col = isCaseDimension(dim) ? `c.${dim}` : `j.${dim}`;
	return `coalesce(CAST(${col} AS VARCHAR), '')`;
}

/** The group key over the event relations: jobcenter attributes need the jobcenter. */
export function eventGroup(dim: GroupDimension): EventGroup {
	return isCaseDimension(dim) ? { sql: keySql(dim), column: dim } : { sql: keySql(dim), column: 'jobcenter_id', attribute: dim };
}

/**
 * The group key over the eLb stock (`stock s` with `jobcenters j`). The eLb stock exists per
 * jobcenter only; a unit or program has no eLb of its own (null).
 */
export function stockGroup(dim: GroupDimension): EventGroup | null {
	if (dim === 'unit' || dim === 'program') return null;
	return dim === 'jobcenter_id' ? { sql: "coalesce(s.jobcenter_id, '')", column: 'jobcenter_id' } : eventGroup(dim);
}

export async function groupsReport(engine: Engine, ctx: Ctx, groupBy: GroupDimension): Promise<GroupRow[] | null> {
	if (!isGroupDimension(groupBy)) throw new RangeError(`unknown group dimension ${String(groupBy)}`);
	const jobcenters = await engine.query<JobcenterRow>(
		'SELECT jobcenter_id, name, ags, state, org_type, comparison_type, area_type FROM jobcenters'
	);
	const byId = new Map(jobcenters.map((j) => [j.jobcenter_id, j]));
	// A jobcenter attribute's groups are unions of jobcenters: their counts are the jobcenters'
	// counts added up, so the Länder next to a comparison of jobcenters cost no second pass.
	const raw = isCaseDimension(groupBy)
		? await groupsRaw(engine, ctx, groupBy)
		: rollUp(await groupsRaw(engine, ctx, 'jobcenter_id'), (id) => byId.get(id)?.[groupBy]);
	return assemble(raw, ctx, groupBy, byId, monthEnds(ctx.period).length);
}

/**
 * The counts behind a group's numbers, before k: they depend on the filters and the period
 * only, so a new k, or the Länder after the jobcenters, reuse them (remembered per load).
 */
function groupsRaw(engine: Engine, ctx: Ctx, groupBy: CaseDimension): Promise<Map<string, Raw>> {
	const compute = () => countGroups(engine, ctx, groupBy);
	if (!ctx.cubes) return compute();
	const filters = Object.entries(ctx.filters).filter(([, v]) => v?.length).sort(([a], [b]) => a.localeCompare(b));
	return ctx.cubes.remember(JSON.stringify(['groups', groupBy, ctx.period.from, ctx.period.to, filters]), compute);
}

async function countGroups(engine: Engine, ctx: Ctx, groupBy: CaseDimension): Promise<Map<string, Raw>> {
	const key = eventGroup(groupBy);
	const raw = new Map<string, Raw>();
	const at = (g: string): Raw => {
		let r = raw.get(g);
		if (!r) raw.set(g, (r = emptyRaw()));
		return r;
	};
	const { basis, event } = employabilityEvents(ctx);
	const names: EventName[] = ['e_entry', 'e_exit', event, ...(ctx.tables.measures ? (['e_mstart'] as const) : [])];
	const ev = await eventRows(engine, ctx, [...new Set(names)], [ctx.period], key);
	const from = dayOf(ctx.period.from);
	const to = dayOf(ctx.period.to);
	const ends = monthEnds(ctx.period);
	const byGroup = (rows: readonly EventRow[] | undefined) => groupRows(rows ?? [], (r) => r.g ?? '');
	const entries = byGroup(ev.e_entry);
	const exits = byGroup(ev.e_exit);
	for (const g of new Set([...entries.keys(), ...exits.keys()])) {
		const stock = new Stock(entries.get(g) ?? [], exits.get(g) ?? []);
		// In care at some time in the period, as referralReasons counts it; a group nobody was
		// in care in during the period is not a group of its own.
		if ((entries.get(g) ?? []).some((r) => r.d <= to)) {
			const n = stock.during(from, to);
			if (n !== 0) at(g).n = n;
		}
		// Same counting as exitCounts, per group.
		for (const [code, x] of exitsIn(exits.get(g) ?? [], from, to)) at(g).exitCounts[code] = (at(g).exitCounts[code] ?? 0) + x.n;
		// Month-end stocks as periodFlows counts them; the mean over the months divides by all
		// months (see assemble), so a month in which a group had nobody in care counts as 0.
		const stockSum = ends.reduce((a, m) => a + stock.at(m.e), 0);
		if (stockSum !== 0) at(g).stockSum = stockSum;
	}
	// The population of bfErhoehung (its own definition), per group.
	for (const [g, pairs] of employabilityPairs(basis, ev, from, to))
		for (const p of pairs) {
			at(g).bfTotal += p.n;
			if (p.b > p.a) at(g).bfUp += p.n;
		}
	if (ctx.tables.measures)
		for (const [g, rows] of byGroup(ev.e_mstart)) if (rows.some((r) => r.d >= from && r.d <= to)) at(g).measureEntries = sumIn(rows, from, to);
	// The eLb stock exists per jobcenter only; a unit or program has no eLb of its own and is
	// compared with its own case-management stock instead (basis fm_stock).
	const stockKey = ctx.tables.measures && ctx.tables.stock ? stockGroup(groupBy) : null;
	if (stockKey) {
		const months = new Set(ends.map((e) => e.month));
		const elb = groupRows(
			(await stockMonths(engine, ctx, stockKey)).filter((r) => months.has(r.m)),
			(r) => r.g ?? ''
		);
		for (const [g, rows] of elb) at(g).elbMonths = new Map(rows.map((r) => [r.m, r.elb]));
	}
	await timesInCare(engine, ctx, groupBy, at);
	return raw;
}

function emptyRaw(): Raw {
	return { n: 0, exitCounts: {}, stockSum: 0, measureEntries: 0, elbMonths: new Map(), bfUp: 0, bfTotal: 0, times: [] };
}

/**
 * Groups of groups: each group's counts added into the group `parent` names. The eLb stock
 * is added per month (a month none of the members reports stays without a value), as the
 * stock table's sum per month and group does.
 */
export function rollUp(raw: ReadonlyMap<string, Raw>, parent: (key: string) => string | null | undefined): Map<string, Raw> {
	const out = new Map<string, Raw>();
	for (const [key, r] of raw) {
		const g = parent(key) ?? '';
		let o = out.get(g);
		if (!o) out.set(g, (o = emptyRaw()));
		o.n += r.n;
		for (const [code, n] of Object.entries(r.exitCounts)) o.exitCounts[code] = (o.exitCounts[code] ?? 0) + n;
		o.stockSum += r.stockSum;
		o.measureEntries += r.measureEntries;
		o.bfUp += r.bfUp;
		o.bfTotal += r.bfTotal;
		for (const [m, v] of r.elbMonths) {
			const before = o.elbMonths.get(m);
			o.elbMonths.set(m, v === null ? (before ?? null) : (before ?? 0) + v);
		}
		o.times.push(...r.times);
	}
	return out;
}

/** Time in care with the durations' own query, per group. */
async function timesInCare(engine: Engine, ctx: Ctx, dim: CaseDimension, at: (g: string) => Raw): Promise<void> {
	for (const [g, tl] of await timeExitTimelinesBy(engine, ctx, dim)) at(g).times.push(tl);
}

function assemble(raw: Map<string, Raw>, ctx: Ctx, dim: GroupDimension, byId: Map<string, JobcenterRow>, months: number): GroupRow[] {
	const k = ctx.k;
	const all = [...raw.values()];
	const sum = (f: (r: Raw) => number) => all.reduce((s, r) => s + f(r), 0);
	// p0: the value over all selected groups, small ones included (they count in the overall value).
	const p0 = integrationShare(mergeCounts(all.map((r) => r.exitCounts)), k).value;
	const p0bf = shareOf(sum((r) => r.bfUp), sum((r) => r.bfTotal), k).value;
	const bfBasis = ctx.tables.measures ? 'measures' : 'cases';

	const rows = [...raw.entries()].map(([key, r]): GroupRow => {
		const jc = dim === 'jobcenter_id' ? byId.get(key) : undefined;
		const label = jc?.name ?? key;
		const attrs = { key, label, comparison_type: jc?.comparison_type ?? null, state: jc?.state ?? null, ags: jc?.ags ?? null };
		if (isSmallCount(r.n, k)) {
			return {
				...attrs,
				n: null,
				exits: null,
				integration_share: null,
				integrationsquote: null,
				ermoeglichungsquote: null,
				bf_erhoehung: null,
				median_days: null,
				exit_reasons: null,
				funnel: null,
				funnel_bf: null,
				suppressed: true
			};
		}
		const exits = Object.values(r.exitCounts).reduce((a, b) => a + b, 0);
		const stockAvg = months > 0 ? r.stockSum / months : 0;
		const elb = meanOrNull([...r.elbMonths.values()]);
		const share = integrationShare(r.exitCounts, k);
		const bf = shareOf(r.bfUp, r.bfTotal, k);
		return {
			...attrs,
			n: r.n,
			exits: isSmallCount(exits, k) ? null : exits,
			integration_share: share,
			integrationsquote: integrationsquote(r.exitCounts, stockAvg, k),
			ermoeglichungsquote: ctx.tables.measures
				? elb !== null
					? { ...rateOf(r.measureEntries, elb, k), basis: 'elb_stock' }
					: { ...rateOf(r.measureEntries, stockAvg, k), basis: 'fm_stock' }
				: null,
			bf_erhoehung: { ...bf, basis: bfBasis },
			median_days: shownMedian(mergeTimelines(r.times), k),
			exit_reasons: exitReasonsReport(r.exitCounts, k),
			funnel: groupFunnel(share, p0),
			funnel_bf: groupFunnel(bf, p0bf),
			suppressed: false
		};
	});
	return rows.sort((a, b) => a.label.localeCompare(b.label, 'de', { numeric: true }));
}

function mergeCounts(list: Record<string, number>[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const counts of list) for (const [c, n] of Object.entries(counts)) out[c] = (out[c] ?? 0) + n;
	return out;
}

/**
 * Regional comparison (INDICATORS.md "Regional comparison"): the period indicators per
 * group of one dimension, each share with its Wilson CI, and the funnel-plot position of
 * the integration share and of the Quote Erhöhung der Beschäftigungsfähigkeit.
 *
 * One grouped query per indicator (never one query per group); the arithmetic, the
 * suppression and the Wilson interval are the period indicators' own functions
 * (integrationShare, integrationsquote, rateOf, shareOf, exitReasonsReport, verweildauer),
 * so the group numerators add up to the overall report's.
 */
import type { Engine } from '../data/engine';
import { employabilityEvents, employabilityPairsSql } from './capability';
import { jobcenterWhere, type Ctx, type Sql } from './context';
import { eventsCte, inCareSql, type EventGroup, type EventName } from './events';
import { verweildauer } from './durations';
import { MONTH_ENDS_SQL, monthEndsParams } from './flow';
import { groupFunnel, type GroupFunnel } from './group-funnel';
import { exitReasonsReport, integrationShare, integrationsquote, rateOf, shareOf } from './outcomes';
import { isSmallCount } from './suppression';
import { timeInCareCounts, type TimeReasonCount } from './time-in-care';
import type { ExitReasonRow, Rate, Share } from './types';

export const GROUP_DIMENSIONS = ['jobcenter_id', 'unit', 'program', 'state', 'org_type', 'comparison_type', 'area_type'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** Dimensions that are columns of `cases`; the others are attributes of the jobcenter. */
const CASE_DIMENSIONS: readonly GroupDimension[] = ['jobcenter_id', 'unit', 'program'];

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

interface Raw {
	n: number;
	exitCounts: Record<string, number>;
	stockSum: number;
	measureEntries: number;
	elb: number | null;
	bfUp: number;
	bfTotal: number;
	times: TimeReasonCount[];
}

/** The group key as SQL; the dimension is checked against the fixed list first. */
function keySql(dim: GroupDimension): string {
	if (!isGroupDimension(dim)) throw new RangeError(`unknown group dimension ${String(dim)}`);
	const col = CASE_DIMENSIONS.includes(dim) ? `c.${dim}` : `j.${dim}`;
	return `coalesce(CAST(${col} AS VARCHAR), '')`;
}

/** The group key over the event relations: jobcenter attributes need the jobcenter. */
export function eventGroup(dim: GroupDimension): EventGroup {
	return { sql: keySql(dim), column: CASE_DIMENSIONS.includes(dim) ? dim : 'jobcenter_id' };
}

/**
 * The group key over the eLb stock (`stock s` with `jobcenters j`). The eLb stock exists per
 * jobcenter only; a unit or program has no eLb of its own (null).
 */
export function stockGroup(dim: GroupDimension): string | null {
	if (dim === 'unit' || dim === 'program') return null;
	return dim === 'jobcenter_id' ? "coalesce(s.jobcenter_id, '')" : keySql(dim);
}

export async function groupsReport(engine: Engine, ctx: Ctx, groupBy: GroupDimension): Promise<GroupRow[] | null> {
	const key = eventGroup(groupBy);
	const { from, to } = ctx.period;
	const raw = new Map<string, Raw>();
	const at = (g: string): Raw => {
		let r = raw.get(g);
		if (!r) raw.set(g, (r = { n: 0, exitCounts: {}, stockSum: 0, measureEntries: 0, elb: null, bfUp: 0, bfTotal: 0, times: [] }));
		return r;
	};
	const { basis, event } = employabilityEvents(ctx);
	const names: EventName[] = ['e_entry', 'e_exit', event, ...(ctx.tables.measures ? (['e_mstart'] as const) : [])];
	const e = await eventsCte(engine, ctx, names, [ctx.period], key);
	// The eLb stock exists per jobcenter only; a unit or program has no eLb of its own and is
	// compared with its own case-management stock instead (basis fm_stock).
	const stockKey = ctx.tables.measures && ctx.tables.stock ? stockGroup(groupBy) : null;
	const j = jobcenterWhere(ctx.filters);
	// Every count per group in one statement, a row per kind (`n` as DOUBLE: the eLb is a mean).
	const parts: Sql[] = [
		// In care at some time in the period, as referralReasons counts it.
		{ sql: `SELECT 'in_care' AS kind, g, NULL AS code, NULL::INTEGER AS a, NULL::INTEGER AS b, n::DOUBLE AS n FROM (WITH ${inCareSql('e_entry', 'e_exit', 'g')})`, params: [to, from] },
		// Same counting as exitCounts, per group.
		{ sql: `SELECT 'exit', g, exit_reason, NULL, NULL, sum(n)::DOUBLE FROM e_exit WHERE d BETWEEN ?::DATE AND ?::DATE GROUP BY 2, 3`, params: [from, to] },
		// Month-end stocks as periodFlows (flow.ts) counts them; the mean over the months
		// divides by all months, so a month in which a group had nobody in care counts as 0.
		{ sql: `SELECT 'months', NULL, NULL, NULL, NULL, count(*)::DOUBLE FROM ends`, params: [] },
		{
			sql: `SELECT 'stock', g, NULL, NULL, NULL, sum(n)::DOUBLE FROM (
				SELECT x.g, x.n FROM e_entry x JOIN ends ON x.d <= ends.e
				UNION ALL SELECT x.g, -x.n FROM e_exit x JOIN ends ON x.d <= ends.e) GROUP BY 2 HAVING sum(n) <> 0`,
			params: []
		},
		// The population of bfErhoehung (its own definition), per group.
		{ sql: `SELECT 'bf', g, NULL, a, b, n::DOUBLE FROM (${employabilityPairsSql(basis, true)})`, params: [from, to] },
		...(ctx.tables.measures
			? [{ sql: `SELECT 'mstart', g, NULL, NULL, NULL, sum(n)::DOUBLE FROM e_mstart WHERE d BETWEEN ?::DATE AND ?::DATE GROUP BY 2`, params: [from, to] }]
			: []),
		...(stockKey
			? [
					{
						sql: `SELECT 'elb', p.g, NULL, NULL, NULL, avg(p.elb)::DOUBLE FROM ends JOIN (
							SELECT ${stockKey} AS g, s.month, sum(s.elb_stock) AS elb FROM stock s LEFT JOIN jobcenters j ON j.jobcenter_id = s.jobcenter_id
							WHERE ${j.sql} GROUP BY 1, 2) p ON p.month = ends.month GROUP BY 2`,
						params: j.params
					}
				]
			: [])
	];
	const rows = await engine.query<{ kind: string; g: string | null; code: string | null; a: number | null; b: number | null; n: number }>(
		`WITH ${e.sql}, ends AS (${MONTH_ENDS_SQL}) ${parts.map((p) => p.sql).join('\nUNION ALL ')}`,
		[...e.params, ...monthEndsParams(ctx.period), ...parts.flatMap((p) => p.params)]
	);
	let months = 0;
	for (const r of rows) {
		if (r.kind === 'months') {
			months = r.n;
			continue;
		}
		// A group nobody was in care in during the period is not a group of its own.
		if (r.kind === 'in_care' && r.n === 0) continue;
		const raw = at(r.g!);
		if (r.kind === 'in_care') raw.n = r.n;
		else if (r.kind === 'exit') raw.exitCounts[r.code!] = (raw.exitCounts[r.code!] ?? 0) + r.n;
		else if (r.kind === 'stock') raw.stockSum = r.n;
		else if (r.kind === 'mstart') raw.measureEntries = r.n;
		else if (r.kind === 'elb') raw.elb = r.n;
		else if (r.kind === 'bf') {
			raw.bfTotal += r.n;
			if (r.b! > r.a!) raw.bfUp += r.n;
		}
	}

	const jobcenters = await engine.query<JobcenterRow>(
		'SELECT jobcenter_id, name, ags, state, org_type, comparison_type, area_type FROM jobcenters'
	);
	const byId = new Map(jobcenters.map((j) => [j.jobcenter_id, j]));
	await timesInCare(engine, ctx, groupBy, byId, at);

	return assemble(raw, ctx, groupBy, byId, months);
}

/**
 * Time in care with the durations' own query, stratified by jobcenter where the dimension
 * is a jobcenter attribute (every such attribute is a function of the jobcenter).
 */
async function timesInCare(
	engine: Engine,
	ctx: Ctx,
	dim: GroupDimension,
	byId: Map<string, JobcenterRow>,
	at: (g: string) => Raw
): Promise<void> {
	const caseDim = CASE_DIMENSIONS.includes(dim);
	const rows = await timeInCareCounts(engine, ctx, caseDim ? (dim as 'jobcenter_id' | 'unit' | 'program') : 'jobcenter_id');
	for (const r of rows) {
		const g = caseDim ? r.stratum : (byId.get(r.stratum)?.[dim as keyof JobcenterRow] ?? '');
		at(g).times.push(r);
	}
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
		const share = integrationShare(r.exitCounts, k);
		const bf = shareOf(r.bfUp, r.bfTotal, k);
		return {
			...attrs,
			n: r.n,
			exits: isSmallCount(exits, k) ? null : exits,
			integration_share: share,
			integrationsquote: integrationsquote(r.exitCounts, stockAvg, k),
			ermoeglichungsquote: ctx.tables.measures
				? r.elb !== null
					? { ...rateOf(r.measureEntries, r.elb, k), basis: 'elb_stock' }
					: { ...rateOf(r.measureEntries, stockAvg, k), basis: 'fm_stock' }
				: null,
			bf_erhoehung: { ...bf, basis: bfBasis },
			median_days: verweildauer(r.times, k).median_days,
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

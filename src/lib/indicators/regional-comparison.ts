/**
 * What the view "Regionen" reads off the report's `groups`: one indicator per group as a
 * point with its interval, the ranking, the funnel tally and where "mein Jobcenter" stands.
 * Pure functions over report objects: no SQL, no arithmetic of an indicator's own.
 */
import type { FunnelPosition } from '../stats/funnel';
import type { GroupFunnel } from './group-funnel';
import type { GroupRow } from './groups';
import type { Report } from './types';

export const REGIONAL_INDICATORS = ['integration_share', 'integrationsquote', 'ermoeglichungsquote', 'bf_erhoehung', 'median_days'] as const;
export type RegionalIndicator = (typeof REGIONAL_INDICATORS)[number] | `exit:${string}`;

export interface GroupPoint {
	key: string;
	label: string;
	/** Path of the value in the report JSON, for data-indicator. */
	path: string;
	value: number | null;
	ci_low: number | null;
	ci_high: number | null;
	/** The denominator the value rests on (cases for the median). */
	denominator: number | null;
	n: number | null;
	funnel: GroupFunnel | null;
	suppressed: boolean;
}

/** Percent for shares and rates, days for the median. */
export function indicatorFormat(ind: RegionalIndicator): 'percent' | 'days' {
	return ind === 'median_days' ? 'days' : 'percent';
}

/** INDICATORS.md draws funnels for the two binomial shares only. */
export function hasFunnel(ind: RegionalIndicator): boolean {
	return ind === 'integration_share' || ind === 'bf_erhoehung';
}

export function pointOf(g: GroupRow, ind: RegionalIndicator): GroupPoint {
	const base = { key: g.key, label: g.label, n: g.n, suppressed: g.suppressed };
	const none = { value: null, ci_low: null, ci_high: null, denominator: null, funnel: null };
	if (ind === 'median_days') return { ...base, ...none, path: `groups.${g.key}.median_days`, value: g.median_days, denominator: g.n };
	if (ind.startsWith('exit:')) {
		const code = ind.slice(5);
		const row = g.exit_reasons?.find((r) => r.code === code);
		if (!row) return { ...base, ...none, path: `groups.${g.key}.exit_reasons.${code}.share` };
		return { ...base, ...none, path: `groups.${g.key}.exit_reasons.${code}.share`, value: row.share, ci_low: row.ci_low, ci_high: row.ci_high, denominator: g.exits };
	}
	const key = ind as Exclude<RegionalIndicator, 'median_days' | `exit:${string}`>;
	const r = g[key];
	const path = `groups.${g.key}.${key}.value`;
	if (!r) return { ...base, ...none, path };
	const ci = 'ci_low' in r ? { ci_low: r.ci_low, ci_high: r.ci_high } : { ci_low: null, ci_high: null };
	const funnel = key === 'integration_share' ? g.funnel : key === 'bf_erhoehung' ? g.funnel_bf : null;
	return { ...base, ...ci, path, value: r.value, denominator: r.denominator, funnel };
}

/** The overall value of the indicator: the reference line. */
export function overallOf(report: Report, ind: RegionalIndicator): number | null {
	if (ind === 'median_days') return report.verweildauer?.median_days ?? null;
	if (ind.startsWith('exit:')) return report.exit_reasons?.find((r) => r.code === ind.slice(5))?.share ?? null;
	const r = report[ind as 'integration_share' | 'integrationsquote' | 'ermoeglichungsquote' | 'bf_erhoehung'];
	return r?.value ?? null;
}

export type RankOrder = 'value' | 'size';

/** Shown groups (not suppressed, with a value), best first or largest first; ties by label. */
export function ranked(points: GroupPoint[], order: RankOrder): GroupPoint[] {
	const shown = points.filter((p) => !p.suppressed && p.value !== null);
	const by = order === 'value' ? (p: GroupPoint) => p.value! : (p: GroupPoint) => p.denominator ?? 0;
	return shown.sort((a, b) => by(b) - by(a) || a.label.localeCompare(b.label, 'de'));
}

export type FunnelTally = Record<FunnelPosition, number> & { total: number; above95: number; below95: number };

/** How many shown groups lie above, within and below the 99.8 % (and the 95 %) limits. */
export function funnelTally(points: GroupPoint[]): FunnelTally {
	const t: FunnelTally = { above: 0, within: 0, below: 0, total: 0, above95: 0, below95: 0 };
	for (const p of points) {
		if (!p.funnel) continue;
		t.total++;
		t[p.funnel.flag]++;
		if (p.funnel.flag95 === 'above') t.above95++;
		if (p.funnel.flag95 === 'below') t.below95++;
	}
	return t;
}

export interface Standing {
	/** 1 = highest value. */
	rank: number;
	of: number;
	/** Rank among the groups of the same comparison type (null when the grouping has none). */
	rankType: number | null;
	ofType: number | null;
	comparisonType: string | null;
	flag: FunnelPosition | null;
}

/** Where the chosen group stands: its rank by value among all shown groups and among its type. */
export function standingOf(groups: GroupRow[], ind: RegionalIndicator, mine: string | null): Standing | null {
	const me = groups.find((g) => g.key === mine);
	if (!me) return null;
	const points = ranked(groups.map((g) => pointOf(g, ind)), 'value');
	const rank = points.findIndex((p) => p.key === mine) + 1;
	if (rank === 0) return null;
	const type = me.comparison_type;
	const sameType = type === null ? null : points.filter((p) => groups.find((g) => g.key === p.key)?.comparison_type === type);
	return {
		rank,
		of: points.length,
		rankType: sameType ? sameType.findIndex((p) => p.key === mine) + 1 : null,
		ofType: sameType ? sameType.length : null,
		comparisonType: type,
		flag: points[rank - 1].funnel?.flag ?? null
	};
}

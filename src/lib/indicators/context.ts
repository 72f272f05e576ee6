/**
 * What every indicator query needs: the period, k, the filters (as a parameterised WHERE
 * clause over `cases c`), the Stichtag and which tables exist.
 */
import type { TableName } from '../data/contract';
import type { Cubes } from './cube';
import type { TallyName } from './tallies';
import type { Period } from './types';

/** Filter name → selected values. Values only ever travel as bound parameters. */
export type Filters = Partial<Record<FilterName, string[]>>;

export const CASE_FILTERS = ['jobcenter_id', 'unit', 'program', 'age_group', 'gender', 'profile'] as const;
export const JOBCENTER_FILTERS = ['state', 'org_type', 'comparison_type', 'area_type'] as const;
export const FILTER_NAMES = [...CASE_FILTERS, ...JOBCENTER_FILTERS, 'referral_reason', 'measure', 'entry_from', 'entry_to'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export interface Ctx {
	period: Period;
	k: number;
	filters: Filters;
	stichtag: string;
	tables: Record<TableName, number>;
	/** The monthly event tables exist (see events.ts); indicators read them where they are exact. */
	aggregates?: boolean;
	/** The case tallies built so far (see tallies.ts); the durations read them where they are exact. */
	tallies?: readonly TallyName[];
	/** The small pre-aggregated tables held in the page (see cube.ts); read instead of their SQL. */
	cubes?: Cubes;
}

export interface Sql {
	sql: string;
	params: unknown[];
}

/** `c.…` conditions for the selected cases; always at least `TRUE`. */
export function caseWhere(filters: Filters, alias = 'c'): Sql {
	const parts: string[] = ['TRUE'];
	const params: unknown[] = [];
	const inList = (values: string[]) => values.map(() => '?').join(', ');
	for (const f of CASE_FILTERS) {
		const v = filters[f];
		if (v?.length) {
			parts.push(`${alias}.${f} IN (${inList(v)})`);
			params.push(...v);
		}
	}
	for (const f of JOBCENTER_FILTERS) {
		const v = filters[f];
		if (v?.length) {
			parts.push(`${alias}.jobcenter_id IN (SELECT jobcenter_id FROM jobcenters WHERE ${f} IN (${inList(v)}))`);
			params.push(...v);
		}
	}
	if (filters.referral_reason?.length) {
		parts.push(
			`EXISTS (SELECT 1 FROM case_referrals r WHERE r.case_id = ${alias}.case_id AND r.reason IN (${inList(filters.referral_reason)}))`
		);
		params.push(...filters.referral_reason);
	}
	if (filters.measure?.length) {
		parts.push(
			`EXISTS (SELECT 1 FROM measures m WHERE m.case_id = ${alias}.case_id AND m.measure IN (${inList(filters.measure)}))`
		);
		params.push(...filters.measure);
	}
	if (filters.entry_from?.[0]) {
		parts.push(`${alias}.entry_date >= ?::DATE`);
		params.push(filters.entry_from[0]);
	}
	if (filters.entry_to?.[0]) {
		parts.push(`${alias}.entry_date <= ?::DATE`);
		params.push(filters.entry_to[0]);
	}
	return { sql: parts.join(' AND '), params };
}

/** Jobcenters whose eLb stock and staff count (table `stock`) belong to the selection. */
export function jobcenterWhere(filters: Filters, alias = 's'): Sql {
	const parts: string[] = ['TRUE'];
	const params: unknown[] = [];
	if (filters.jobcenter_id?.length) {
		parts.push(`${alias}.jobcenter_id IN (${filters.jobcenter_id.map(() => '?').join(', ')})`);
		params.push(...filters.jobcenter_id);
	}
	for (const f of JOBCENTER_FILTERS) {
		const v = filters[f];
		if (v?.length) {
			parts.push(`${alias}.jobcenter_id IN (SELECT jobcenter_id FROM jobcenters WHERE ${f} IN (${v.map(() => '?').join(', ')}))`);
			params.push(...v);
		}
	}
	return { sql: parts.join(' AND '), params };
}

/** The 12 months that end at the Stichtag (INDICATORS.md default period). */
export function defaultPeriod(stichtag: string): Period {
	const [y, m, d] = stichtag.split('-').map(Number);
	const next = new Date(Date.UTC(y, m - 1, d + 1));
	const from = new Date(Date.UTC(next.getUTCFullYear() - 1, next.getUTCMonth(), next.getUTCDate()));
	return { from: from.toISOString().slice(0, 10), to: stichtag };
}

/**
 * The period before `p`, ending the day before `p.from`. A period of whole months (a month, a
 * quarter, a year, the default 12 months: `from` + n months is the day after `to`) is
 * compared with the n months before it, so a leap day or a short February does not shift
 * it; any other period with the same number of days.
 */
export function previousPeriod(p: Period): Period {
	const day = 86400000;
	const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
	const from = new Date(p.from + 'T00:00:00Z');
	const after = new Date(Date.parse(p.to + 'T00:00:00Z') + day);
	const prevTo = iso(from.getTime() - day);
	const months = (after.getUTCFullYear() - from.getUTCFullYear()) * 12 + after.getUTCMonth() - from.getUTCMonth();
	if (months > 0 && after.getUTCDate() === from.getUTCDate()) {
		const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - months, from.getUTCDate()));
		// Not for a start day that month n back does not have (a 30th before February).
		if (start.getUTCDate() === from.getUTCDate()) return { from: iso(start.getTime()), to: prevTo };
	}
	const len = Math.round((after.getTime() - from.getTime()) / day);
	return { from: iso(from.getTime() - len * day), to: prevTo };
}

/**
 * Only the filters that select whole jobcenters. Denominators that exist per jobcenter only
 * (staff, eLb) are compared with the cases of those jobcenters, not with a sub-group.
 */
export function jobcenterLevel(filters: Filters): Filters {
	const out: Filters = {};
	for (const f of ['jobcenter_id', ...JOBCENTER_FILTERS] as const) if (filters[f]?.length) out[f] = filters[f];
	return out;
}

/**
 * Time in care as the database sees it: one grouped query per question, counting cases
 * per (stratum, day in care, exit reason). Every duration indicator is fed from these
 * counts, never from one JavaScript object per case.
 *
 * Population: the filtered cases that had entered by the Stichtag. An exit after the
 * Stichtag is not known yet at the Stichtag, so such a case counts as still in care
 * (censored at the Stichtag), like a case without exit.
 */
import type { Engine } from '../data/engine';
import type { TimeCounts } from '../stats/km';
import type { CauseCounts } from '../stats/aalen-johansen';
import { caseWhere, type Filters, type Sql } from './context';

/** One row of the grouped query; `reason` null = censored (still in care at the Stichtag). */
export interface TimeReasonCount {
	stratum: string;
	t: number;
	reason: string | null;
	n: number;
}

/**
 * Case dimensions a curve can be stratified by: fixed SQL expressions over `cases c`,
 * chosen by name from this list, never built from user input.
 */
export const STRATUM_SQL = {
	jobcenter_id: 'c.jobcenter_id',
	unit: 'c.unit',
	program: 'c.program',
	age_group: 'c.age_group',
	gender: 'c.gender',
	profile: 'c.profile',
	referral_reason: 'r.reason',
	entry_year: "strftime(c.entry_date, '%Y')"
} as const;
export type StratumDimension = keyof typeof STRATUM_SQL;
export const STRATUM_DIMENSIONS = Object.keys(STRATUM_SQL) as StratumDimension[];

/** `FROM cases c …` for the population, with the referral join when a stratum needs it. */
export function populationFrom(filters: Filters, stichtag: string, dimension: StratumDimension | null = null): Sql {
	const w = caseWhere(filters);
	// A case with several referral reasons belongs to each of their strata.
	const join = dimension === 'referral_reason' ? 'JOIN case_referrals r ON r.case_id = c.case_id' : '';
	return { sql: `FROM cases c ${join} WHERE ${w.sql} AND c.entry_date <= ?::DATE`, params: [...w.params, stichtag] };
}

export async function timeInCareCounts(
	engine: Engine,
	filters: Filters,
	stichtag: string,
	dimension: StratumDimension | null = null
): Promise<TimeReasonCount[]> {
	const from = populationFrom(filters, stichtag, dimension);
	const stratum = dimension ? `coalesce(CAST(${STRATUM_SQL[dimension]} AS VARCHAR), '')` : "''";
	const exited = 'c.exit_date IS NOT NULL AND c.exit_date <= ?::DATE';
	return engine.query<TimeReasonCount>(
		`SELECT ${stratum} AS stratum,
			date_diff('day', c.entry_date, CASE WHEN ${exited} THEN c.exit_date ELSE ?::DATE END)::INTEGER AS t,
			CASE WHEN ${exited} THEN coalesce(c.exit_reason, 'sonstiges') END AS reason,
			count(*)::INTEGER AS n
		 ${from.sql} GROUP BY 1, 2, 3`,
		[stichtag, stichtag, stichtag, ...from.params]
	);
}

/** Any exit is the event: the all-cause counts Kaplan–Meier needs. */
export function allCauseCounts(rows: readonly TimeReasonCount[]): TimeCounts[] {
	return rows.map((r) => ({ t: r.t, events: r.reason === null ? 0 : r.n, censored: r.reason === null ? r.n : 0 }));
}

/** Exits by reason: the counts Aalen–Johansen needs. */
export function causeCounts(rows: readonly TimeReasonCount[]): CauseCounts[] {
	return rows.map((r) => ({ t: r.t, events: r.reason === null ? {} : { [r.reason]: r.n }, censored: r.reason === null ? r.n : 0 }));
}

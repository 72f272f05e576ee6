/**
 * Time in care as the database sees it: one grouped query per question, counting cases
 * per (stratum, day in care, exit reason) (the `time_in_care` tally, tallies.ts). Every
 * duration indicator is fed from these counts, never from one JavaScript object per case.
 *
 * Population: the filtered cases that had entered by the Stichtag. An exit after the
 * Stichtag is not known yet at the Stichtag, so such a case counts as still in care
 * (censored at the Stichtag), like a case without exit.
 */
import type { Engine } from '../data/engine';
import { timeline, type Timeline } from '../stats/km';
import { columnStratum, flagTimeline, flagTimelines, tally, tallyColumns, type TallyCtx, type TallyStratum } from './tallies';

/** One row of the all-cause query: `exited` false = censored (still in care at the Stichtag). */
export interface TimeExitCount {
	t: number;
	exited: boolean;
	n: number;
}

/**
 * One row of the grouped query; `reason` null = censored (still in care at the Stichtag).
 * It carries `exited` too (whether there is a reason), so the same rows feed Kaplan–Meier.
 */
export interface TimeReasonCount extends TimeExitCount {
	reason: string | null;
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

/** A stratum of the curves as a tally grouping: a case dimension, or a join to the referral reasons. */
function stratumOf(dimension: StratumDimension): TallyStratum {
	const sql = `coalesce(CAST(${STRATUM_SQL[dimension]} AS VARCHAR), '')`;
	// A case with several referral reasons belongs to each of their strata.
	if (dimension === 'referral_reason') return { sql, column: null, join: 'JOIN case_referrals r ON r.case_id = c.case_id' };
	return dimension === 'entry_year' ? { sql, column: null } : columnStratum(dimension);
}

export function timeInCareCounts(engine: Engine, ctx: TallyCtx): Promise<TimeReasonCount[]> {
	return tally<TimeReasonCount>(engine, ctx, 'time_in_care', ['t', 'reason', 'exited']);
}

/**
 * The time in care where only whether a case left care matters (Kaplan–Meier, the medians
 * per group): the tally read without the reasons, so a curve per jobcenter re-adds a seventh
 * of the rows (at 1M, per jobcenter: 84k rows with reasons, 24k without), as columns and
 * collapsed into the all-cause timeline (see allCauseTimeline).
 */
export async function timeExitTimeline(engine: Engine, ctx: TallyCtx): Promise<Timeline> {
	return flagTimeline(await tallyColumns(engine, ctx, 'time_in_care', ['t', 'exited']), 'exited');
}

/**
 * The same per stratum of a case dimension (the medians per region, the curves of a split),
 * straight from the tally's columns: at 1M a split by jobcenter is some 40,000 groups of
 * the tally, which as row objects cost more to make and to collect than the curves.
 */
export async function timeExitTimelinesBy(engine: Engine, ctx: TallyCtx, dimension: StratumDimension): Promise<Map<string, Timeline>> {
	return flagTimelines(await tallyColumns(engine, ctx, 'time_in_care', ['t', 'exited'], stratumOf(dimension)), 'exited', 'stratum');
}

/**
 * Any exit is the event: the all-cause counts Kaplan–Meier needs, collapsed per time into the
 * estimators' columns (a curve per region walks a ninth of the rows, and no object per time).
 */
export function allCauseTimeline(rows: readonly TimeExitCount[]): Timeline {
	return timeline(
		rows,
		(r) => (r.exited ? r.n : 0),
		(r) => (r.exited ? 0 : r.n)
	);
}

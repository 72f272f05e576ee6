/**
 * Milestones of the counselling process (seed 001, NRW paper: the small steps before
 * integration), in the process order of the contract. Per milestone: how many of the
 * selected cases reached it, and the median time from entry to it by Kaplan–Meier, so
 * cases still on the way (censored at their exit or the Stichtag) are not counted as
 * never reaching it.
 *
 * Only the first date of a milestone per case counts, and only while in care: a date after
 * the exit or the Stichtag did not happen within this episode. A date before the entry
 * (recorded at the referral) counts as reached on day 0.
 */
import { EXIT_REASONS, MILESTONE_CODES } from '../data/contract';
import type { Engine } from '../data/engine';
import { eventCount, kmMedianTimeOf, observed } from '../stats/km';
import type { Ctx } from './context';
import { isRateSuppressed, isSmallCount } from './suppression';
import { followUpCutoffOf } from './survival-summary';
import { flagTimelines, tally, tallyColumns, type TallyCtx } from './tallies';

export interface MilestoneRow {
	code: string;
	cases: number | null;
	share: number | null;
	median_days: number | null;
	suppressed: boolean;
	/** Exit reason → share of the cases that exited with it and had reached this milestone before. */
	before_exit: Record<string, number | null>;
}

export async function milestones(engine: Engine, ctx: TallyCtx & Pick<Ctx, 'k'>): Promise<MilestoneRow[]> {
	const k = ctx.k;
	// Per code and time: reached then, or censored then (as columns: at 1M a selection is tens of thousands of groups).
	// The three tallies asked at once: the page builds the timelines while the worker counts on.
	const [reached, byExit, byReason] = await Promise.all([
		tallyColumns(engine, ctx, 'milestone_reached', ['code', 'reached', 't']),
		tally<{ code: string; reason: string; n: number }>(engine, ctx, 'milestone_before_exit', ['code', 'reason']),
		tally<{ reason: string | null; n: number }>(engine, ctx, 'time_in_care', ['reason'])
	]);
	const byCode = flagTimelines(reached, 'reached', 'code');
	const exited = byReason.filter((r) => r.reason !== null);
	const seen = [...byCode.keys()];
	const codes = [...MILESTONE_CODES.filter((c) => seen.includes(c)), ...seen.filter((c) => !(MILESTONE_CODES as readonly string[]).includes(c)).sort()];
	return codes.map((code) => {
		const tl = byCode.get(code)!;
		// Every selected case has one row per milestone code: reached, or censored.
		const n = observed(tl);
		const reached = eventCount(tl);
		const suppressed = isRateSuppressed(reached, n, k);
		const cutoff = followUpCutoffOf(tl, k);
		const median = suppressed || cutoff === null ? null : kmMedianTimeOf(tl);
		const before_exit: Record<string, number | null> = {};
		for (const reason of EXIT_REASONS) {
			const denominator = exited.find((r) => r.reason === reason)?.n ?? 0;
			const numerator = byExit.find((r) => r.reason === reason && r.code === code)?.n ?? 0;
			before_exit[reason] = isRateSuppressed(numerator, denominator, k) || denominator === 0 ? null : numerator / denominator;
		}
		return {
			code,
			cases: isSmallCount(reached, k) ? null : reached,
			share: suppressed || n === 0 ? null : reached / n,
			median_days: median !== null && cutoff !== null && median <= cutoff ? median : null,
			suppressed,
			before_exit
		};
	});
}

export function milestonesReport(engine: Engine, ctx: Ctx): Promise<MilestoneRow[]> {
	return milestones(engine, ctx);
}

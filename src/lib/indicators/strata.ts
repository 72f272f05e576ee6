/**
 * Time in care per stratum of one case dimension, for the "Verläufe" view: up to eight
 * Kaplan–Meier curves and a log-rank test of whether they differ (R's survdiff).
 */
import type { Engine } from '../data/engine';
import { logRank, type GroupTimeCounts } from '../stats/logrank';
import type { Ctx } from './context';
import { summariseSurvival, type SurvivalSummary } from './survival-summary';
import { timeExitTimelinesBy, type StratumDimension } from './time-in-care';
import { observed, type Timeline } from '../stats/km';

/** More curves than this cannot be told apart, even in the Okabe–Ito palette. */
export const MAX_STRATA = 8;

export interface Stratum extends SurvivalSummary {
	/** The dimension's value; '' for cases without one. */
	key: string;
}

export interface LogRankSummary {
	chisq: number;
	df: number;
	p: number | null;
}

export interface StrataResult {
	dimension: StratumDimension;
	strata: Stratum[];
	/** Strata left out because only the MAX_STRATA largest are drawn. */
	omitted: number;
	/** null when fewer than two strata can be shown, or when strata overlap (see below). */
	logrank: LogRankSummary | null;
	/** Referral reasons: a case with several reasons is in several strata. */
	overlapping: boolean;
}

export function logRankOf(groups: { key: string; timeline: Timeline }[]): LogRankSummary | null {
	// A timeline's times are distinct: the test's sums per time are those of the rows it was collapsed from.
	const input: GroupTimeCounts[] = [];
	for (const { key, timeline: tl } of groups)
		for (let i = 0; i < tl.t.length; i++) input.push({ group: key, t: tl.t[i], events: tl.events[i], censored: tl.censored[i] });
	if (groups.length < 2) return null;
	const { chisq, df, p } = logRank(input);
	return df > 0 ? { chisq, df, p } : null;
}

export async function strata(engine: Engine, ctx: Ctx, dimension: StratumDimension): Promise<StrataResult> {
	const byKey = await timeExitTimelinesBy(engine, ctx, dimension);
	const sizes = new Map([...byKey].map(([key, tl]) => [key, observed(tl)]));
	const size = (key: string) => sizes.get(key)!;
	const largest = [...byKey.keys()].sort((a, b) => size(b) - size(a) || a.localeCompare(b)).slice(0, MAX_STRATA);
	const keys = largest.sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
	const shown = keys.map((key) => ({ key, ...summariseSurvival(byKey.get(key)!, ctx.k) }));
	const overlapping = dimension === 'referral_reason';
	// Only strata whose curves may be shown enter the test: a hidden small group stays hidden.
	const tested = shown.filter((s) => !s.suppressed && s.n).map((s) => ({ key: s.key, timeline: byKey.get(s.key)! }));
	return {
		dimension,
		strata: shown,
		omitted: byKey.size - keys.length,
		logrank: overlapping ? null : logRankOf(tested),
		overlapping
	};
}

/**
 * Time in care per stratum of one case dimension, for the "Verläufe" view: up to eight
 * Kaplan–Meier curves and a log-rank test of whether they differ (R's survdiff).
 */
import type { Engine } from '../data/engine';
import { logRank, type GroupTimeCounts } from '../stats/logrank';
import type { Ctx } from './context';
import { summariseSurvival, type SurvivalSummary } from './survival-summary';
import { allCauseTimeline, timeExitCountsBy, type StratumDimension, type TimeExitCount } from './time-in-care';

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

export function logRankOf(groups: { key: string; rows: readonly TimeExitCount[] }[]): LogRankSummary | null {
	// The test adds up a time's rows itself: each row goes in as it is, without a copy per time first.
	const input: GroupTimeCounts[] = [];
	for (const { key, rows } of groups)
		for (const r of rows) input.push({ group: key, t: r.t, events: r.exited ? r.n : 0, censored: r.exited ? 0 : r.n });
	if (groups.length < 2) return null;
	const { chisq, df, p } = logRank(input);
	return df > 0 ? { chisq, df, p } : null;
}

export async function strata(engine: Engine, ctx: Ctx, dimension: StratumDimension): Promise<StrataResult> {
	const rows = await timeExitCountsBy(engine, ctx, dimension);
	const byKey = new Map<string, TimeExitCount[]>();
	for (const r of rows) {
		// Appended in place: a copy per row made a split by jobcenter at 1M quadratic (48k rows: 270 ms).
		const list = byKey.get(r.stratum);
		if (list) list.push(r);
		else byKey.set(r.stratum, [r]);
	}
	const sizes = new Map([...byKey].map(([key, list]) => [key, list.reduce((s, r) => s + r.n, 0)]));
	const size = (key: string) => sizes.get(key)!;
	const largest = [...byKey.keys()].sort((a, b) => size(b) - size(a) || a.localeCompare(b)).slice(0, MAX_STRATA);
	const keys = largest.sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
	const shown = keys.map((key) => ({ key, ...summariseSurvival(allCauseTimeline(byKey.get(key)!), ctx.k) }));
	const overlapping = dimension === 'referral_reason';
	// Only strata whose curves may be shown enter the test: a hidden small group stays hidden.
	const tested = shown.filter((s) => !s.suppressed && s.n).map((s) => ({ key: s.key, rows: byKey.get(s.key)! }));
	return {
		dimension,
		strata: shown,
		omitted: byKey.size - keys.length,
		logrank: overlapping ? null : logRankOf(tested),
		overlapping
	};
}

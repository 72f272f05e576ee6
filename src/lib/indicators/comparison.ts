/**
 * Cohort builder, A/B comparison (issue 4): two filter sets, their time in care side by
 * side, the log-rank test, and the difference of their integration shares with its CI.
 *
 * The integration share here is period-free, like every duration indicator: exits into
 * work or training among all exits of the cohort up to the Stichtag.
 */
import type { Engine } from '../data/engine';
import type { Ctx, Filters } from './context';
import { shareOf } from './outcomes';
import { isRateSuppressed } from './suppression';
import { newcombeDifference, type ShareDifference } from './share-difference';
import { logRankOf, type LogRankSummary } from './strata';
import { summariseSurvival, type SurvivalSummary } from './survival-summary';
import { allCauseTimeline, timeInCareCounts, type TimeReasonCount } from './time-in-care';
import type { Timeline } from '../stats/km';
import type { Share } from './types';

export interface ComparisonSide {
	survival: SurvivalSummary;
	integration_share: Share;
}

export interface CohortComparison {
	a: ComparisonSide;
	b: ComparisonSide;
	logrank: LogRankSummary | null;
	/** A − B; null when either share is suppressed. */
	integration_difference: ShareDifference;
}

const INTEGRATION = 'arbeit_ausbildung';

function integrationCounts(rows: readonly TimeReasonCount[]): { x: number; n: number } {
	return {
		x: rows.reduce((s, r) => (r.reason === INTEGRATION ? s + r.n : s), 0),
		n: rows.reduce((s, r) => (r.reason !== null ? s + r.n : s), 0)
	};
}

export async function compareCohorts(engine: Engine, ctx: Ctx, a: Filters, b: Filters): Promise<CohortComparison> {
	const rowsA = await timeInCareCounts(engine, { ...ctx, filters: a });
	const rowsB = await timeInCareCounts(engine, { ...ctx, filters: b });
	const tlA = allCauseTimeline(rowsA);
	const tlB = allCauseTimeline(rowsB);
	const side = (rows: TimeReasonCount[], tl: Timeline): ComparisonSide => {
		const { x, n } = integrationCounts(rows);
		return { survival: summariseSurvival(tl, ctx.k), integration_share: shareOf(x, n, ctx.k) };
	};
	const sa = side(rowsA, tlA);
	const sb = side(rowsB, tlB);
	const ia = integrationCounts(rowsA);
	const ib = integrationCounts(rowsB);
	const hidden = isRateSuppressed(ia.x, ia.n, ctx.k) || isRateSuppressed(ib.x, ib.n, ctx.k);
	const bothShown = !sa.survival.suppressed && !sb.survival.suppressed && sa.survival.n && sb.survival.n;
	return {
		a: sa,
		b: sb,
		logrank: bothShown ? logRankOf([{ key: 'A', timeline: tlA }, { key: 'B', timeline: tlB }]) : null,
		integration_difference: hidden ? { difference: null, ci_low: null, ci_high: null } : newcombeDifference(ia.x, ia.n, ib.x, ib.n)
	};
}

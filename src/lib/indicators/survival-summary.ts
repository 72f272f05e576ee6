/**
 * A Kaplan–Meier curve as the report shows it: the estimator from src/lib/stats, cut at
 * the confidentiality limit (INDICATORS.md: duration curves and their tables stop at the
 * last time with at least k at risk; fewer than k cases show no values at all).
 */
import { eventCount, kaplanMeierOf, kmAt, kmMedian, kmMedianTimeOf, observed, type KmPoint, type Timeline } from '../stats/km';
import { isSmallCount } from './suppression';

/** The UI's month: days / 30.4375 (INDICATORS.md, common ground). */
export const DAYS_PER_MONTH = 30.4375;
/** Numbers at risk are listed under the x axis at these months (issue 4). */
export const AT_RISK_MONTHS = [0, 6, 12, 18, 24, 30, 36] as const;
/** Seed 003: care normally ends within two years. */
export const TWO_YEARS_DAYS = 730;

export interface AtRiskRow {
	months: number;
	/** The month mark in whole days (months × 30.4375, rounded). */
	t: number;
	/** Cases still under observation at t; null where 0 < n < k. */
	at_risk: number | null;
}

export interface SurvivalSummary {
	n: number | null;
	events: number | null;
	/** Fewer than k cases: nothing but "zu wenige Fälle" may be shown. */
	suppressed: boolean;
	median_days: number | null;
	/** 95 % CI of the median as R's print(survfit); an end is null where the band never reaches 0.5. */
	median_ci: [number | null, number | null];
	share_over_24m: number | null;
	km: KmPoint[];
	/** The last day with at least k at risk: where the drawn curve ends. */
	follow_up_days: number | null;
	/** Beyond INDICATORS.md's keys: the numbers-at-risk row under the chart's x axis. */
	at_risk_table: AtRiskRow[];
}

/** Cases with an observed time ≥ t (everyone still under observation at t). */
function atRiskAt(tl: Timeline, t: number): number {
	let n = 0;
	for (let i = 0; i < tl.t.length; i++) if (tl.t[i] >= t) n += tl.events[i] + tl.censored[i];
	return n;
}

/**
 * The last observed time with at least k cases at risk: the curve may be shown up to it.
 * Null when there are fewer than k cases.
 */
export function followUpCutoffOf(tl: Timeline, k: number): number | null {
	let atRisk = 0;
	for (let i = tl.t.length - 1; i >= 0; i--) {
		atRisk += tl.events[i] + tl.censored[i];
		if (atRisk >= k && atRisk > 0) return tl.t[i];
	}
	return null;
}

/** The cases, and where the shown part of the curve ends: null where nothing may be shown (fewer than k cases). */
function shownPart(tl: Timeline, k: number): { n: number; cutoff: number | null } {
	const n = observed(tl);
	return { n, cutoff: isSmallCount(n, k) ? null : followUpCutoffOf(tl, k) };
}

/**
 * summariseSurvival(rows, k).median_days alone, without the curve and its bands: where only
 * the median is shown (the regional comparison, a dozen curves a refresh).
 */
export function shownMedian(tl: Timeline, k: number): number | null {
	const { cutoff } = shownPart(tl, k);
	if (cutoff === null) return null;
	const median = kmMedianTimeOf(tl);
	return median !== null && median <= cutoff ? median : null;
}

export function summariseSurvival(tl: Timeline, k: number): SurvivalSummary {
	const { n, cutoff } = shownPart(tl, k);
	const events = eventCount(tl);
	if (cutoff === null) {
		return {
			n: n === 0 ? 0 : null,
			events: n === 0 ? 0 : null,
			suppressed: n > 0,
			median_days: null,
			median_ci: [null, null],
			share_over_24m: null,
			km: [],
			follow_up_days: null,
			at_risk_table: []
		};
	}
	const full = kaplanMeierOf(tl);
	// The median and its CI come from the whole curve (R's midpoint rule may look one step
	// ahead) but are withheld where they lie beyond the shown part.
	const shown = (v: number | null) => (v !== null && v <= cutoff ? v : null);
	const median = kmMedian(full);
	return {
		n,
		events: isSmallCount(events, k) ? null : events,
		suppressed: false,
		median_days: shown(median.median),
		median_ci: [shown(median.ci_low), shown(median.ci_high)],
		share_over_24m: kmAt(full, TWO_YEARS_DAYS, cutoff),
		km: full.filter((p) => p.t <= cutoff),
		follow_up_days: cutoff,
		at_risk_table: AT_RISK_MONTHS.map((months) => {
			const t = Math.round(months * DAYS_PER_MONTH);
			const atRisk = atRiskAt(tl, t);
			return { months, t, at_risk: isSmallCount(atRisk, k) ? null : atRisk };
		})
	};
}

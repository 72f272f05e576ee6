/**
 * Durations (INDICATORS.md "Durations"; seed 001: "Dauer des Verbleibs", seed 003: care
 * normally ends within two years): time in care (Kaplan–Meier), competing exit reasons
 * (Aalen–Johansen), the referral time (Zusteuerungsdauer), cohorts and milestones.
 */
import { EXIT_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import { aalenJohansenOf, causeTimeline, type CifPoint } from '../stats/aalen-johansen';
import { quantileType7FromCounts, type ValueCount } from '../stats/quantile';
import { cohortsReport } from './cohorts';
import type { Ctx } from './context';
import { milestonesReport } from './milestones';
import { suppressDistribution, isSmallCount } from './suppression';
import { followUpCutoffOf, summariseSurvival, type SurvivalSummary } from './survival-summary';
import { columnStratum, tally, type TallyCtx } from './tallies';
import { allCauseTimeline, timeExitTimeline, timeInCareCounts, type TimeExitCount, type TimeReasonCount } from './time-in-care';
import type { Report } from './types';

export type DurationKeys = Pick<Report, 'verweildauer' | 'cif' | 'zusteuerungsdauer' | 'cohorts' | 'milestones'>;

export interface CifCurve {
	code: string;
	points: CifPoint[];
}

export interface HistogramBin {
	from: number;
	/** Exclusive upper end in days; null for the open last bin. */
	to: number | null;
	count: number | null;
}

export interface Zusteuerungsdauer {
	n: number | null;
	median_days: number | null;
	p25: number | null;
	p75: number | null;
	suppressed: boolean;
	/** Beyond INDICATORS.md's keys: weekly bins for the histogram, the last one open. */
	bins: HistogramBin[];
}

/** Weekly bins up to half a year; longer referral times are rare and share one open bin. */
const BIN_DAYS = 7;
const OPEN_BIN_FROM = 182;

export function verweildauer(rows: readonly TimeExitCount[], k: number): SurvivalSummary {
	return summariseSurvival(allCauseTimeline(rows), k);
}

/**
 * Cumulative incidence per exit reason, reasons in the contract's order and only those
 * that occur; cut at the same confidentiality limit as the Kaplan–Meier curve.
 */
export function cif(rows: readonly TimeReasonCount[], k: number): CifCurve[] | null {
	// A row without a reason is a censoring here (causeCounts' rule before); the cutoff only
	// adds events and censorings, so it is the all-cause curve's either way.
	const ct = causeTimeline(
		rows,
		(r) => r.reason,
		(r) => r.n
	);
	const cutoff = followUpCutoffOf(ct, k);
	if (cutoff === null) return rows.length ? null : [];
	// The contract's reasons in its order, then any others the rows name, sorted.
	const seen = [...ct.byCause.keys()];
	const causes = [...EXIT_REASONS.filter((c) => ct.byCause.has(c)), ...seen.filter((c) => !(EXIT_REASONS as readonly string[]).includes(c)).sort()];
	return aalenJohansenOf(ct, causes).map((curve) => ({
		code: curve.cause,
		points: curve.points.filter((p) => p.t <= cutoff)
	}));
}

/** Days from referral to entry → cases, per jobcenter when asked (key '' otherwise). */
async function referralTimes(engine: Engine, ctx: TallyCtx, byJobcenter: boolean): Promise<(ValueCount & { key: string })[]> {
	const rows = await tally<{ stratum?: string; value: number; n: number }>(
		engine,
		ctx,
		'referral_time',
		['value'],
		byJobcenter ? columnStratum('jobcenter_id') : undefined
	);
	return rows.map((r) => ({ key: r.stratum ?? '', value: r.value, count: r.n }));
}

/** n and type-7 quartiles of a frequency table of referral times, with the histogram bins. */
export function summariseReferralTimes(table: readonly ValueCount[], k: number): Zusteuerungsdauer {
	const n = table.reduce((sum, r) => sum + r.count, 0);
	if (isSmallCount(n, k)) return { n: null, median_days: null, p25: null, p75: null, suppressed: true, bins: [] };
	const last = Math.min(OPEN_BIN_FROM, Math.ceil((Math.max(0, ...table.map((r) => r.value)) + 1) / BIN_DAYS) * BIN_DAYS);
	const edges: [number, number | null][] = [];
	for (let lo = 0; lo < last; lo += BIN_DAYS) edges.push([lo, lo + BIN_DAYS]);
	if (table.some((r) => r.value >= OPEN_BIN_FROM)) edges.push([OPEN_BIN_FROM, null]);
	const counts = edges.map(([lo, hi]) => table.reduce((s, r) => (r.value >= lo && (hi === null || r.value < hi) ? s + r.count : s), 0));
	const hidden = suppressDistribution(counts, k);
	return {
		n,
		median_days: quantileType7FromCounts(table, 0.5),
		p25: quantileType7FromCounts(table, 0.25),
		p75: quantileType7FromCounts(table, 0.75),
		suppressed: false,
		bins: edges.map(([lo, hi], i) => ({ from: lo, to: hi, count: hidden[i] ? null : counts[i] }))
	};
}

export async function zusteuerungsdauer(engine: Engine, ctx: TallyCtx & Pick<Ctx, 'k'>): Promise<Zusteuerungsdauer> {
	return summariseReferralTimes(await referralTimes(engine, ctx, false), ctx.k);
}

/** The referral time per jobcenter (issue 4: "by jobcenter"), for the Verläufe view. */
export async function zusteuerungsdauerByJobcenter(engine: Engine, ctx: Ctx): Promise<(Zusteuerungsdauer & { key: string })[]> {
	const rows = await referralTimes(engine, ctx, true);
	const keys = [...new Set(rows.map((r) => r.key))].sort();
	return keys.map((key) => ({ key, ...summariseReferralTimes(rows.filter((r) => r.key === key), ctx.k) }));
}

/** The time in care alone (the regional comparison's reference line). */
export async function verweildauerReport(engine: Engine, ctx: Ctx): Promise<Pick<DurationKeys, 'verweildauer'>> {
	return { verweildauer: summariseSurvival(await timeExitTimeline(engine, ctx), ctx.k) };
}

export async function durationsReport(engine: Engine, ctx: Ctx): Promise<DurationKeys> {
	// Asked at once, so the page computes one curve while the worker counts the next.
	const [rows, zusteuerung, cohorts, milestones] = await Promise.all([
		timeInCareCounts(engine, ctx),
		zusteuerungsdauer(engine, ctx),
		cohortsReport(engine, ctx),
		ctx.tables.milestones ? milestonesReport(engine, ctx) : null
	]);
	return { verweildauer: verweildauer(rows, ctx.k), cif: cif(rows, ctx.k), zusteuerungsdauer: zusteuerung, cohorts, milestones };
}

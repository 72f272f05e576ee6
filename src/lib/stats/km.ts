/**
 * Kaplan–Meier estimate from grouped counts (the database hands us one row per distinct
 * time), reproducing R's summary(survfit(Surv(time, status) ~ 1, conf.type = "log-log")).
 */

import { Z_95 } from './normal';
import { assertCount, assertFiniteTime } from './validate';

export interface TimeCounts {
	t: number;
	events: number;
	censored: number;
}

export interface KmPoint {
	t: number;
	at_risk: number;
	events: number;
	survival: number;
	/** Greenwood standard error of the survival; null where R reports NaN (survival 0). */
	se: number | null;
	/** 95 % log-log interval; null where R reports NA (survival 0). */
	ci_low: number | null;
	ci_high: number | null;
}

export interface KmMedian {
	median: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

/** Grouped counts collapsed to one entry per distinct time, ascending, as columns. */
export interface Timeline {
	t: number[];
	events: number[];
	censored: number[];
}

/**
 * Whole-day times within this many slots per row (plus a floor) are collapsed by direct
 * index instead of through a map and a sort: a curve per region is a few thousand distinct
 * days, and the map and the sorted objects were most of a median's time.
 */
const DENSE_SLOTS_PER_ROW = 4;
const DENSE_SLOTS_FLOOR = 4096;
const denseFits = (whole: boolean, span: number, rows: number) => whole && span <= DENSE_SLOTS_PER_ROW * rows + DENSE_SLOTS_FLOOR;

/**
 * Merges rows that share a time and sorts ascending (callers may pass raw SQL output, in
 * any order, a time several times). `events` and `censored` read a row's two counts, so
 * rows of any shape (an exit flag and a count, a reached flag and a count) need no copy.
 * A time whose counts are both 0 is kept, as a row of it says it was observed.
 */
export function timeline<R extends { t: number }>(rows: readonly R[], events: (row: R) => number, censored: (row: R) => number): Timeline {
	return timelineAt(
		rows.length,
		(i) => rows[i].t,
		(i) => events(rows[i]),
		(i) => censored(rows[i])
	);
}

/** timeline() of `count` entries read by position, e.g. from columns: the i-th entry's time and counts. */
export function timelineAt(count: number, time: (i: number) => number, events: (i: number) => number, censored: (i: number) => number): Timeline {
	const out: Timeline = { t: [], events: [], censored: [] };
	if (!count) return out;
	let min = Infinity;
	let max = -Infinity;
	let whole = true;
	for (let i = 0; i < count; i++) {
		const t = time(i);
		assertFiniteTime(t);
		if (t < min) min = t;
		if (t > max) max = t;
		if (whole && !Number.isInteger(t)) whole = false;
	}
	const span = max - min + 1;
	if (denseFits(whole, span, count)) {
		const ev = new Float64Array(span);
		const ce = new Float64Array(span);
		const seen = new Uint8Array(span);
		for (let i = 0; i < count; i++) {
			const e = events(i);
			const c = censored(i);
			assertCount(e, 'events');
			assertCount(c, 'censored');
			const at = time(i) - min;
			ev[at] += e;
			ce[at] += c;
			seen[at] = 1;
		}
		for (let i = 0; i < span; i++)
			if (seen[i]) {
				out.t.push(i + min);
				out.events.push(ev[i]);
				out.censored.push(ce[i]);
			}
		return out;
	}
	const byTime = new Map<number, { t: number; events: number; censored: number }>();
	for (let i = 0; i < count; i++) {
		const t = time(i);
		const e = events(i);
		const c = censored(i);
		assertCount(e, 'events');
		assertCount(c, 'censored');
		let merged = byTime.get(t);
		if (!merged) byTime.set(t, (merged = { t, events: 0, censored: 0 }));
		merged.events += e;
		merged.censored += c;
	}
	for (const m of [...byTime.values()].sort((a, b) => a.t - b.t)) {
		out.t.push(m.t);
		out.events.push(m.events);
		out.censored.push(m.censored);
	}
	return out;
}

/** Timelines of parts of one population (the jobcenters of a Land) as one. */
export function mergeTimelines(parts: readonly Timeline[]): Timeline {
	if (parts.length === 1) return parts[0];
	const t: number[] = [];
	const events: number[] = [];
	const censored: number[] = [];
	for (const p of parts)
		for (let i = 0; i < p.t.length; i++) {
			t.push(p.t[i]);
			events.push(p.events[i]);
			censored.push(p.censored[i]);
		}
	return timelineAt(
		t.length,
		(i) => t[i],
		(i) => events[i],
		(i) => censored[i]
	);
}

/** Where each time of a timeline's (ascending, distinct) `t` is: by direct index for whole days, else through a map. */
export function positionIn(times: readonly number[]): (t: number) => number {
	const n = times.length;
	const min = n ? times[0] : 0;
	const span = n ? times[n - 1] - min + 1 : 0;
	if (denseFits(times.every(Number.isInteger), span, n)) {
		const at = new Int32Array(span);
		for (let i = 0; i < n; i++) at[times[i] - min] = i;
		return (t) => at[t - min];
	}
	const at = new Map(times.map((t, i) => [t, i]));
	return (t) => at.get(t)!;
}

/** timeline() of rows that carry their counts as `events` and `censored`. */
export function timelineOf(rows: readonly TimeCounts[]): Timeline {
	return timeline(
		rows,
		(r) => r.events,
		(r) => r.censored
	);
}

/** Everyone observed: the sum of all events and censorings. */
export function observed(tl: Timeline): number {
	let n = 0;
	for (let i = 0; i < tl.t.length; i++) n += tl.events[i] + tl.censored[i];
	return n;
}

/** All events. */
export function eventCount(tl: Timeline): number {
	let n = 0;
	for (const e of tl.events) n += e;
	return n;
}

/** The largest observed time, event or censoring: the end of follow-up (null if no rows). */
export function lastFollowUpTime(rows: readonly TimeCounts[]): number | null {
	let last: number | null = null;
	for (const row of rows) {
		if (row.events + row.censored > 0 && (last === null || row.t > last)) last = row.t;
	}
	return last;
}

/**
 * Log-log interval as R's survfit_confint: built on log(−log S) with the standard error
 * of log S, so it always stays inside (0, 1). R leaves it NA at S = 0 and [1, 1] at S = 1.
 */
function logLogInterval(survival: number, seLogSurvival: number, z: number): [number | null, number | null] {
	if (survival === 0) return [null, null];
	if (survival === 1) return [1, 1];
	const logSurvival = Math.log(survival);
	const centre = Math.log(-logSurvival);
	const halfWidth = (z * seLogSurvival) / logSurvival; // negative, as log S < 0
	return [Math.exp(-Math.exp(centre - halfWidth)), Math.exp(-Math.exp(centre + halfWidth))];
}

/**
 * One point per distinct time with at least one event. Ties: events come before
 * censorings at the same time, so those censored at t still count as at risk at t.
 */
export function kaplanMeier(rows: readonly TimeCounts[], z: number = Z_95): KmPoint[] {
	return kaplanMeierOf(timelineOf(rows), z);
}

/** kaplanMeier() of rows already collapsed. */
export function kaplanMeierOf(tl: Timeline, z: number = Z_95): KmPoint[] {
	let atRisk = observed(tl);
	let survival = 1;
	let greenwoodSum = 0; // Σ d / (n (n − d)): the variance of log S
	const curve: KmPoint[] = [];

	for (let i = 0; i < tl.t.length; i++) {
		const t = tl.t[i];
		const events = tl.events[i];
		const censored = tl.censored[i];
		if (events > 0) {
			survival *= (atRisk - events) / atRisk;
			// n = d gives Infinity here; R then reports se NaN at S = 0, mirrored below.
			greenwoodSum += events / (atRisk * (atRisk - events));
			const seLog = Math.sqrt(greenwoodSum);
			const se = survival * seLog;
			const [ciLow, ciHigh] = logLogInterval(survival, seLog, z);
			curve.push({
				t,
				at_risk: atRisk,
				events,
				survival,
				se: Number.isFinite(se) ? se : null,
				ci_low: ciLow,
				ci_high: ciHigh
			});
		}
		atRisk -= events + censored;
	}
	return curve;
}

// R compares with all.equal's tolerance because e.g. survfit(Surv(1:100) ~ 1) yields
// 0.5 + 1.1e-16 where the exact value is 0.5.
const HALF_TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R's `minmin` from print.survfit: the first time where y ≤ 0.5; if y is 0.5 there
 * (within tolerance) and falls below later, the midpoint to the time where it falls.
 */
function firstTimeAtOrBelowHalf(times: readonly number[], values: readonly (number | null)[]): number | null {
	const keptTimes: number[] = [];
	const keptValues: number[] = [];
	values.forEach((value, i) => {
		if (value !== null && value < 0.5 + HALF_TOLERANCE) {
			keptTimes.push(times[i]);
			keptValues.push(value);
		}
	});
	if (keptTimes.length === 0) return null;
	const first = keptValues[0];
	if (Math.abs(first - 0.5) < HALF_TOLERANCE) {
		const drop = keptValues.findIndex((value) => value < first);
		if (drop >= 0) return (keptTimes[0] + keptTimes[drop]) / 2;
	}
	return keptTimes[0];
}

/**
 * Median and its 95 % CI exactly as R's print(survfit): the CI is the set of times whose
 * band contains 0.5, so its lower end is where the *lower* band first reaches 0.5 and its
 * upper end where the *upper* band does; null where a band never gets there.
 */
export function kmMedian(curve: readonly KmPoint[]): KmMedian {
	const times = curve.map((point) => point.t);
	const firstAtHalf = (pick: (point: KmPoint) => number | null) =>
		firstTimeAtOrBelowHalf(times, curve.map(pick));
	return {
		median: firstAtHalf((point) => point.survival),
		ci_low: firstAtHalf((point) => point.ci_low),
		ci_high: firstAtHalf((point) => point.ci_high)
	};
}

/**
 * kmMedian(kaplanMeier(rows)).median without the bands: where only the median is shown (the
 * milestones, one curve per code and refresh), the variance and the interval of every step
 * are not worth computing. Same steps, same arithmetic, same rule.
 */
export function kmMedianTime(rows: readonly TimeCounts[]): number | null {
	return kmMedianTimeOf(timelineOf(rows));
}

/**
 * kmMedianTime() of rows already collapsed. firstTimeAtOrBelowHalf's rule, walked as the
 * curve is computed and left where it is decided: the survival never rises, so the points
 * it keeps are all those from the first at or below one half on, and the step it looks
 * ahead to is the next that falls. A median per region and step no longer keeps the curve.
 */
export function kmMedianTimeOf(tl: Timeline): number | null {
	let atRisk = observed(tl);
	let survival = 1;
	let first: number | null = null;
	let firstTime = 0;
	for (let i = 0; i < tl.t.length; i++) {
		const events = tl.events[i];
		if (events > 0) {
			survival *= (atRisk - events) / atRisk;
			if (first === null) {
				if (survival < 0.5 + HALF_TOLERANCE) {
					first = survival;
					firstTime = tl.t[i];
					if (Math.abs(first - 0.5) >= HALF_TOLERANCE) return firstTime;
				}
			} else if (survival < first) return (firstTime + tl.t[i]) / 2;
		}
		atRisk -= events + tl.censored[i];
	}
	return first === null ? null : firstTime;
}

/**
 * Survival at time t (right-continuous step function). Beyond the last follow-up time
 * the curve is unknown, so null rather than a silently carried-forward value.
 */
export function kmAt(curve: readonly KmPoint[], t: number, lastTime: number | null): number | null {
	assertFiniteTime(t);
	if (lastTime === null || t > lastTime) return null;
	let survival = 1;
	for (const point of curve) {
		if (point.t > t) break;
		survival = point.survival;
	}
	return survival;
}

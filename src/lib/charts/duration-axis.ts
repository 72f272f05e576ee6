/**
 * What the duration charts share: the month axis (the UI shows months, the report days)
 * and step curves. Kept here once so the KM, CIF and A/B charts cannot drift apart.
 */
import { DAYS_PER_MONTH } from '$lib/indicators/survival-summary';

/** The x axis of every duration chart: 0–48 months (seed 003: care normally ends within 24). */
export const MAX_MONTHS = 48;
export const MONTH_TICKS = [0, 6, 12, 18, 24, 30, 36, 42, 48];
export const REFERENCE_MONTHS = 24;

export const toMonths = (days: number) => days / DAYS_PER_MONTH;

/** The value of a step function (points sorted by t) at day `t`: the last point at or before it. */
export function stepAt<P extends { t: number }>(points: readonly P[], t: number): P | null {
	let found: P | null = null;
	for (const p of points) {
		if (p.t > t) break;
		found = p;
	}
	return found;
}

/**
 * SVG path of a right-continuous step function starting at (0, start), clipped to the
 * axis, continued flat to `endDays` (the end of what may be shown).
 */
export function stepPath(
	points: readonly { t: number; y: number }[],
	start: number,
	endDays: number | null,
	x: (months: number) => number,
	y: (v: number) => number
): string {
	const limit = MAX_MONTHS * DAYS_PER_MONTH;
	let d = `M${x(0)},${y(start)}`;
	for (const p of points) {
		if (p.t > limit) break;
		d += `H${x(toMonths(p.t))}V${y(p.y)}`;
	}
	if (endDays !== null) d += `H${x(toMonths(Math.min(endDays, limit)))}`;
	return d;
}

/** Closed SVG path between two step functions (a confidence band), both starting at 1. */
export function bandPath(
	points: readonly { t: number; lo: number; hi: number }[],
	endDays: number | null,
	x: (months: number) => number,
	y: (v: number) => number
): string {
	const limit = MAX_MONTHS * DAYS_PER_MONTH;
	const shown = points.filter((p) => p.t <= limit);
	if (!shown.length) return '';
	const end = x(toMonths(Math.min(endDays ?? shown[shown.length - 1].t, limit)));
	let d = `M${x(0)},${y(1)}`;
	for (const p of shown) d += `H${x(toMonths(p.t))}V${y(p.hi)}`;
	d += `H${end}V${y(shown[shown.length - 1].lo)}`;
	for (let i = shown.length - 1; i >= 0; i--) d += `H${x(toMonths(shown[i].t))}V${y(i > 0 ? shown[i - 1].lo : 1)}`;
	return d + 'Z';
}

/** The plot area every duration chart shares, in SVG units. */
export const PLOT = { width: 640, height: 300, margin: { top: 10, right: 20, bottom: 40, left: 52 } } as const;

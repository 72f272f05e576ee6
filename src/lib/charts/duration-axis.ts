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
 * Writes the SVG path of step curves: coordinates to a hundredth of a unit (finer than any
 * screen), and a step that does not move the curve at that precision is left out. A curve of
 * 1,400 daily steps then has a few hundred segments instead of 2,800, and its text is a
 * fraction as long, which the page writes and the browser parses on every filter change.
 * Coordinates are kept as whole hundredths and written by `hundredths`.
 */
export class StepWriter {
	private d: string;
	private x: number;
	private y: number;
	private pendingX: number | null = null;

	constructor(x: number, y: number) {
		this.x = Math.round(x * 100);
		this.y = Math.round(y * 100);
		this.d = `M${hundredths(this.x)},${hundredths(this.y)}`;
	}

	/**
	 * Horizontally to x, then vertically to y (one step of a right-continuous curve). Steps
	 * along one y are joined into one line, which is exact for curves that move one way in x
	 * and for filled areas.
	 */
	step(x: number, y: number): void {
		const rx = Math.round(x * 100);
		const ry = Math.round(y * 100);
		if (ry === this.y) {
			this.pendingX = rx;
			return;
		}
		if (rx !== this.x) this.d += 'H' + hundredths(rx);
		this.d += 'V' + hundredths(ry);
		this.x = rx;
		this.y = ry;
		this.pendingX = null;
	}

	/** Horizontally to x. */
	flat(x: number): void {
		this.pendingX = Math.round(x * 100);
	}

	path(close = false): string {
		if (this.pendingX !== null && this.pendingX !== this.x) this.d += 'H' + hundredths(this.pendingX);
		this.x = this.pendingX ?? this.x;
		this.pendingX = null;
		return close ? this.d + 'Z' : this.d;
	}
}

/**
 * A whole number of hundredths as the shortest decimal, the text `String(r / 100)` gives,
 * from two small integers: V8 writes an integer several times faster than a fraction, and
 * the duration charts write some 25,000 coordinates per filter change (the competing risks'
 * stacked bands above all; 4 ms of a Verläufe step at 1M in the profiler).
 */
export function hundredths(r: number): string {
	if (r < 0 || r > 2e9) return String(r / 100);
	const whole = Math.floor(r / 100);
	const frac = r - whole * 100;
	if (frac === 0) return String(whole);
	if (frac % 10 === 0) return whole + '.' + frac / 10;
	return whole + (frac < 10 ? '.0' : '.') + frac;
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
	const w = new StepWriter(x(0), y(start));
	for (const p of points) {
		if (p.t > limit) break;
		w.step(x(toMonths(p.t)), y(p.y));
	}
	if (endDays !== null) w.flat(x(toMonths(Math.min(endDays, limit))));
	return w.path();
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
	const w = new StepWriter(x(0), y(1));
	for (const p of shown) w.step(x(toMonths(p.t)), y(p.hi));
	w.step(end, y(shown[shown.length - 1].lo));
	for (let i = shown.length - 1; i >= 0; i--) w.step(x(toMonths(shown[i].t)), y(i > 0 ? shown[i - 1].lo : 1));
	return w.path(true);
}

/** The plot area every duration chart shares, in SVG units. */
export const PLOT = { width: 640, height: 300, margin: { top: 10, right: 20, bottom: 40, left: 52 } } as const;

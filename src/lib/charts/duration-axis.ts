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
 * Coordinates are kept as whole hundredths and written as `hundredths` writes them, but as
 * bytes into one buffer that becomes the path's text at the end: built by appending strings,
 * the Verläufe's paths were some 55 of the 136 MiB their 24 scripted steps allocated at 1M
 * (a string per number and per piece), most of what the garbage collector then had to do.
 */
export class StepWriter {
	private buf = new Uint8Array(1024);
	private len = 0;
	private x: number;
	private y: number;
	private pendingX: number | null = null;

	constructor(x: number, y: number) {
		this.x = Math.round(x * 100);
		this.y = Math.round(y * 100);
		this.put(M);
		this.num(this.x);
		this.put(COMMA);
		this.num(this.y);
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
		if (rx !== this.x) {
			this.put(H);
			this.num(rx);
		}
		this.put(V);
		this.num(ry);
		this.x = rx;
		this.y = ry;
		this.pendingX = null;
	}

	/** Horizontally to x. */
	flat(x: number): void {
		this.pendingX = Math.round(x * 100);
	}

	path(close = false): string {
		if (this.pendingX !== null && this.pendingX !== this.x) {
			this.put(H);
			this.num(this.pendingX);
		}
		this.x = this.pendingX ?? this.x;
		this.pendingX = null;
		const d = DECODER.decode(this.buf.subarray(0, this.len));
		return close ? d + 'Z' : d;
	}

	private room(n: number): void {
		if (this.len + n <= this.buf.length) return;
		const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
		grown.set(this.buf.subarray(0, this.len));
		this.buf = grown;
	}

	private put(byte: number): void {
		this.room(1);
		this.buf[this.len++] = byte;
	}

	/** hundredths(r), as bytes. */
	private num(r: number): void {
		if (r < 0 || r > 2e9) {
			const text = hundredths(r);
			this.room(text.length);
			for (let i = 0; i < text.length; i++) this.buf[this.len++] = text.charCodeAt(i);
			return;
		}
		// At most 8 digits below 2e9 hundredths, a point and two decimals.
		this.room(11);
		const buf = this.buf;
		let whole = Math.floor(r / 100);
		const frac = r - whole * 100;
		const from = this.len;
		do {
			buf[this.len++] = ZERO + (whole % 10);
			whole = Math.floor(whole / 10);
		} while (whole > 0);
		// The digits came lowest first: reversed in place (a subarray per number was most of what this allocated).
		for (let i = from, j = this.len - 1; i < j; i++, j--) {
			const d = buf[i];
			buf[i] = buf[j];
			buf[j] = d;
		}
		if (frac === 0) return;
		buf[this.len++] = POINT;
		buf[this.len++] = ZERO + Math.floor(frac / 10);
		if (frac % 10 !== 0) buf[this.len++] = ZERO + (frac % 10);
	}
}

const DECODER = new TextDecoder();
const [M, H, V, COMMA, POINT, ZERO] = ['M', 'H', 'V', ',', '.', '0'].map((c) => c.charCodeAt(0));

/**
 * A whole number of hundredths as the shortest decimal, the text `String(r / 100)` gives,
 * from two small integers: V8 writes an integer several times faster than a fraction.
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

/**
 * The arithmetic of periods over event rows (events.ts): what falls in a period, what was
 * entered or left by a day, month ends. Days are whole days since 1970-01-01 (UTC), as the
 * event rows carry them, so comparing days is comparing numbers.
 */
import type { EventRow } from './events';
import type { Period } from './types';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayOf(iso: string): number {
	return Math.round(Date.parse(iso + 'T00:00:00Z') / DAY_MS);
}

/** Days since 1970-01-01 → 'YYYY-MM' of that day. */
export function monthLabel(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

/** The first day of the day's month. */
export function monthStart(day: number): number {
	const t = new Date(day * DAY_MS);
	return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY_MS;
}

/** The first day of the month `months` after the day's month (before, when negative). */
export function addMonths(day: number, months: number): number {
	const t = new Date(day * DAY_MS);
	return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + months, 1) / DAY_MS;
}

/**
 * The month ends of a period: for every calendar month from `from`'s month up to `to`, its
 * last day or `to`, whichever comes first (so the last one is `to`), with the month's first day.
 */
export function monthEnds(p: Period): { e: number; month: number }[] {
	const to = dayOf(p.to);
	const out: { e: number; month: number }[] = [];
	for (let m = monthStart(dayOf(p.from)); m <= to; m = addMonths(m, 1)) out.push({ e: Math.min(addMonths(m, 1) - 1, to), month: m });
	return out;
}

/** The sum of `value` over the rows whose day lies in [from, to]. */
export function sumIn(rows: readonly EventRow[], from: number, to: number, value: (r: EventRow) => number = (r) => r.n): number {
	let s = 0;
	for (const r of rows) if (r.d >= from && r.d <= to) s += value(r);
	return s;
}

/** Sums of `value` up to each day: `upTo(e)` is the sum over the rows with d ≤ e. */
export class Running {
	private days: number[] = [];
	private cum: number[] = [];

	constructor(rows: readonly EventRow[], value: (r: EventRow) => number = (r) => r.n) {
		const byDay = new Map<number, number>();
		for (const r of rows) byDay.set(r.d, (byDay.get(r.d) ?? 0) + value(r));
		let s = 0;
		for (const d of [...byDay.keys()].sort((a, b) => a - b)) {
			s += byDay.get(d)!;
			this.days.push(d);
			this.cum.push(s);
		}
	}

	upTo(e: number): number {
		// The last day ≤ e, by bisection.
		let lo = 0;
		let hi = this.days.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.days[mid] <= e) lo = mid + 1;
			else hi = mid;
		}
		return lo === 0 ? 0 : this.cum[lo - 1];
	}
}

/** Cases in care at the end of a day: entered by then, minus those that had also left by then. */
export class Stock {
	private entered: Running;
	private left: Running;

	constructor(entries: readonly EventRow[], exits: readonly EventRow[]) {
		this.entered = new Running(entries);
		this.left = new Running(exits);
	}

	at(e: number): number {
		return this.entered.upTo(e) - this.left.upTo(e);
	}

	/** In care at some time in [from, to]: entered by `to`, minus those that had left before `from`. */
	during(from: number, to: number): number {
		return this.entered.upTo(to) - this.left.upTo(from - 1);
	}
}

/** Rows by a key, in the order met. */
export function groupRows<R>(rows: readonly R[], key: (r: R) => string): Map<string, R[]> {
	const out = new Map<string, R[]>();
	for (const r of rows) {
		const k = key(r);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

/** a + b where either may be NULL: NULL only when both are (as SQL's sum adds up). */
export function plusOrNull(a: number | null, b: number | null): number | null {
	return a === null ? b : b === null ? a : a + b;
}

/** The mean of the non-null values, in the order given; null when there is none (as SQL's avg). */
export function meanOrNull(values: readonly (number | null)[]): number | null {
	let s = 0;
	let n = 0;
	for (const v of values)
		if (v !== null) {
			s += v;
			n++;
		}
	return n ? s / n : null;
}

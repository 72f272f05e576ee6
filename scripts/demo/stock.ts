/**
 * The monthly `stock` table: eLb per jobcenter (the denominator of the Ermöglichungsquote)
 * and the full-time equivalents in case management, staffed each quarter to the programs'
 * planned caseloads (1:100 spez. FM, 1:75 bFM, 1:25–1:40 rehapro), so that the realized
 * caseload of each jobcenter lies between 1:25 and 1:100.
 */
import { lastDayOfMonth, monthLabel, type Day } from './dates';
import type { Rng } from './random';
import { STOCK_TABLE, TableBuffer } from './tables';
import type { World } from './world';

/** Month-end FM stock per jobcenter, program and month, counted by difference arrays. */
export class StockCounter {
	private readonly months: number;
	private readonly monthEnds: Day[];
	/** diff[jc][program][month] */
	private readonly diff: Int32Array[][];

	constructor(world: World) {
		this.months = world.lastMonth - world.firstMonth + 1;
		this.monthEnds = Array.from({ length: this.months }, (_, i) => Math.min(lastDayOfMonth(world.firstMonth + i), world.stichtag));
		this.diff = world.jobcenters.map((jc) => jc.programs.map(() => new Int32Array(this.months + 1)));
	}

	/** First month index whose end is on or after `day` (months when it is at the end if none). */
	private firstMonthEndingOnOrAfter(day: Day): number {
		let lo = 0;
		let hi = this.months;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.monthEnds[mid] >= day) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	/** A case is in the month-end stock when entry ≤ end and (no exit or exit > end). */
	add(jc: number, program: number, entry: Day, exit: Day | null): void {
		const from = this.firstMonthEndingOnOrAfter(entry);
		const to = exit === null ? this.months : this.firstMonthEndingOnOrAfter(exit);
		if (from >= to) return;
		const d = this.diff[jc][program];
		d[from]++;
		d[to]--;
	}

	/** stock[month] of one jobcenter and program. */
	series(jc: number, program: number): number[] {
		const d = this.diff[jc][program];
		const out: number[] = [];
		let running = 0;
		for (let m = 0; m < this.months; m++) out.push((running += d[m]));
		return out;
	}

	get monthCount(): number {
		return this.months;
	}
}

/** eLb trend: slow decline, the June 2022 step (refugees from Ukraine), mild seasonality. */
function elbFactor(monthIndex: number, offset: number): number {
	const month = (monthIndex % 12) + 1;
	const ukraine = monthIndex >= 2022 * 12 + 5 ? 1.07 : 1;
	const trend = 1 - (0.02 * offset) / 12;
	const season = month <= 3 ? 1.01 : month >= 7 && month <= 9 ? 0.99 : 1;
	return ukraine * trend * season;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** FTE per month: quarterly staffing to the planned caseloads, with a staffing factor per year. */
function staffSeries(world: World, counter: StockCounter, jc: number, rng: Rng): number[] {
	const programs = world.jobcenters[jc].programs;
	const need = new Array<number>(counter.monthCount).fill(0);
	for (const p of programs) {
		const s = counter.series(jc, p.index);
		for (let m = 0; m < s.length; m++) need[m] += s[m] / p.def.caseload;
	}
	const staffing = new Map<number, number>();
	const out: number[] = [];
	for (let m = 0; m < need.length; m++) {
		const year = Math.floor((world.firstMonth + m) / 12);
		if (!staffing.has(year)) staffing.set(year, 0.97 + rng.uniform() * 0.12);
		const q0 = m - ((world.firstMonth + m) % 3);
		const quarter = need.slice(Math.max(0, q0), Math.min(need.length, q0 + 3));
		const avg = quarter.reduce((a, b) => a + b, 0) / quarter.length;
		out.push(Math.max(avg > 0 ? 0.5 : 0, round1(avg * (staffing.get(year) ?? 1))));
	}
	return out;
}

export function stockTable(world: World, counter: StockCounter, rng: Rng): TableBuffer<typeof STOCK_TABLE> {
	const buffer = new TableBuffer(STOCK_TABLE);
	for (const jc of world.jobcenters) {
		const fte = staffSeries(world, counter, jc.index, rng);
		for (let m = 0; m < counter.monthCount; m++) {
			const monthIndex = world.firstMonth + m;
			const elb = jc.def.elb * world.elbScale * elbFactor(monthIndex, m) * (1 + 0.004 * rng.normal());
			buffer.append({
				jobcenter_id: jc.def.id,
				month: monthLabel(monthIndex),
				elb_stock: Math.round(elb),
				fm_staff_fte: fte[m]
			});
		}
	}
	return buffer;
}

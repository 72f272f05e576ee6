/**
 * Cumulative incidence of competing exit reasons (Aalen–Johansen), as R's
 * survfit(Surv(time, factor(reason)) ~ 1) state probabilities. 1 − KM per reason would
 * treat the other reasons as censoring and overstate every reason's share; here each
 * reason's hazard is weighted by the probability of still being in care just before t.
 */

import { assertCount, assertFiniteTime } from './validate';

export interface CauseCounts {
	t: number;
	/** Events per cause at t; causes absent from a row count as 0. */
	events: Record<string, number>;
	censored: number;
}

export interface CifPoint {
	t: number;
	cif: number;
}

export interface CauseIncidence {
	cause: string;
	points: CifPoint[];
}

interface Slice {
	t: number;
	events: Map<string, number>;
	censored: number;
}

function collapseByTime(rows: readonly CauseCounts[]): Slice[] {
	const byTime = new Map<number, Slice>();
	for (const row of rows) {
		assertFiniteTime(row.t);
		assertCount(row.censored, 'censored');
		const slice = byTime.get(row.t) ?? { t: row.t, events: new Map<string, number>(), censored: 0 };
		slice.censored += row.censored;
		for (const [cause, count] of Object.entries(row.events)) {
			assertCount(count, `events[${cause}]`);
			slice.events.set(cause, (slice.events.get(cause) ?? 0) + count);
		}
		byTime.set(row.t, slice);
	}
	return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * One curve per cause with a point at every time where any cause has an event, so
 * the curves share one time axis and can be stacked. `causes` fixes the order and
 * includes causes without events; by default the causes seen in the data, sorted.
 */
export function aalenJohansen(
	rows: readonly CauseCounts[],
	causes?: readonly string[]
): CauseIncidence[] {
	const timeline = collapseByTime(rows);
	const causeList =
		causes ?? [...new Set(timeline.flatMap((slice) => [...slice.events.keys()]))].sort();
	const result: CauseIncidence[] = causeList.map((cause) => ({ cause, points: [] }));
	const cumulative = new Array<number>(causeList.length).fill(0);

	let atRisk = timeline.reduce(
		(sum, slice) => sum + slice.censored + [...slice.events.values()].reduce((a, b) => a + b, 0),
		0
	);
	let stillInCare = 1; // all-cause KM just before the current time

	for (const slice of timeline) {
		const totalEvents = [...slice.events.values()].reduce((a, b) => a + b, 0);
		if (totalEvents > 0) {
			causeList.forEach((cause, i) => {
				cumulative[i] += (stillInCare * (slice.events.get(cause) ?? 0)) / atRisk;
				result[i].points.push({ t: slice.t, cif: cumulative[i] });
			});
			stillInCare *= (atRisk - totalEvents) / atRisk;
		}
		atRisk -= totalEvents + slice.censored;
	}
	return result;
}

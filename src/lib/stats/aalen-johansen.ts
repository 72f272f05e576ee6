/**
 * Cumulative incidence of competing exit reasons (Aalen–Johansen), as R's
 * survfit(Surv(time, factor(reason)) ~ 1) state probabilities. 1 − KM per reason would
 * treat the other reasons as censoring and overstate every reason's share; here each
 * reason's hazard is weighted by the probability of still being in care just before t.
 */

import { observed, positionIn, timeline, type Timeline } from './km';

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

/**
 * Exits per distinct time (ascending) as columns: all exits and censorings as a Timeline
 * (so the follow-up cutoff reads the same collapse), and each cause's exits at those times.
 */
export interface CauseTimeline extends Timeline {
	byCause: Map<string, Float64Array>;
}

/**
 * Collapses rows of any shape: `causeOf` gives a row's exit cause (null: censored), `countOf`
 * its cases. A cause is listed once a row names it, also with no cases.
 */
export function causeTimeline<R extends { t: number }>(rows: readonly R[], causeOf: (row: R) => string | null, countOf: (row: R) => number): CauseTimeline {
	const all = timeline(
		rows,
		(r) => (causeOf(r) === null ? 0 : countOf(r)),
		(r) => (causeOf(r) === null ? countOf(r) : 0)
	);
	const at = positionIn(all.t);
	const byCause = new Map<string, Float64Array>();
	for (const row of rows) {
		const cause = causeOf(row);
		if (cause === null) continue;
		let counts = byCause.get(cause);
		if (!counts) byCause.set(cause, (counts = new Float64Array(all.t.length)));
		counts[at(row.t)] += countOf(row);
	}
	return { ...all, byCause };
}

/**
 * One curve per cause with a point at every time where any cause has an event, so
 * the curves share one time axis and can be stacked. `causes` fixes the order and
 * includes causes without events; by default the causes seen in the data, sorted.
 */
export function aalenJohansen(rows: readonly CauseCounts[], causes?: readonly string[]): CauseIncidence[] {
	const flat: { t: number; cause: string | null; n: number }[] = [];
	for (const row of rows) {
		flat.push({ t: row.t, cause: null, n: row.censored });
		for (const [cause, n] of Object.entries(row.events)) flat.push({ t: row.t, cause, n });
	}
	return aalenJohansenOf(
		causeTimeline(
			flat,
			(f) => f.cause,
			(f) => f.n
		),
		causes
	);
}

/** aalenJohansen() of exits already collapsed. */
export function aalenJohansenOf(ct: CauseTimeline, causes?: readonly string[]): CauseIncidence[] {
	const causeList = causes ?? [...ct.byCause.keys()].sort();
	const result: CauseIncidence[] = causeList.map((cause) => ({ cause, points: [] }));
	const counts = causeList.map((cause) => ct.byCause.get(cause) ?? null);
	const cumulative = new Array<number>(causeList.length).fill(0);

	let atRisk = observed(ct);
	let stillInCare = 1; // all-cause KM just before the current time

	for (let i = 0; i < ct.t.length; i++) {
		const totalEvents = ct.events[i];
		if (totalEvents > 0) {
			for (let j = 0; j < causeList.length; j++) {
				cumulative[j] += (stillInCare * (counts[j]?.[i] ?? 0)) / atRisk;
				result[j].points.push({ t: ct.t[i], cif: cumulative[j] });
			}
			stillInCare *= (atRisk - totalEvents) / atRisk;
		}
		atRisk -= totalEvents + ct.censored[i];
	}
	return result;
}

/**
 * The capability approach (seed 002, footnote 13: proposed steering goal 4): the
 * Ermöglichungsquote and the Quote Erhöhung der Beschäftigungsfähigkeit on the 4-point
 * scale, and the same change measure for Teilhabe (seed 004: per-case change).
 */
import type { Engine } from '../data/engine';
import { wilson } from '../stats/wilson';
import type { Ctx } from './context';
import { eventRows, type EventName, type EventRelations, type EventRow } from './events';
import { rateOf } from './outcomes';
import { dayOf, sumIn } from './period-math';
import { isRateSuppressed, isSmallCount } from './suppression';
import type { Period, Rate } from './types';

export type Ermoeglichungsquote = Rate & { basis: 'elb_stock' | 'fm_stock' };

/**
 * Entries into measures aiming at employability (`starts`: null without a measures table)
 * over the mean eLb stock of the selected jobcenters, or, without one, over the mean stock
 * of cases in care.
 */
export function ermoeglichungsquote(starts: number | null, elb: number | null, stockAvg: number, k: number): Ermoeglichungsquote | null {
	if (starts === null) return null;
	return elb !== null ? { ...rateOf(starts, elb, k), basis: 'elb_stock' } : { ...rateOf(starts, stockAvg, k), basis: 'fm_stock' };
}

export interface Change extends Rate {
	ci_low: number | null;
	ci_high: number | null;
	mean_change: number | null;
	/** 4 × 4 counts, row = score at start (1–4), column = score at end; null where < k. */
	transitions: (number | null)[][] | null;
	/** Number of cases per change −3 … +3 (index 0 = −3); null where < k. */
	distribution: (number | null)[] | null;
}

interface PairCount {
	a: number;
	b: number;
	n: number;
}

function changeOf(pairs: PairCount[], k: number): Change {
	const total = pairs.reduce((s, p) => s + p.n, 0);
	const up = pairs.filter((p) => p.b > p.a).reduce((s, p) => s + p.n, 0);
	const sumChange = pairs.reduce((s, p) => s + (p.b - p.a) * p.n, 0);
	const suppressed = isRateSuppressed(up, total, k);
	const ci = wilson(up, total);
	const cell = (n: number) => (isSmallCount(n, k) ? null : n);
	const transitions = [1, 2, 3, 4].map((a) =>
		[1, 2, 3, 4].map((b) => cell(pairs.find((p) => p.a === a && p.b === b)?.n ?? 0))
	);
	const distribution = [-3, -2, -1, 0, 1, 2, 3].map((d) =>
		cell(pairs.filter((p) => p.b - p.a === d).reduce((s, p) => s + p.n, 0))
	);
	return {
		value: suppressed || total === 0 ? null : up / total,
		numerator: suppressed ? null : up,
		denominator: total > 0 && total < k ? null : total,
		ci_low: suppressed || !ci ? null : ci.low,
		ci_high: suppressed || !ci ? null : ci.high,
		suppressed,
		mean_change: total < k || total === 0 ? null : sumChange / total,
		transitions: total < k ? null : transitions,
		distribution: total < k ? null : distribution
	};
}

/**
 * The (start, end) score pairs of an event relation in [from, to], summed (per group `g` when
 * the rows are grouped, as key `g`; '' otherwise); of one score where the relation holds two.
 */
export function pairsIn(
	rows: readonly EventRow[],
	from: number,
	to: number,
	score: 'employability' | 'participation' | null = null
): Map<string, PairCount[]> {
	const sums = new Map<string, Map<string, PairCount>>();
	for (const x of rows) {
		if (x.d < from || x.d > to || (score && x.score !== score)) continue;
		const g = x.g ?? '';
		let byPair = sums.get(g);
		if (!byPair) sums.set(g, (byPair = new Map()));
		const key = `${x.a}|${x.b}`;
		const p = byPair.get(key);
		if (p) p.n += x.n;
		else byPair.set(key, { a: x.a as number, b: x.b as number, n: x.n });
	}
	return new Map([...sums].map(([g, m]) => [g, [...m.values()]]));
}

/**
 * The population of the Quote Erhöhung der Beschäftigungsfähigkeit as (start, end) pairs:
 * ended participations in measures aiming at employability with both scores, or, without
 * measures, exited cases with both scores. The one definition used by the report and by
 * the regional comparison (whose rows carry a group `g`).
 */
export function employabilityPairs(basis: 'measures' | 'cases', ev: EventRelations, from: number, to: number): Map<string, PairCount[]> {
	return basis === 'measures' ? pairsIn(ev.e_mpairs!, from, to) : pairsIn(ev.e_pairs!, from, to, 'employability');
}

export function employabilityEvents(ctx: Pick<Ctx, 'tables'>): { basis: 'measures' | 'cases'; event: EventName } {
	return ctx.tables.measures ? { basis: 'measures', event: 'e_mpairs' } : { basis: 'cases', event: 'e_pairs' };
}

export interface CapabilityCounts {
	/** Entries into measures aiming at employability; null without a measures table. */
	starts: number | null;
	basis: 'measures' | 'cases';
	employability: PairCount[];
	participation: PairCount[];
}

/** The counts of the three capability indicators, per period, from one read of the event relations. */
export async function capabilityCounts(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'cubes' | 'tables'>,
	periods: Period[]
): Promise<CapabilityCounts[]> {
	const { basis, event } = employabilityEvents(ctx);
	const measures = ctx.tables.measures > 0;
	const names: EventName[] = measures ? ['e_mstart', event, 'e_pairs'] : ['e_pairs'];
	const ev = await eventRows(engine, ctx, [...new Set(names)], periods);
	return periods.map((p) => {
		const from = dayOf(p.from);
		const to = dayOf(p.to);
		return {
			starts: measures ? sumIn(ev.e_mstart!, from, to) : null,
			basis,
			employability: employabilityPairs(basis, ev, from, to).get('') ?? [],
			participation: pairsIn(ev.e_pairs!, from, to, 'participation').get('') ?? []
		};
	});
}

export function bfErhoehung(c: CapabilityCounts, k: number): Change & { basis: 'measures' | 'cases' } {
	return { ...changeOf(c.employability, k), basis: c.basis };
}

export async function teilhabeErhoehung(engine: Engine, c: CapabilityCounts, k: number): Promise<Change | null> {
	if (c.participation.length === 0) {
		const [{ any }] = await engine.query<{ any: number }>(
			'SELECT count(*)::INTEGER AS any FROM cases WHERE participation_entry IS NOT NULL'
		);
		if (!any) return null;
	}
	return changeOf(c.participation, k);
}

/**
 * The capability approach (seed 002, footnote 13: proposed steering goal 4): the
 * Ermöglichungsquote and the Quote Erhöhung der Beschäftigungsfähigkeit on the 4-point
 * scale, and the same change measure for Teilhabe (seed 004: per-case change).
 */
import type { Engine } from '../data/engine';
import { wilson } from '../stats/wilson';
import type { Ctx } from './context';
import { eventsCte, type EventName } from './events';
import { rateOf } from './outcomes';
import { ONE_PERIOD, byPeriod, inPeriods, periodsCte } from './periods';
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

/** Score pairs (a, b, n) of an event relation per period `p.i` (and group `g`), of one score where the relation holds two. */
function pairsSql(relation: EventName, score: 'employability' | 'participation' | null, grouped: boolean, periods: string): string {
	const where = score ? ` WHERE x.score = '${score}'` : '';
	return `SELECT p.i, ${grouped ? 'x.g, ' : ''}x.a, x.b, sum(x.n)::INTEGER AS n FROM ${inPeriods(relation, periods)}${where} GROUP BY ALL`;
}

/**
 * The population of the Quote Erhöhung der Beschäftigungsfähigkeit as (start, end) pairs:
 * ended participations in measures aiming at employability with both scores, or, without
 * measures, exited cases with both scores. The one definition used by the report and by
 * the regional comparison (which passes a group key, see events.ts, and binds one period's
 * `from`, `to`).
 */
export function employabilityPairsSql(basis: 'measures' | 'cases', grouped = false, periods = ONE_PERIOD): string {
	return basis === 'measures' ? pairsSql('e_mpairs', null, grouped, periods) : pairsSql('e_pairs', 'employability', grouped, periods);
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

/** The counts of the three capability indicators, per period, in one statement. */
export async function capabilityCounts(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'events' | 'tables'>,
	periods: Period[]
): Promise<CapabilityCounts[]> {
	const { basis, event } = employabilityEvents(ctx);
	const measures = ctx.tables.measures > 0;
	const names: EventName[] = measures ? ['e_mstart', event, 'e_pairs'] : ['e_pairs'];
	const ev = await eventsCte(engine, ctx, names, periods);
	const p = periodsCte(periods);
	const counts = [
		...(measures ? [`SELECT 'starts' AS kind, p.i, NULL AS a, NULL AS b, sum(x.n)::INTEGER AS n FROM ${inPeriods('e_mstart')} GROUP BY p.i`] : []),
		`SELECT 'employability' AS kind, * FROM (${employabilityPairsSql(basis, false, 'periods')})`,
		`SELECT 'participation' AS kind, * FROM (${pairsSql('e_pairs', 'participation', false, 'periods')})`
	];
	const rows = await engine.query<PairCount & { i: number; kind: 'starts' | 'employability' | 'participation' }>(
		`WITH ${ev.sql}, ${p.sql} ${counts.join(' UNION ALL ')}`,
		[...ev.params, ...p.params]
	);
	return byPeriod(rows, periods.length).map((rs) => ({
		starts: measures ? (rs.find((r) => r.kind === 'starts')?.n ?? 0) : null,
		basis,
		employability: rs.filter((r) => r.kind === 'employability'),
		participation: rs.filter((r) => r.kind === 'participation')
	}));
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

/**
 * The capability approach (seed 002, footnote 13: proposed steering goal 4): the
 * Ermöglichungsquote and the Quote Erhöhung der Beschäftigungsfähigkeit on the 4-point
 * scale, and the same change measure for Teilhabe (seed 004: per-case change).
 */
import type { Engine } from '../data/engine';
import { wilson } from '../stats/wilson';
import { jobcenterWhere, type Ctx } from './context';
import { eventsCte, type EventName } from './events';
import { MONTH_ENDS_SQL, monthEndsParams } from './flow';
import { rateOf } from './outcomes';
import { isRateSuppressed, isSmallCount } from './suppression';
import type { Rate } from './types';

export type Ermoeglichungsquote = Rate & { basis: 'elb_stock' | 'fm_stock' };

export async function ermoeglichungsquote(engine: Engine, ctx: Ctx, stockAvg: number): Promise<Ermoeglichungsquote | null> {
	if (!ctx.tables.measures) return null;
	const ev = await eventsCte(engine, ctx, ['e_mstart'], [ctx.period]);
	const [{ n }] = await engine.query<{ n: number }>(
		`WITH ${ev.sql} SELECT coalesce(sum(n), 0)::INTEGER AS n FROM e_mstart WHERE d BETWEEN ?::DATE AND ?::DATE`,
		[...ev.params, ctx.period.from, ctx.period.to]
	);
	if (ctx.tables.stock) {
		const j = jobcenterWhere(ctx.filters);
		const [{ elb }] = await engine.query<{ elb: number | null }>(
			`WITH ends AS (${MONTH_ENDS_SQL}),
			per_month AS (SELECT s.month, sum(s.elb_stock) AS elb FROM stock s WHERE ${j.sql} GROUP BY 1)
			SELECT avg(p.elb)::DOUBLE AS elb FROM ends JOIN per_month p ON p.month = ends.month`,
			[...monthEndsParams(ctx.period), ...j.params]
		);
		if (elb !== null) return { ...rateOf(n, elb, ctx.k), basis: 'elb_stock' };
	}
	return { ...rateOf(n, stockAvg, ctx.k), basis: 'fm_stock' };
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
 * The population of the Quote Erhöhung der Beschäftigungsfähigkeit as (start, end) pairs:
 * ended participations in measures aiming at employability with both scores, or, without
 * measures, exited cases with both scores. The one definition used by the report and by
 * the regional comparison (which passes a group key, see events.ts).
 */
export function employabilityPairsSql(basis: 'measures' | 'cases', grouped = false): string {
	const g = grouped ? 'g, ' : '';
	return basis === 'measures'
		? `SELECT ${g}a, b, sum(n)::INTEGER AS n FROM e_mpairs WHERE d BETWEEN ?::DATE AND ?::DATE GROUP BY ALL`
		: `SELECT ${g}a, b, sum(n)::INTEGER AS n FROM e_pairs WHERE score = 'employability' AND d BETWEEN ?::DATE AND ?::DATE GROUP BY ALL`;
}

export function employabilityEvents(ctx: Pick<Ctx, 'tables'>): { basis: 'measures' | 'cases'; event: EventName } {
	return ctx.tables.measures ? { basis: 'measures', event: 'e_mpairs' } : { basis: 'cases', event: 'e_pairs' };
}

export async function bfErhoehung(engine: Engine, ctx: Ctx): Promise<(Change & { basis: 'measures' | 'cases' }) | null> {
	const { basis, event } = employabilityEvents(ctx);
	const ev = await eventsCte(engine, ctx, [event], [ctx.period]);
	const pairs = await engine.query<PairCount>(`WITH ${ev.sql} ${employabilityPairsSql(basis)}`, [
		...ev.params,
		ctx.period.from,
		ctx.period.to
	]);
	return { ...changeOf(pairs, ctx.k), basis };
}

export async function teilhabeErhoehung(engine: Engine, ctx: Ctx): Promise<Change | null> {
	const ev = await eventsCte(engine, ctx, ['e_pairs'], [ctx.period]);
	const pairs = await engine.query<PairCount>(
		`WITH ${ev.sql} SELECT a, b, sum(n)::INTEGER AS n FROM e_pairs
		 WHERE score = 'participation' AND d BETWEEN ?::DATE AND ?::DATE GROUP BY ALL`,
		[...ev.params, ctx.period.from, ctx.period.to]
	);
	if (pairs.length === 0) {
		const [{ any }] = await engine.query<{ any: number }>(
			'SELECT count(*)::INTEGER AS any FROM cases WHERE participation_entry IS NOT NULL'
		);
		if (!any) return null;
	}
	return changeOf(pairs, ctx.k);
}

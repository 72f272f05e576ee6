/**
 * Entry cohorts (INDICATORS.md "cohorts"; seed 001 asks what becomes of each entry
 * cohort): per cohort the status 6, 12 and 24 calendar months after each case's entry.
 *
 * The horizon is a calendar date (entry + n months, DuckDB clamps 31 Jan + 1 month to the
 * month's last day), so "12 months after entry" means the same day a year later, not 365
 * days. A case whose horizon lies after the Stichtag has no known status there; its cohort
 * is marked incomplete at that horizon and its shares cover only the cases followed that
 * long (`followed`), never silently all of them.
 */
import { EXIT_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { isSmallCount, suppressDistribution } from './suppression';
import { COHORT_HORIZONS, COHORT_IN_CARE, COHORT_UNKNOWN, tally, type TallyCtx } from './tallies';

export { COHORT_HORIZONS };

export type CohortUnit = 'year' | 'quarter';

export interface CohortHorizon {
	months: number;
	/** Every case of the cohort is followed to this horizon (last entry + horizon ≤ Stichtag). */
	complete: boolean;
	/** Cases whose horizon is on or before the Stichtag: the denominator of the shares. */
	followed: number | null;
	in_care: number | null;
	/** Exit reason → share of `followed` that had exited with it by the horizon. */
	exited: Record<string, number | null>;
}

export interface Cohort {
	key: string;
	n: number | null;
	/** Fewer than k cases: "zu wenige Fälle", no values. */
	suppressed: boolean;
	horizons: CohortHorizon[];
}

interface StatusCount {
	key: string;
	months: number;
	status: string;
	n: number;
}

function horizonOf(rows: StatusCount[], months: number, k: number): CohortHorizon {
	const count = (status: string) => rows.reduce((s, r) => (r.months === months && r.status === status ? s + r.n : s), 0);
	const unknown = count(COHORT_UNKNOWN);
	const counts = [count(COHORT_IN_CARE), ...EXIT_REASONS.map(count)];
	const followed = counts.reduce((a, b) => a + b, 0);
	const tooFew = isSmallCount(followed, k);
	const hidden = suppressDistribution(counts, k);
	const share = (i: number) => (tooFew || hidden[i] || followed === 0 ? null : counts[i] / followed);
	return {
		months,
		complete: unknown === 0,
		followed: tooFew ? null : followed,
		in_care: share(0),
		exited: Object.fromEntries(EXIT_REASONS.map((code, i) => [code, share(i + 1)]))
	};
}

export async function cohorts(engine: Engine, ctx: TallyCtx & Pick<Ctx, 'k'>, unit: CohortUnit = 'year'): Promise<Cohort[]> {
	const k = ctx.k;
	const counts = await tally<Omit<StatusCount, 'key'> & Partial<Record<CohortUnit, string>>>(engine, ctx, 'cohort_status', [unit, 'months', 'status']);
	const rows: StatusCount[] = counts.map((r) => ({ key: r[unit]!, months: r.months, status: r.status, n: r.n }));
	const keys = [...new Set(rows.map((r) => r.key))].sort();
	return keys.map((key) => {
		const mine = rows.filter((r) => r.key === key);
		const n = mine.reduce((s, r) => (r.months === COHORT_HORIZONS[0] ? s + r.n : s), 0);
		if (isSmallCount(n, k)) return { key, n: null, suppressed: true, horizons: [] };
		return { key, n, suppressed: false, horizons: COHORT_HORIZONS.map((m) => horizonOf(mine, m, k)) };
	});
}

export function cohortsReport(engine: Engine, ctx: Ctx): Promise<Cohort[]> {
	return cohorts(engine, ctx, 'year');
}

/**
 * Funnel-plot control limits for a share (Spiegelhalter 2005, Statistics in Medicine 24,
 * appendix). The exact binomial limits are interpolated between integers so that the
 * funnel is a smooth curve instead of a staircase.
 */

import { binomialCdf, binomialPmf, binomialQuantile } from './binomial';
import { Z_95, Z_998 } from './normal';
import { assertCount, assertProbability } from './validate';

export interface FunnelLimits {
	lo998: number;
	lo95: number;
	hi95: number;
	hi998: number;
}

export type FunnelPosition = 'above' | 'within' | 'below';

export interface FunnelFlag {
	flag95: FunnelPosition;
	flag998: FunnelPosition;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Interpolated limit at probability `prob`: (r − α)/n with α = (F(r) − prob)/(F(r) − F(r−1)). */
function exactLimit(prob: number, p0: number, n: number): number {
	const r = binomialQuantile(prob, n, p0);
	// F(r) − F(r−1) is the pmf at r; taking it directly avoids a difference of two CDFs.
	const alpha = (binomialCdf(r, n, p0) - prob) / binomialPmf(r, n, p0);
	return clamp01((r - alpha) / n);
}

function checkArguments(p0: number, n: number): void {
	assertProbability(p0, 'p0');
	assertCount(n, 'n');
	if (n === 0) throw new RangeError('funnel limits need a denominator n > 0');
}

/** Exact binomial limits at 95 % and 99.8 % for target share p0 and denominator n > 0. */
export function funnelLimits(p0: number, n: number): FunnelLimits {
	checkArguments(p0, n);
	// A target of exactly 0 or 1 is a point mass: no spread, every group is on target.
	// (The interpolation would otherwise put the p0 = 1 limits just below 1.)
	if (p0 === 0 || p0 === 1) return { lo998: p0, lo95: p0, hi95: p0, hi998: p0 };
	return {
		lo998: exactLimit(0.001, p0, n),
		lo95: exactLimit(0.025, p0, n),
		hi95: exactLimit(0.975, p0, n),
		hi998: exactLimit(0.999, p0, n)
	};
}

/** Normal approximation p0 ± z·sqrt(p0(1−p0)/n), clipped to [0, 1]; for comparison only. */
export function funnelLimitsNormal(p0: number, n: number): FunnelLimits {
	checkArguments(p0, n);
	const sd = Math.sqrt((p0 * (1 - p0)) / n);
	return {
		lo998: clamp01(p0 - Z_998 * sd),
		lo95: clamp01(p0 - Z_95 * sd),
		hi95: clamp01(p0 + Z_95 * sd),
		hi998: clamp01(p0 + Z_998 * sd)
	};
}

function position(value: number, low: number, high: number): FunnelPosition {
	if (value > high) return 'above';
	if (value < low) return 'below';
	return 'within'; // a value exactly on a limit is not a signal
}

export function funnelFlag(value: number, limits: FunnelLimits): FunnelFlag {
	return {
		flag95: position(value, limits.lo95, limits.hi95),
		flag998: position(value, limits.lo998, limits.hi998)
	};
}

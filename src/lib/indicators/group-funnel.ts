/**
 * Funnel-plot position of one group (Spiegelhalter 2005): the exact binomial limits around
 * the overall share p0 at the group's own denominator, and where the group lies.
 */
import { funnelFlag, funnelLimits, type FunnelLimits, type FunnelPosition } from '../stats/funnel';
import type { Share } from './types';

export interface GroupFunnel {
	p0: number;
	lo95: number;
	hi95: number;
	lo998: number;
	hi998: number;
	/** Position against the 99.8 % limits (the signal INDICATORS.md asks for). */
	flag: FunnelPosition;
	/** Position against the 95 % limits (the warning line). */
	flag95: FunnelPosition;
}

/**
 * Null where the group's share is not shown (suppressed or no denominator) or there is no
 * target: a flag must not reveal what suppression hides.
 */
export function groupFunnel(share: Share | null, p0: number | null): GroupFunnel | null {
	if (p0 === null || !share || share.value === null || !share.denominator) return null;
	const limits = funnelLimits(p0, share.denominator);
	const { flag95, flag998 } = funnelFlag(share.value, limits);
	return { p0, ...limits, flag: flag998, flag95 };
}

export interface FunnelCurvePoint extends FunnelLimits {
	n: number;
}

/**
 * The control limits drawn as curves: at whole denominators spaced evenly on a log scale
 * from nMin to nMax (the limits change fastest at small n), for the chart's funnel.
 */
export function funnelCurve(p0: number, nMin: number, nMax: number, steps = 60): FunnelCurvePoint[] {
	const lo = Math.max(1, Math.floor(nMin));
	const hi = Math.max(lo + 1, Math.ceil(nMax));
	const ns = new Set<number>();
	for (let i = 0; i <= steps; i++) ns.add(Math.round(lo * Math.pow(hi / lo, i / steps)));
	return [...ns].sort((a, b) => a - b).map((n) => ({ n, ...funnelLimits(p0, n) }));
}

import { describe, expect, it } from 'vitest';
import checks from '../../fixtures/stats_checks.json';
import { funnelFlag, funnelLimits, funnelLimitsNormal } from '../../../src/lib/stats/funnel';

const exact = checks.funnel_exact_binomial;
const normal = checks.funnel_normal_approx;

describe('funnelLimits (exact binomial, Spiegelhalter 2005)', () => {
	it('matches the R check values', () => {
		const limits = funnelLimits(exact.p0, exact.n);
		expect(limits.lo998).toBeCloseTo(exact.lo998, 6);
		expect(limits.lo95).toBeCloseTo(exact.lo95, 6);
		expect(limits.hi95).toBeCloseTo(exact.hi95, 6);
		expect(limits.hi998).toBeCloseTo(exact.hi998, 6);
	});

	it('narrows around p0 as n grows, and is close to the normal limits for large n', () => {
		const small = funnelLimits(0.25, 50);
		const large = funnelLimits(0.25, 5000);
		expect(large.hi998 - large.lo998).toBeLessThan(small.hi998 - small.lo998);
		expect(large.lo998).toBeLessThan(large.lo95);
		expect(large.hi95).toBeLessThan(large.hi998);
		const approx = funnelLimitsNormal(0.25, 1_000_000);
		const precise = funnelLimits(0.25, 1_000_000);
		expect(precise.hi95).toBeCloseTo(approx.hi95, 4);
		expect(precise.lo998).toBeCloseTo(approx.lo998, 4);
	});

	it('clips to [0, 1] for tiny denominators', () => {
		const limits = funnelLimits(0.5, 1);
		// n = 1: r = 0 at p = 0.001, α = (0.5 − 0.001)/0.5 = 0.998 → (0 − 0.998)/1 < 0 → 0;
		// r = 1 at p = 0.999, α = (1 − 0.999)/0.5 = 0.002 → 0.998.
		expect(limits.lo998).toBe(0);
		expect(limits.hi998).toBeCloseTo(0.998, 12);
		expect(limits.hi95).toBeCloseTo(0.95, 12);
	});

	it('treats p0 = 0 and p0 = 1 as a point mass', () => {
		expect(funnelLimits(0, 40)).toEqual({ lo998: 0, lo95: 0, hi95: 0, hi998: 0 });
		expect(funnelLimits(1, 40)).toEqual({ lo998: 1, lo95: 1, hi95: 1, hi998: 1 });
	});

	it('rejects n = 0 and p0 outside [0, 1]', () => {
		expect(() => funnelLimits(0.2, 0)).toThrow(RangeError);
		expect(() => funnelLimits(1.2, 10)).toThrow(RangeError);
	});
});

describe('funnelLimitsNormal', () => {
	it('matches the R check values', () => {
		const limits = funnelLimitsNormal(normal.p0, normal.n);
		expect(limits.lo998).toBeCloseTo(normal.lo998, 6);
		expect(limits.lo95).toBeCloseTo(normal.lo95, 6);
		expect(limits.hi95).toBeCloseTo(normal.hi95, 6);
		expect(limits.hi998).toBeCloseTo(normal.hi998, 6);
	});

	it('clips at 0', () => {
		expect(funnelLimitsNormal(0.02, 10).lo95).toBe(0);
	});
});

describe('funnelFlag', () => {
	const limits = funnelLimits(exact.p0, exact.n); // 0.1196 / 0.1624 / 0.3323 / 0.3856

	it('separates the 95 % and 99.8 % bands', () => {
		expect(funnelFlag(0.25, limits)).toEqual({ flag95: 'within', flag998: 'within' });
		expect(funnelFlag(0.35, limits)).toEqual({ flag95: 'above', flag998: 'within' });
		expect(funnelFlag(0.4, limits)).toEqual({ flag95: 'above', flag998: 'above' });
		expect(funnelFlag(0.15, limits)).toEqual({ flag95: 'below', flag998: 'within' });
		expect(funnelFlag(0.1, limits)).toEqual({ flag95: 'below', flag998: 'below' });
	});

	it('counts a value exactly on a limit as within', () => {
		expect(funnelFlag(limits.hi95, limits).flag95).toBe('within');
		expect(funnelFlag(limits.lo998, limits).flag998).toBe('within');
	});
});

import { describe, expect, it } from 'vitest';
import { qnorm, Z_95, Z_998 } from '../../../src/lib/stats/normal';
import { chiSquareUpperTail, logGamma, regularizedGammaP, regularizedGammaQ } from '../../../src/lib/stats/gamma';

describe('qnorm', () => {
	it('reproduces R qnorm in the centre and both tails', () => {
		// Reference values: scipy.stats.norm.ppf (same algorithm family as R's qnorm, agrees to 1e-16).
		expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 12);
		expect(qnorm(0.999)).toBeCloseTo(3.090232306167813, 12);
		expect(qnorm(0.3)).toBeCloseTo(-0.5244005127080407, 12);
		expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 10);
		expect(qnorm(0.5)).toBe(0);
	});

	it('is antisymmetric and infinite at 0 and 1', () => {
		expect(qnorm(0.025)).toBeCloseTo(-qnorm(0.975), 14);
		expect(qnorm(0)).toBe(-Infinity);
		expect(qnorm(1)).toBe(Infinity);
		expect(() => qnorm(1.5)).toThrow(RangeError);
	});

	it('exports the constants the funnel uses', () => {
		expect(Z_95).toBeCloseTo(qnorm(0.975), 14);
		expect(Z_998).toBeCloseTo(qnorm(0.999), 14);
	});
});

describe('gamma family', () => {
	it('logGamma hits factorials', () => {
		expect(logGamma(1)).toBeCloseTo(0, 14);
		expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
		expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
		expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9); // log(100!)
	});

	it('P and Q are complementary and match closed forms', () => {
		// For a = 1 the gamma distribution is exponential: P(1, x) = 1 − e^(−x).
		expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
		expect(regularizedGammaQ(1, 0.3)).toBeCloseTo(Math.exp(-0.3), 14);
		expect(regularizedGammaP(3.5, 2) + regularizedGammaQ(3.5, 2)).toBeCloseTo(1, 14);
		expect(regularizedGammaP(2, 0)).toBe(0);
	});

	it('chi-square upper tail equals R pchisq(lower.tail = FALSE)', () => {
		expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
		// df = 2 is exponential with mean 2: Q = exp(−x/2).
		expect(chiSquareUpperTail(50, 2)).toBeCloseTo(Math.exp(-25), 20);
		expect(chiSquareUpperTail(50, 2) / Math.exp(-25)).toBeCloseTo(1, 12);
		// pchisq(10, 3, lower.tail = FALSE) = 0.01856614 (computed with scipy.stats.chi2.sf).
		expect(chiSquareUpperTail(10, 3)).toBeCloseTo(0.01856614, 8);
		expect(chiSquareUpperTail(0, 4)).toBe(1);
	});
});

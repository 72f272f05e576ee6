import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialPmf, binomialQuantile } from '../../../src/lib/stats/binomial';

describe('binomial pmf and CDF', () => {
	it('matches hand computation for Binomial(10, 0.3)', () => {
		// C(10,3)·0.3³·0.7⁷ = 120 · 0.027 · 0.0823543 = 0.266827932
		expect(binomialPmf(3, 10, 0.3)).toBeCloseTo(0.266827932, 14);
		// 0.7¹⁰ + 10·0.3·0.7⁹ + 45·0.09·0.7⁸ + 0.266827932
		// = 0.0282475249 + 0.121060821 + 0.2334744405 + 0.266827932 = 0.6496107184
		expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184, 14);
		expect(binomialCdf(2.7, 10, 0.3)).toBeCloseTo(0.0282475249 + 0.121060821 + 0.2334744405, 14);
	});

	it('handles the ends of the support and degenerate p', () => {
		expect(binomialCdf(-1, 10, 0.3)).toBe(0);
		expect(binomialCdf(10, 10, 0.3)).toBe(1);
		expect(binomialPmf(0, 10, 0.3)).toBeCloseTo(0.7 ** 10, 15);
		expect(binomialPmf(10, 10, 0.3)).toBeCloseTo(0.3 ** 10, 18);
		expect(binomialPmf(11, 10, 0.3)).toBe(0);
		expect(binomialPmf(0, 10, 0)).toBe(1);
		expect(binomialCdf(3, 10, 1)).toBe(0);
		expect(binomialPmf(0, 0, 0.4)).toBe(1);
	});

	it('stays accurate at n = 10^6', () => {
		// Reference values from exact 50-digit arithmetic (mpmath):
		// C(10^6, 5·10^5) / 2^(10^6) = 0.00079788436133175009
		expect(binomialPmf(500_000, 1_000_000, 0.5) / 0.00079788436133175009).toBeCloseTo(1, 12);
		// Σ_{k ≤ 3} C(10^6, k) (10⁻⁵)^k (1 − 10⁻⁵)^(10^6 − k) = 0.010335785844433463
		expect(binomialCdf(3, 1_000_000, 1e-5)).toBeCloseTo(0.010335785844433463, 13);
		// Symmetry at p = ½: F(k) + F(n − k − 1) = 1, with one side summed from each tail.
		expect(binomialCdf(499_499, 1_000_000, 0.5) + binomialCdf(500_500, 1_000_000, 0.5)).toBeCloseTo(1, 12);
	});

	it('sums to one over the support', () => {
		let total = 0;
		for (let k = 0; k <= 1000; k++) total += binomialPmf(k, 1000, 0.37);
		expect(total).toBeCloseTo(1, 12);
	});
});

describe('binomialQuantile (R qbinom)', () => {
	it('is the smallest r with F(r) ≥ p', () => {
		expect(binomialQuantile(0.65, 10, 0.3)).toBe(4);
		expect(binomialQuantile(0.6, 10, 0.3)).toBe(3);
		// Exactly F(3): R's fuzz makes this 3, not 4.
		expect(binomialQuantile(0.6496107184, 10, 0.3)).toBe(3);
	});

	it('matches qbinom for the funnel probabilities', () => {
		// qbinom(c(0.001, 0.025, 0.975, 0.999), 100, 0.25); values from scipy binom.ppf (same definition)
		expect([0.001, 0.025, 0.975, 0.999].map((p) => binomialQuantile(p, 100, 0.25))).toEqual([12, 17, 34, 39]);
		// scipy binom.ppf(p, 10^6, 0.3)
		expect([0.001, 0.025, 0.5, 0.975, 0.999].map((p) => binomialQuantile(p, 1_000_000, 0.3))).toEqual([
			298_584, 299_102, 300_000, 300_898, 301_417
		]);
	});

	it('handles p = 0, p = 1 and degenerate distributions', () => {
		expect(binomialQuantile(0, 10, 0.3)).toBe(0);
		expect(binomialQuantile(1, 10, 0.3)).toBe(10);
		expect(binomialQuantile(0.5, 10, 0)).toBe(0);
		expect(binomialQuantile(0.5, 10, 1)).toBe(10);
		expect(binomialQuantile(0.5, 0, 0.3)).toBe(0);
	});
});

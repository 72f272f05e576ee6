import { describe, expect, it } from 'vitest';
import checks from '../../fixtures/stats_checks.json';
import { wilson } from '../../../src/lib/stats/wilson';

describe('wilson', () => {
	it.each(checks.wilson_95)('matches R prop.test(correct = FALSE) for x=$x, n=$n', ({ x, n, low, high }) => {
		const interval = wilson(x, n)!;
		expect(interval.low).toBeCloseTo(low, 6);
		expect(interval.high).toBeCloseTo(high, 6);
	});

	it('returns null without a denominator', () => {
		expect(wilson(0, 0)).toBeNull();
	});

	it('pins the bounds to exactly 0 at x = 0 and exactly 1 at x = n', () => {
		expect(wilson(0, 10)!.low).toBe(0);
		const full = wilson(10, 10)!;
		expect(full.high).toBe(1);
		// Mirror image of x = 0: 1 − 0.2775328 (stats_checks.json).
		expect(full.low).toBeCloseTo(1 - 0.2775328, 6);
	});

	it('gives exact 0 and 1 bounds for every small n, not rounding residue', () => {
		// Without R's explicit guard the formula leaves e.g. ±1e-17 at n = 3 or 1 − 1e-16 at n = 10.
		for (let n = 1; n <= 50; n++) {
			expect(wilson(0, n)!.low).toBe(0);
			expect(wilson(n, n)!.high).toBe(1);
		}
	});

	it('honours another z (90 %: z = 1.644854)', () => {
		// Hand computation for x = 5, n = 20, p = 0.25, z² = 2.705545:
		// centre = (0.25 + z²/40) / (1 + z²/20) = 0.3176386 / 1.1352772 = 0.2797895
		// half   = z·sqrt(0.25·0.75/20 + z²/1600) / 1.1352772 = 0.1730302 / 1.1352772 = 0.1524123
		const interval = wilson(5, 20, 1.644854)!;
		expect(interval.low).toBeCloseTo(0.2797895 - 0.1524123, 6);
		expect(interval.high).toBeCloseTo(0.2797895 + 0.1524123, 6);
	});

	it('rejects impossible counts', () => {
		expect(() => wilson(11, 10)).toThrow(RangeError);
		expect(() => wilson(-1, 10)).toThrow(RangeError);
		expect(() => wilson(1.5, 10)).toThrow(RangeError);
	});
});

/**
 * Wilson score interval for a share x/n, written as R's prop.test(x, n, correct = FALSE)
 * computes it, so dashboard and R agree digit for digit. Chosen over the Wald interval
 * because it stays inside [0, 1] and behaves at x = 0 and x = n, which small groups hit.
 */

import { Z_95 } from './normal';
import { assertCount } from './validate';

export interface Interval {
	low: number;
	high: number;
}

/** `null` when n = 0: a share without a denominator has no interval. */
export function wilson(x: number, n: number, z: number = Z_95): Interval | null {
	assertCount(x, 'x');
	assertCount(n, 'n');
	if (x > n) throw new RangeError(`x (${x}) must not exceed n (${n})`);
	if (n === 0) return null;

	const p = x / n;
	const zSquaredOver2n = (z * z) / (2 * n);
	const spread = z * Math.sqrt((p * (1 - p)) / n + zSquaredOver2n / (2 * n));
	const denominator = 1 + 2 * zSquaredOver2n;
	// R pins the bounds to exactly 0 and 1 at the extremes instead of trusting rounding.
	return {
		low: p <= 0 ? 0 : (p + zSquaredOver2n - spread) / denominator,
		high: p >= 1 ? 1 : (p + zSquaredOver2n + spread) / denominator
	};
}

/**
 * Exact binomial distribution: pmf, CDF and quantile, stable for n up to 10^6 and more.
 *
 * The pmf uses Loader's saddle-point form (as R's dbinom does): computing
 * log C(n, x) from log-gammas loses about 7 digits at n = 10^6 through cancellation,
 * while the deviance form keeps full relative precision. The CDF then sums pmf terms
 * from the requested point away from the mode, using the ratio recurrence, until the
 * terms vanish; only O(sqrt(n)) terms are ever needed.
 */

import { qnorm } from './normal';
import { assertCount, assertProbability } from './validate';

const LOG_TWO_PI = Math.log(2 * Math.PI);
const HALF_LOG_TWO_PI = 0.5 * LOG_TWO_PI;

/** log(k!) exactly for small k: k! is exact in a double up to 22!, so this is fully accurate. */
function logFactorialSmall(k: number): number {
	let product = 1;
	for (let i = 2; i <= k; i++) product *= i;
	return Math.log(product);
}

/** Stirling error log(k!) − [ (k+½)·log k − k + ½·log 2π ] for integer k ≥ 1. */
function stirlingError(k: number): number {
	if (k <= 15) return logFactorialSmall(k) - (k + 0.5) * Math.log(k) + k - HALF_LOG_TWO_PI;
	const S0 = 1 / 12;
	const S1 = 1 / 360;
	const S2 = 1 / 1260;
	const S3 = 1 / 1680;
	const S4 = 1 / 1188;
	const kk = k * k;
	if (k > 500) return (S0 - S1 / kk) / k;
	if (k > 80) return (S0 - (S1 - S2 / kk) / kk) / k;
	if (k > 35) return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
	return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** Deviance term x·log(x/m) + m − x, evaluated without cancellation when x ≈ m. */
function deviance(x: number, m: number): number {
	if (Math.abs(x - m) < 0.1 * (x + m)) {
		let v = (x - m) / (x + m);
		let sum = (x - m) * v;
		let term = 2 * x * v;
		v *= v;
		for (let j = 1; j < 1000; j++) {
			term *= v;
			const next = sum + term / (2 * j + 1);
			if (next === sum) return next;
			sum = next;
		}
		return sum;
	}
	return x * Math.log(x / m) + m - x;
}

/** P(X = x) for X ~ Binomial(n, p). */
export function binomialPmf(x: number, n: number, p: number): number {
	assertCount(n, 'n');
	assertProbability(p);
	if (!Number.isInteger(x) || x < 0 || x > n) return 0;
	const q = 1 - p;
	if (p === 0) return x === 0 ? 1 : 0;
	if (q === 0) return x === n ? 1 : 0;
	if (x === 0) return Math.exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q));
	if (x === n) return Math.exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p));
	const logCore =
		stirlingError(n) -
		stirlingError(x) -
		stirlingError(n - x) -
		deviance(x, n * p) -
		deviance(n - x, n * q);
	const logScale = LOG_TWO_PI + Math.log(x) + Math.log1p(-x / n);
	return Math.exp(logCore - 0.5 * logScale);
}

/**
 * Sum of pmf terms starting at `from` and walking away from the mode in direction
 * `step` (−1 down, +1 up). Terms shrink monotonically there, so stopping once a term
 * no longer changes the sum is safe.
 */
function tailSum(from: number, step: -1 | 1, n: number, p: number): number {
	const q = 1 - p;
	let term = binomialPmf(from, n, p);
	let sum = term;
	let k = from;
	while (term > 0) {
		if (step < 0) {
			if (k === 0) break;
			term *= (k / (n - k + 1)) * (q / p); // pmf(k−1) / pmf(k)
			k--;
		} else {
			if (k === n) break;
			term *= ((n - k) / (k + 1)) * (p / q); // pmf(k+1) / pmf(k)
			k++;
		}
		if (sum + term === sum) break;
		sum += term;
	}
	return sum;
}

/** P(X ≤ k), as R's pbinom(k, n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
	assertCount(n, 'n');
	assertProbability(p);
	const floorK = Math.floor(k);
	if (floorK < 0) return 0;
	if (floorK >= n) return 1;
	if (p === 0) return 1;
	if (p === 1) return 0;
	const mode = Math.floor((n + 1) * p);
	// Below the mode the lower tail is summed directly; above it the upper tail is,
	// so no sum ever crosses the peak and each stays O(sqrt(n)) terms long.
	if (floorK < mode) return Math.min(1, tailSum(floorK, -1, n, p));
	return Math.max(0, 1 - tailSum(floorK + 1, 1, n, p));
}

const DOUBLE_EPSILON = 2.220446049250313e-16;

/**
 * Smallest r with P(X ≤ r) ≥ prob, as R's qbinom(prob, n, p). Like R, the target is
 * lowered by 64 ulps so that a probability that equals F(r) up to rounding returns r.
 */
export function binomialQuantile(prob: number, n: number, p: number): number {
	assertProbability(prob, 'prob');
	assertCount(n, 'n');
	assertProbability(p);
	if (p === 0 || n === 0) return 0;
	if (p === 1) return n;
	if (prob === 0) return 0;
	if (prob + 1.01 * DOUBLE_EPSILON >= 1) return n;

	// Cornish–Fisher start (as R), then walk to the exact answer: a step or two.
	const q = 1 - p;
	const mean = n * p;
	const sd = Math.sqrt(n * p * q);
	const skew = (q - p) / sd;
	const z = qnorm(prob);
	let r = Math.floor(mean + sd * (z + (skew * (z * z - 1)) / 6) + 0.5);
	r = Math.min(n, Math.max(0, r));

	const target = prob * (1 - 64 * DOUBLE_EPSILON);
	if (binomialCdf(r, n, p) >= target) {
		while (r > 0 && binomialCdf(r - 1, n, p) >= target) r--;
	} else {
		while (r < n && binomialCdf(r, n, p) < target) r++;
	}
	return r;
}

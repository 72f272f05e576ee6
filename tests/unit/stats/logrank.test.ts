import { describe, expect, it } from 'vitest';
import { logRank, type GroupTimeCounts } from '../../../src/lib/stats/logrank';

/** R-style notation: 13 = event at 13, '13+' = censored at 13. */
function group(name: string, times: (number | string)[]): GroupTimeCounts[] {
	return times.map((value) =>
		typeof value === 'string'
			? { group: name, t: Number.parseFloat(value), events: 0, censored: 1 }
			: { group: name, t: value, events: 1, censored: 0 }
	);
}

describe('logRank', () => {
	it('matches R survdiff on the full AML data', () => {
		// survdiff(Surv(time, status) ~ x, data = aml): Chisq = 3.396389 on 1 df, p = 0.07 (printed).
		// Unrounded p = pchisq(3.396389, 1, lower.tail = FALSE) = 0.0653393 (often quoted
		// truncated as 0.06533; checked with scipy.stats.chi2.sf).
		const result = logRank([
			...group('Maintained', [9, 13, '13+', 18, 23, '28+', 31, 34, '45+', 48, '161+']),
			...group('Nonmaintained', [5, 5, 8, 8, 12, '16+', 23, 27, 30, 33, 43, 45])
		]);
		expect(result.chisq).toBeCloseTo(3.396389, 6);
		expect(result.df).toBe(1);
		expect(result.p).toBeCloseTo(0.0653393, 6);
		// R's table: Observed 7 / 11, Expected 10.69 / 7.31
		expect(result.groups.map((g) => [g.group, g.n, g.observed])).toEqual([
			['Maintained', 11, 7],
			['Nonmaintained', 12, 11]
		]);
		expect(result.groups[0].expected).toBeCloseTo(10.69, 2);
		expect(result.groups[1].expected).toBeCloseTo(7.31, 2);
	});

	it('matches a hand computation for two small groups', () => {
		// A: 1, 3   B: 2, 4+
		// t=1: n=4 (A 2, B 2), d=1 in A: E_A += 2/4,  V += 1·3/3 · ½·½     = 1/4
		// t=2: n=3 (A 1, B 2), d=1 in B: E_A += 1/3,  V += 1·2/2 · ⅓·⅔     = 2/9
		// t=3: n=2 (A 1, B 1), d=1 in A: E_A += 1/2,  V += 1·1/1 · ½·½     = 1/4
		// O_A − E_A = 2 − 4/3 = 2/3, V = 13/18, chisq = (4/9)/(13/18) = 8/13
		// p = P(χ²₁ > 8/13) = 2·(1 − Φ(√(8/13))) = 0.4327676
		const result = logRank([...group('A', [1, 3]), ...group('B', [2, '4+'])]);
		expect(result.chisq).toBeCloseTo(8 / 13, 12);
		expect(result.df).toBe(1);
		expect(result.p).toBeCloseTo(0.4327676, 6);
		expect(result.groups[0].expected).toBeCloseTo(4 / 3, 12);
	});

	it('handles three groups and does not depend on group names or row order', () => {
		// Reference: independent numpy implementation of the same formulas
		// (O − E and the hypergeometric covariance, solve on groups 2..k).
		const rows = [
			...group('A', [1, 3, '6+', 8]),
			...group('B', [2, '4+', 5, 9]),
			...group('C', [3, 7, '7+', '10+'])
		];
		const result = logRank(rows);
		expect(result.df).toBe(2);
		expect(result.chisq).toBeCloseTo(1.1572269418, 9);
		expect(result.p).toBeCloseTo(0.5606752204, 9);
		const renamed = logRank(
			[...rows].reverse().map((row) => ({ ...row, group: { A: 'z', B: 'a', C: 'm' }[row.group]! }))
		);
		expect(renamed.chisq).toBeCloseTo(result.chisq, 12);
	});

	it('does not crash on a group without events', () => {
		// B has no events but is at risk: O_B = 0, E_B > 0, still a valid 1-df test.
		// t=1: n=4 (A 2, B 2): E_A 1/2, V 1/4.  t=2: n=3 (A 1, B 2): E_A 1/3, V 2/9.
		// O_A − E_A = 2 − 5/6 = 7/6, V = 17/36, chisq = (49/36)/(17/36) = 49/17
		const result = logRank([...group('A', [1, 2]), ...group('B', ['5+', '6+'])]);
		expect(result.chisq).toBeCloseTo(49 / 17, 12);
		expect(result.df).toBe(1);
		expect(result.groups[1]).toMatchObject({ observed: 0, n: 2 });
	});

	it('leaves out a group that is never at risk at an event time, as R does', () => {
		const withIdle = logRank([
			...group('A', [1, 3]),
			...group('B', [2, '4+']),
			...group('C', ['0.5+'])
		]);
		expect(withIdle.df).toBe(1);
		expect(withIdle.chisq).toBeCloseTo(8 / 13, 12);
		expect(withIdle.groups[2].expected).toBe(0);
	});

	it('returns no test for no events, one group or empty input', () => {
		expect(logRank([...group('A', ['1+']), ...group('B', ['2+'])])).toMatchObject({ chisq: 0, df: 0, p: null });
		expect(logRank(group('A', [1, 2, 3]))).toMatchObject({ chisq: 0, df: 0, p: null });
		expect(logRank([])).toEqual({ chisq: 0, df: 0, p: null, groups: [] });
	});
});

import { describe, expect, it } from 'vitest';
import { quantileType7, quantileType7FromCounts } from '../../../src/lib/stats/quantile';

describe('quantileType7 (R default)', () => {
	const values = [1, 2, 3, 4, 10];

	it('interpolates at 1 + (n − 1)·p', () => {
		// quantile(c(1, 2, 3, 4, 10), c(0, .25, .5, .9, 1)) = 1, 2, 3, 7.6, 10
		// p = 0.9: position 1 + 4·0.9 = 4.6 → 4 + 0.6·(10 − 4) = 7.6
		expect(quantileType7(values, 0)).toBe(1);
		expect(quantileType7(values, 0.25)).toBe(2);
		expect(quantileType7(values, 0.5)).toBe(3);
		expect(quantileType7(values, 0.9)).toBeCloseTo(7.6, 12);
		expect(quantileType7(values, 1)).toBe(10);
	});

	it('interpolates between even-count middles', () => {
		// quantile(c(3, 8, 10, 20), c(.25, .5, .75)) = 6.75, 9, 12.5
		expect(quantileType7([3, 8, 10, 20], 0.25)).toBeCloseTo(6.75, 12);
		expect(quantileType7([3, 8, 10, 20], 0.5)).toBe(9);
		expect(quantileType7([3, 8, 10, 20], 0.75)).toBeCloseTo(12.5, 12);
	});

	it('handles empty and single-value samples', () => {
		expect(quantileType7([], 0.5)).toBeNull();
		expect(quantileType7([42], 0.3)).toBe(42);
		expect(() => quantileType7([1], 1.1)).toThrow(RangeError);
	});
});

describe('quantileType7FromCounts', () => {
	it('equals the quantile of the expanded sample', () => {
		const table = [
			{ value: 30, count: 2 },
			{ value: 7, count: 3 },
			{ value: 12, count: 1 },
			{ value: 90, count: 0 },
			{ value: 45, count: 4 }
		];
		const expanded = table.flatMap(({ value, count }) => new Array<number>(count).fill(value)).sort((a, b) => a - b);
		for (const p of [0, 0.1, 0.25, 0.33, 0.5, 0.75, 0.9, 1]) {
			expect(quantileType7FromCounts(table, p)).toBeCloseTo(quantileType7(expanded, p)!, 12);
		}
		// Hand: sorted 7 7 7 12 30 30 45 45 45 45, p = 0.25 → position 2.25 (0-based)
		// → 7 + 0.25·(12 − 7) = 8.25
		expect(quantileType7FromCounts(table, 0.25)).toBeCloseTo(8.25, 12);
	});

	it('returns null for an empty table or zero counts', () => {
		expect(quantileType7FromCounts([], 0.5)).toBeNull();
		expect(quantileType7FromCounts([{ value: 3, count: 0 }], 0.5)).toBeNull();
		expect(() => quantileType7FromCounts([{ value: 3, count: -1 }], 0.5)).toThrow(RangeError);
	});
});

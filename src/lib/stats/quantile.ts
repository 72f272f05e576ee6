/**
 * Sample quantiles, R's default type 7: linear interpolation between order statistics
 * at position 1 + (n − 1)·p. Written as R writes it so results agree exactly.
 */

import { assertCount, assertProbability } from './validate';

/** `sortedValues` must be ascending; null for an empty sample (R: NA). */
export function quantileType7(sortedValues: readonly number[], p: number): number | null {
	assertProbability(p);
	const n = sortedValues.length;
	if (n === 0) return null;
	const position = (n - 1) * p; // zero-based
	const lo = Math.floor(position);
	const hi = Math.ceil(position);
	const lower = sortedValues[lo];
	const upper = sortedValues[hi];
	if (position === lo || upper === lower) return lower;
	const h = position - lo;
	return (1 - h) * lower + h * upper;
}

export interface ValueCount {
	value: number;
	count: number;
}

/**
 * Type-7 quantile from a frequency table (value → count), so the database can send
 * value counts instead of every row. Equivalent to expanding the table and sorting.
 */
export function quantileType7FromCounts(table: readonly ValueCount[], p: number): number | null {
	assertProbability(p);
	const rows = table
		.filter((row) => {
			assertCount(row.count, 'count');
			return row.count > 0;
		})
		.sort((a, b) => a.value - b.value);
	const n = rows.reduce((sum, row) => sum + row.count, 0);
	if (n === 0) return null;

	// The value of the order statistic with zero-based rank `rank`.
	const orderStatistic = (rank: number): number => {
		let seen = 0;
		for (const row of rows) {
			seen += row.count;
			if (rank < seen) return row.value;
		}
		return rows[rows.length - 1].value;
	};

	const position = (n - 1) * p;
	const lo = Math.floor(position);
	const lower = orderStatistic(lo);
	const upper = orderStatistic(Math.ceil(position));
	if (position === lo || upper === lower) return lower;
	const h = position - lo;
	return (1 - h) * lower + h * upper;
}

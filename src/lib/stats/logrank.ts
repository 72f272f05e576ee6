/**
 * Log-rank test for k groups from grouped counts, as R's survdiff(Surv(time, status) ~ group).
 */

import { chiSquareUpperTail } from './gamma';
import { assertCount, assertFiniteTime } from './validate';

export interface GroupTimeCounts {
	group: string;
	t: number;
	events: number;
	censored: number;
}

export interface LogRankGroup {
	group: string;
	n: number;
	observed: number;
	expected: number;
}

export interface LogRankResult {
	chisq: number;
	df: number;
	/** null when there is nothing to test (fewer than two groups with expected events). */
	p: number | null;
	groups: LogRankGroup[];
}

/**
 * Solves V·x = b for a symmetric positive semi-definite V by a Cholesky-style
 * elimination that drops (near-)zero pivots, like survival's cholesky2. R's survdiff
 * would stop with an error on a singular V; a generalized inverse keeps the dashboard
 * alive and the rank tells the true degrees of freedom.
 */
function solveSemiDefinite(matrix: number[][], rhs: number[]): { solution: number[]; rank: number } {
	const size = rhs.length;
	const a = matrix.map((row) => [...row]);
	const scale = Math.max(0, ...a.map((row, i) => Math.abs(row[i])));
	const tolerance = 1e-9 * (scale || 1);
	const pivotUsed = new Array<boolean>(size).fill(false);
	let rank = 0;

	// LDLᵀ decomposition in place: a[i][i] holds D, below-diagonal holds L.
	for (let i = 0; i < size; i++) {
		let pivot = a[i][i];
		for (let k = 0; k < i; k++) if (pivotUsed[k]) pivot -= a[i][k] * a[i][k] * a[k][k];
		if (pivot <= tolerance) {
			a[i][i] = 0;
			for (let j = i + 1; j < size; j++) a[j][i] = 0;
			continue;
		}
		pivotUsed[i] = true;
		a[i][i] = pivot;
		rank++;
		for (let j = i + 1; j < size; j++) {
			let value = a[j][i];
			for (let k = 0; k < i; k++) if (pivotUsed[k]) value -= a[j][k] * a[i][k] * a[k][k];
			a[j][i] = value / pivot;
		}
	}

	const y = [...rhs];
	for (let i = 0; i < size; i++) for (let k = 0; k < i; k++) y[i] -= a[i][k] * y[k];
	for (let i = 0; i < size; i++) y[i] = pivotUsed[i] ? y[i] / a[i][i] : 0;
	for (let i = size - 1; i >= 0; i--) {
		if (!pivotUsed[i]) continue;
		for (let k = i + 1; k < size; k++) y[i] -= a[k][i] * y[k];
	}
	return { solution: y, rank };
}

export function logRank(rows: readonly GroupTimeCounts[]): LogRankResult {
	for (const row of rows) {
		assertFiniteTime(row.t);
		assertCount(row.events, 'events');
		assertCount(row.censored, 'censored');
	}
	const groupNames = [...new Set(rows.map((row) => row.group))].sort();
	const index = new Map(groupNames.map((name, i) => [name, i]));
	const k = groupNames.length;

	// Per time: events and removals per group.
	const byTime = new Map<number, { events: number[]; removed: number[] }>();
	const atRisk = new Array<number>(k).fill(0);
	for (const row of rows) {
		const g = index.get(row.group)!;
		const slot = byTime.get(row.t) ?? { events: new Array(k).fill(0), removed: new Array(k).fill(0) };
		slot.events[g] += row.events;
		slot.removed[g] += row.events + row.censored;
		byTime.set(row.t, slot);
		atRisk[g] += row.events + row.censored;
	}
	const sizes = [...atRisk];

	const observed = new Array<number>(k).fill(0);
	const expected = new Array<number>(k).fill(0);
	const variance = groupNames.map(() => new Array<number>(k).fill(0));

	for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
		const slot = byTime.get(t)!;
		const deaths = slot.events.reduce((a, b) => a + b, 0);
		const total = atRisk.reduce((a, b) => a + b, 0);
		if (deaths > 0) {
			for (let g = 0; g < k; g++) {
				observed[g] += slot.events[g];
				expected[g] += (deaths * atRisk[g]) / total;
			}
			// Hypergeometric covariance; a single subject at risk contributes none.
			if (total > 1) {
				const factor = (deaths * (total - deaths)) / (total * total * (total - 1));
				for (let g = 0; g < k; g++) {
					for (let h = 0; h < k; h++) {
						variance[g][h] += factor * atRisk[g] * ((g === h ? total : 0) - atRisk[h]);
					}
				}
			}
		}
		for (let g = 0; g < k; g++) atRisk[g] -= slot.removed[g];
	}

	const groups = groupNames.map((group, g) => ({
		group,
		n: sizes[g],
		observed: observed[g],
		expected: expected[g]
	}));

	// As R: groups with no expected events carry no information and are left out,
	// and one remaining group is dropped because O − E sums to zero.
	const informative = groupNames.map((_, g) => g).filter((g) => expected[g] > 0);
	if (informative.length < 2) return { chisq: 0, df: 0, p: null, groups };
	const kept = informative.slice(1);
	const difference = kept.map((g) => observed[g] - expected[g]);
	const reducedVariance = kept.map((g) => kept.map((h) => variance[g][h]));
	const { solution, rank } = solveSemiDefinite(reducedVariance, difference);
	const chisq = solution.reduce((sum, value, i) => sum + value * difference[i], 0);
	if (rank === 0) return { chisq: 0, df: 0, p: null, groups };
	return { chisq, df: rank, p: chiSquareUpperTail(chisq, rank), groups };
}

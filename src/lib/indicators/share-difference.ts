/**
 * Difference of two independent shares with Newcombe's hybrid score interval (Newcombe
 * 1998, method 10), built from the two Wilson intervals the dashboard already uses. Unlike
 * the Wald interval it stays sensible for small groups and shares near 0 or 1.
 */
import { wilson } from '../stats/wilson';

export interface ShareDifference {
	difference: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): ShareDifference {
	const a = wilson(x1, n1);
	const b = wilson(x2, n2);
	if (!a || !b) return { difference: null, ci_low: null, ci_high: null };
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const d = p1 - p2;
	return {
		difference: d,
		ci_low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
		ci_high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)
	};
}

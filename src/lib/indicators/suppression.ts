/**
 * Statistical confidentiality (INDICATORS.md): minimum cell size k. These are the only
 * places that decide what may be shown; views never re-implement them.
 */

/** A count is hidden when 0 < c < k; zero is shown. */
export function isSmallCount(c: number, k: number): boolean {
	return c > 0 && c < k;
}

/** A rate is hidden when its denominator is < k or its numerator is in (0, k). */
export function isRateSuppressed(numerator: number, denominator: number, k: number): boolean {
	return denominator < k || isSmallCount(numerator, k);
}

/**
 * Primary and secondary suppression of a distribution whose total is shown: when exactly
 * one category is hidden, the smallest other non-zero category is hidden too, so the hidden
 * one cannot be recovered by subtraction.
 */
export function suppressDistribution(counts: number[], k: number): boolean[] {
	const hidden = counts.map((c) => isSmallCount(c, k));
	if (hidden.filter(Boolean).length === 1) {
		let pick = -1;
		for (let i = 0; i < counts.length; i++) {
			if (hidden[i] || counts[i] <= 0) continue;
			if (pick < 0 || counts[i] < counts[pick]) pick = i;
		}
		if (pick >= 0) hidden[pick] = true;
	}
	return hidden;
}

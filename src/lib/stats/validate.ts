/**
 * Input checks shared by the estimators. The inputs come from SQL aggregates, so a
 * negative or fractional count means a bug upstream; failing loudly here beats
 * publishing a plausible-looking wrong curve.
 */

export function assertCount(value: number, what: string): void {
	if (!Number.isInteger(value) || value < 0) {
		throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
	}
}

export function assertFiniteTime(value: number, what = 't'): void {
	if (!Number.isFinite(value)) {
		throw new RangeError(`${what} must be a finite number, got ${value}`);
	}
}

export function assertProbability(value: number, what = 'p'): void {
	if (!(value >= 0 && value <= 1)) {
		throw new RangeError(`${what} must lie in [0, 1], got ${value}`);
	}
}

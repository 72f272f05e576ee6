/**
 * Outcomes of care (seed 000, 001, 004): why cases ended, the integration share among
 * exits and the Integrationsquote shaped like the SGB II key figure K2. The exits are
 * counted by reason with the flow (flow.ts), which reads the same exit relation.
 */
import { EXIT_REASONS } from '../data/contract';
import { wilson } from '../stats/wilson';
import { isRateSuppressed, suppressDistribution } from './suppression';
import type { ExitReasonRow, Rate, Share } from './types';

/** A distribution over `codes` with shares, Wilson CIs and primary/secondary suppression. */
export function exitReasonsReport(counts: Record<string, number>, k: number, codes: readonly string[] = EXIT_REASONS): ExitReasonRow[] {
	const values = codes.map((c) => counts[c] ?? 0);
	const total = values.reduce((a, b) => a + b, 0);
	const hidden = suppressDistribution(values, k);
	return codes.map((code, i) => {
		const n = values[i];
		const suppressed = hidden[i] || isRateSuppressed(n, total, k);
		const ci = wilson(n, total);
		return {
			code,
			count: hidden[i] ? null : n,
			share: suppressed || total === 0 ? null : n / total,
			ci_low: suppressed || !ci ? null : ci.low,
			ci_high: suppressed || !ci ? null : ci.high,
			suppressed: hidden[i]
		};
	});
}

/** A share with its Wilson interval, suppressed as a rate. */
export function shareOf(numerator: number, denominator: number, k: number): Share {
	const suppressed = isRateSuppressed(numerator, denominator, k);
	const ci = wilson(numerator, denominator);
	return {
		value: suppressed || denominator === 0 ? null : numerator / denominator,
		numerator: suppressed ? null : numerator,
		denominator: denominator > 0 && denominator < k ? null : denominator,
		ci_low: suppressed || !ci ? null : ci.low,
		ci_high: suppressed || !ci ? null : ci.high,
		suppressed
	};
}

/** A ratio whose denominator is an average stock rather than a count of trials. */
export function rateOf(numerator: number, denominator: number, k: number): Rate {
	const suppressed = isRateSuppressed(numerator, denominator, k);
	return {
		value: suppressed || !(denominator > 0) ? null : numerator / denominator,
		numerator: suppressed ? null : numerator,
		denominator: denominator > 0 && denominator < k ? null : denominator,
		suppressed
	};
}

export function integrationShare(counts: Record<string, number>, k: number): Share {
	const exits = Object.values(counts).reduce((a, b) => a + b, 0);
	return shareOf(counts.arbeit_ausbildung ?? 0, exits, k);
}

export function integrationsquote(counts: Record<string, number>, stockAvg: number, k: number): Rate {
	return rateOf(counts.arbeit_ausbildung ?? 0, stockAvg, k);
}

/**
 * Intensity of care: contacts per month in care (seed 000: "engere Kontaktdichte", 001)
 * and the caseload ratio 1 : x against the references of seeds 000, 002 and 003.
 */
import type { Engine } from '../data/engine';
import { isSmallCount } from './suppression';
import type { Rate } from './types';

export const DAYS_PER_MONTH = 30.4375;
/** 1:25–1:40 (seed 002, rehapro), 1:75 (seed 003, bFM), 1:100 (seed 000, spez. FM). */
export const CASELOAD_REFERENCES = [25, 40, 75, 100];

/** Exited cases with a number of appointments, their appointments and their months in care. */
export interface ContactSums {
	n: number;
	appts: number | null;
	months: number | null;
}

/**
 * The sums of the exit relation's rows (events.ts, e_exit: ka_n, ka_appts, ka_days, each an
 * exact whole number). Months in care are summed as whole days and divided once, so the
 * order of summation (case rows or monthly tables) cannot change the last digit.
 */
export function contactSums(rows: { ka_n: number | null; ka_appts: number | null; ka_days: number | null }[]): ContactSums {
	let n = 0;
	let appts: number | null = null;
	let days: number | null = null;
	for (const r of rows) {
		n += r.ka_n ?? 0;
		if (r.ka_appts !== null) appts = (appts ?? 0) + r.ka_appts;
		if (r.ka_days !== null) days = (days ?? 0) + r.ka_days;
	}
	return { n, appts, months: days === null ? null : days / DAYS_PER_MONTH };
}

export async function kontaktdichte(
	engine: Engine,
	c: ContactSums,
	k: number
): Promise<(Rate & { unit: 'per_month'; cases: number | null }) | null> {
	if (c.n === 0) {
		const [{ any }] = await engine.query<{ any: number }>('SELECT count(*)::INTEGER AS any FROM cases WHERE appointments IS NOT NULL');
		if (!any) return null;
	}
	// The basis is the number of cases; below k nothing is shown.
	const suppressed = c.n < k;
	return {
		value: suppressed || !c.months ? null : (c.appts ?? 0) / c.months,
		numerator: suppressed ? null : c.appts,
		denominator: suppressed ? null : c.months,
		suppressed,
		unit: 'per_month',
		cases: isSmallCount(c.n, k) ? null : c.n
	};
}

/**
 * The caseload is all cases the FM staff of the selected jobcenters carry, so case-level
 * filters (gender, program, …) do not narrow it: `stockAvg` is the average stock of all
 * cases of those jobcenters (flow.ts, jobcenterFlows), `fte` their mean FM staff.
 */
export function betreuungsschluessel(fte: number | null, stockAvg: number, k: number): (Rate & { references: number[] }) | null {
	if (fte === null || fte <= 0) return null;
	const suppressed = stockAvg > 0 && stockAvg < k;
	return {
		value: suppressed ? null : stockAvg / fte,
		numerator: suppressed ? null : stockAvg,
		denominator: fte,
		suppressed,
		references: CASELOAD_REFERENCES
	};
}

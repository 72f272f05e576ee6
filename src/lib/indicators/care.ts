/**
 * Intensity of care: contacts per month in care (seed 000: "engere Kontaktdichte", 001)
 * and the caseload ratio 1 : x against the references of seeds 000, 002 and 003.
 */
import type { Engine } from '../data/engine';
import { jobcenterLevel, jobcenterWhere, type Ctx } from './context';
import { eventsCte } from './events';
import { MONTH_ENDS_SQL, flowRaw, monthEndsParams } from './flow';
import { isSmallCount } from './suppression';
import type { Rate } from './types';

export const DAYS_PER_MONTH = 30.4375;
/** 1:25–1:40 (seed 002, rehapro), 1:75 (seed 003, bFM), 1:100 (seed 000, spez. FM). */
export const CASELOAD_REFERENCES = [25, 40, 75, 100];

export async function kontaktdichte(engine: Engine, ctx: Ctx): Promise<(Rate & { unit: 'per_month'; cases: number | null }) | null> {
	const ev = await eventsCte(engine, ctx, ['e_exit'], [ctx.period]);
	// Months in care are summed as whole days and divided once, so the order of summation
	// (case rows or monthly tables) cannot change the last digit.
	const [r] = await engine.query<{ n: number; appts: number | null; months: number | null }>(
		`WITH ${ev.sql} SELECT coalesce(sum(ka_n), 0)::INTEGER AS n, sum(ka_appts)::DOUBLE AS appts,
		        (sum(ka_days) / ${DAYS_PER_MONTH})::DOUBLE AS months
		 FROM e_exit WHERE d BETWEEN ?::DATE AND ?::DATE`,
		[...ev.params, ctx.period.from, ctx.period.to]
	);
	if (r.n === 0) {
		const [{ any }] = await engine.query<{ any: number }>('SELECT count(*)::INTEGER AS any FROM cases WHERE appointments IS NOT NULL');
		if (!any) return null;
	}
	// The basis is the number of cases; below k nothing is shown.
	const suppressed = r.n < ctx.k;
	return {
		value: suppressed || !r.months ? null : (r.appts ?? 0) / r.months,
		numerator: suppressed ? null : r.appts,
		denominator: suppressed ? null : r.months,
		suppressed,
		unit: 'per_month',
		cases: isSmallCount(r.n, ctx.k) ? null : r.n
	};
}

/**
 * The caseload is all cases the FM staff of the selected jobcenters carry, so case-level
 * filters (gender, program, …) do not narrow it.
 */
export async function betreuungsschluessel(engine: Engine, ctx: Ctx): Promise<(Rate & { references: number[] }) | null> {
	if (!ctx.tables.stock) return null;
	const j = jobcenterWhere(ctx.filters);
	const [{ fte }] = await engine.query<{ fte: number | null }>(
		`WITH ends AS (${MONTH_ENDS_SQL}),
		per_month AS (SELECT s.month, sum(s.fm_staff_fte) AS fte FROM stock s WHERE ${j.sql} AND s.fm_staff_fte IS NOT NULL GROUP BY 1)
		SELECT avg(p.fte)::DOUBLE AS fte FROM ends JOIN per_month p ON p.month = ends.month`,
		[...monthEndsParams(ctx.period), ...j.params]
	);
	if (fte === null || fte <= 0) return null;
	const stockAvg = (await flowRaw(engine, { ...ctx, filters: jobcenterLevel(ctx.filters) })).stock_avg;
	const suppressed = stockAvg > 0 && stockAvg < ctx.k;
	return {
		value: suppressed ? null : stockAvg / fte,
		numerator: suppressed ? null : stockAvg,
		denominator: fte,
		suppressed,
		references: CASELOAD_REFERENCES
	};
}

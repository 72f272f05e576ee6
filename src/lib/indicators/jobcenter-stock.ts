/**
 * The denominators that exist per jobcenter only (table `stock`): the mean eLb stock of the
 * Ermöglichungsquote and the mean FM staff of the caseload ratio, over a period's month
 * ends, for the selected jobcenters (case-level filters cannot narrow them).
 */
import type { Engine } from '../data/engine';
import { jobcenterWhere, type Ctx } from './context';
import { monthEndsSql, periodsCte } from './periods';
import type { Period } from './types';

export interface JobcenterStock {
	/** Null where the table has no eLb stock for the period's months. */
	elb: number | null;
	/** Null where the table has no FM staff for the period's months. */
	fte: number | null;
}

/** Per period; null without a stock table. */
export async function jobcenterStock(engine: Engine, ctx: Pick<Ctx, 'filters' | 'tables'>, periods: Period[]): Promise<JobcenterStock[] | null> {
	if (!ctx.tables.stock) return null;
	const p = periodsCte(periods);
	const j = jobcenterWhere(ctx.filters);
	// A month whose rows all lack a value sums to NULL, which avg passes over.
	const rows = await engine.query<{ i: number } & JobcenterStock>(
		`WITH ${p.sql}, ends AS (${monthEndsSql()}),
		per_month AS (SELECT s.month, sum(s.elb_stock) AS elb, sum(s.fm_staff_fte) AS fte FROM stock s WHERE ${j.sql} GROUP BY 1)
		SELECT ends.i, avg(m.elb)::DOUBLE AS elb, avg(m.fte ORDER BY ends.month)::DOUBLE AS fte FROM ends JOIN per_month m ON m.month = ends.month GROUP BY 1`,
		[...p.params, ...j.params]
	);
	return periods.map((_, i) => {
		const r = rows.find((x) => x.i === i);
		return { elb: r?.elb ?? null, fte: r?.fte ?? null };
	});
}

/**
 * The denominators that exist per jobcenter only (table `stock`): the mean eLb stock of the
 * Ermöglichungsquote and the mean FM staff of the caseload ratio, over a period's month
 * ends, for the selected jobcenters (case-level filters cannot narrow them).
 */
import type { Engine } from '../data/engine';
import { jobcenterWhere, type Ctx } from './context';
import { meanOrNull, monthEnds } from './period-math';
import type { Period } from './types';

export interface JobcenterStock {
	/** Null where the table has no eLb stock for the period's months. */
	elb: number | null;
	/** Null where the table has no FM staff for the period's months. */
	fte: number | null;
}

/** The eLb stock and the FM staff of a month (its first day, days since 1970-01-01), per group `g` when grouped. */
export interface StockMonth {
	g: string | null;
	m: number;
	/** NULL where every row of the month lacks a value. */
	elb: number | null;
	fte: number | null;
}

/**
 * The stock table's months for the selected jobcenters, summed over them (per group when a
 * group key over `stock s` and `jobcenters j` is given). Read once per selection: the
 * periods' arithmetic happens on these rows.
 */
export function stockMonths(engine: Engine, ctx: Pick<Ctx, 'filters'>, group: string | null = null): Promise<StockMonth[]> {
	const j = jobcenterWhere(ctx.filters);
	return engine.query<StockMonth>(
		`SELECT ${group ?? 'NULL'} AS g, CAST(s.month - DATE '1970-01-01' AS INTEGER) AS m, sum(s.elb_stock)::DOUBLE AS elb, sum(s.fm_staff_fte)::DOUBLE AS fte
		FROM stock s${group ? ' LEFT JOIN jobcenters j ON j.jobcenter_id = s.jobcenter_id' : ''} WHERE ${j.sql} GROUP BY 1, 2`,
		j.params
	);
}

/** Per period; null without a stock table. A month the table lacks, or lacks a value for, is passed over. */
export async function jobcenterStock(engine: Engine, ctx: Pick<Ctx, 'filters' | 'tables'>, periods: Period[]): Promise<JobcenterStock[] | null> {
	if (!ctx.tables.stock) return null;
	const byMonth = new Map((await stockMonths(engine, ctx)).map((r) => [r.m, r]));
	return periods.map((p) => {
		const months = monthEnds(p)
			.map((e) => byMonth.get(e.month))
			.filter((r): r is StockMonth => !!r);
		return { elb: meanOrNull(months.map((r) => r.elb)), fte: meanOrNull(months.map((r) => r.fte)) };
	});
}

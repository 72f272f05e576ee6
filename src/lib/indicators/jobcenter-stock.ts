/**
 * The denominators that exist per jobcenter only (table `stock`): the mean eLb stock of the
 * Ermöglichungsquote and the mean FM staff of the caseload ratio, over a period's month
 * ends, for the selected jobcenters (case-level filters cannot narrow them).
 */
import type { Engine } from '../data/engine';
import { JOBCENTER_FILTERS, jobcenterWhere, type Ctx } from './context';
import { cubeWhere, type CubeSource } from './cube';
import { EPOCH_DAY, type EventGroup } from './events';
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

/** The stock table as the page holds it: a month as days since 1970-01-01, like the SQL below. */
export const STOCK_TABLE = 'stock';
export const stockCube = (): CubeSource => ({ table: STOCK_TABLE, measures: ['elb_stock', 'fm_staff_fte'], columns: { month: EPOCH_DAY('month') } });

/**
 * The stock table's months for the selected jobcenters, summed over them (per group when a
 * group over the jobcenters is given: the jobcenter itself, or one of its attributes). Read
 * once per selection: the periods' arithmetic happens on these rows. From the page's copy of
 * the table where there is one (cube.ts; the table is small, a statement costs more than
 * adding its rows up), else by SQL.
 */
export async function stockMonths(engine: Engine, ctx: Pick<Ctx, 'filters' | 'cubes'>, group: EventGroup | null = null): Promise<StockMonth[]> {
	const cube = ctx.cubes?.get(STOCK_TABLE);
	if (cube) {
		// Only the jobcenter filters narrow the stock, as in jobcenterWhere; a cube answers each of them.
		const filters = Object.fromEntries(Object.entries(ctx.filters).filter(([f]) => f === 'jobcenter_id' || (JOBCENTER_FILTERS as readonly string[]).includes(f)));
		const where = cubeWhere(filters, ctx.cubes!)!;
		const stratum = group ? ctx.cubes!.stratum(group, 'g') : undefined;
		const rows = cube.select<{ g?: string; month: number; elb_stock: number | null; fm_staff_fte: number | null }>(where, ['month'], ['elb_stock', 'fm_staff_fte'], stratum);
		return rows.map((r) => ({ g: group ? r.g! : null, m: r.month, elb: r.elb_stock, fte: r.fm_staff_fte }));
	}
	const j = jobcenterWhere(ctx.filters);
	return engine.query<StockMonth>(
		`SELECT ${group?.sql ?? 'NULL'} AS g, ${EPOCH_DAY('s.month')} AS m, sum(s.elb_stock)::DOUBLE AS elb, sum(s.fm_staff_fte)::DOUBLE AS fte
		FROM stock s${group ? ' LEFT JOIN jobcenters j ON j.jobcenter_id = s.jobcenter_id' : ''} WHERE ${j.sql} GROUP BY 1, 2`,
		j.params
	);
}

/** Per period; null without a stock table. A month the table lacks, or lacks a value for, is passed over. */
export async function jobcenterStock(engine: Engine, ctx: Pick<Ctx, 'filters' | 'tables' | 'cubes'>, periods: Period[]): Promise<JobcenterStock[] | null> {
	if (!ctx.tables.stock) return null;
	const byMonth = new Map((await stockMonths(engine, ctx)).map((r) => [r.m, r]));
	return periods.map((p) => {
		const months = monthEnds(p)
			.map((e) => byMonth.get(e.month))
			.filter((r): r is StockMonth => !!r);
		return { elb: meanOrNull(months.map((r) => r.elb)), fte: meanOrNull(months.map((r) => r.fte)) };
	});
}

/**
 * Flow and stock (seed 000, 001, 004: "Umfang und Reichweite"): entries, exits, the
 * month-end stock at the end of the period and its average over the period's months.
 * The exits by reason (outcomes.ts) and the Kontaktdichte's sums (care.ts) are read from
 * the same entry and exit relations, read once for all periods.
 */
import { EXIT_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import { contactSums, type ContactSums } from './care';
import { jobcenterLevel, type Ctx } from './context';
import { eventRows, type EventRow } from './events';
import { Stock, dayOf, monthEnds, plusOrNull, sumIn } from './period-math';
import { isSmallCount } from './suppression';
import type { Flow, Period } from './types';

export interface FlowRaw {
	entries: number;
	exits: number;
	stock_end: number;
	stock_avg: number;
}

export interface PeriodFlow {
	flow: FlowRaw;
	/** Exits in the period by exit reason (every code of the contract, 0 where none). */
	exitCounts: Record<string, number>;
	contacts: ContactSums;
}

/** Exits in [from, to] per exit reason, with the Kontaktdichte's sums (NULL where all are). */
export function exitsIn(exits: readonly EventRow[], from: number, to: number) {
	const by = new Map<string, { n: number; ka_n: number | null; ka_appts: number | null; ka_days: number | null }>();
	for (const x of exits) {
		if (x.d < from || x.d > to) continue;
		const code = x.exit_reason as string;
		const r = by.get(code) ?? { n: 0, ka_n: null, ka_appts: null, ka_days: null };
		r.n += x.n;
		r.ka_n = plusOrNull(r.ka_n, x.ka_n as number | null);
		r.ka_appts = plusOrNull(r.ka_appts, x.ka_appts as number | null);
		r.ka_days = plusOrNull(r.ka_days, x.ka_days as number | null);
		by.set(code, r);
	}
	return by;
}

/**
 * Per period: entries and exits in it, the stock at its end and its mean over the month ends
 * (see monthEnds; a period whose `from` lies after its `to` has none: 0).
 */
export async function periodFlows(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'cubes'>,
	periods: Period[]
): Promise<PeriodFlow[]> {
	const ev = await eventRows(engine, ctx, ['e_entry', 'e_exit'], periods);
	const stock = new Stock(ev.e_entry!, ev.e_exit!);
	return periods.map((p) => {
		const from = dayOf(p.from);
		const to = dayOf(p.to);
		const ends = monthEnds(p);
		const exits = exitsIn(ev.e_exit!, from, to);
		const exitCounts: Record<string, number> = Object.fromEntries(EXIT_REASONS.map((c) => [c, 0]));
		for (const [code, x] of exits) exitCounts[code] = (exitCounts[code] ?? 0) + x.n;
		return {
			flow: {
				entries: sumIn(ev.e_entry!, from, to),
				exits: [...exits.values()].reduce((a, x) => a + x.n, 0),
				stock_end: stock.at(to),
				stock_avg: ends.length ? ends.reduce((a, m) => a + stock.at(m.e), 0) / ends.length : 0
			},
			exitCounts,
			contacts: contactSums([...exits.values()])
		};
	});
}

/**
 * The flow of all cases of the selected jobcenters (the stock the caseload ratio divides:
 * the staff serve every case). Without case-level filters that is `flows` itself.
 */
export async function jobcenterFlows(
	engine: Engine,
	ctx: Pick<Ctx, 'filters' | 'aggregates' | 'cubes'>,
	periods: Period[],
	flows: PeriodFlow[]
): Promise<PeriodFlow[]> {
	const filters = jobcenterLevel(ctx.filters);
	const narrowed = Object.values(ctx.filters).filter((v) => v?.length).length > Object.keys(filters).length;
	return narrowed ? periodFlows(engine, { ...ctx, filters }, periods) : flows;
}

export function flowReport(raw: FlowRaw, ctx: Pick<Ctx, 'k'>): Flow {
	const k = ctx.k;
	const s = {
		entries: isSmallCount(raw.entries, k),
		exits: isSmallCount(raw.exits, k),
		stock_end: isSmallCount(raw.stock_end, k),
		stock_avg: raw.stock_avg > 0 && raw.stock_avg < k
	};
	return {
		entries: s.entries ? null : raw.entries,
		exits: s.exits ? null : raw.exits,
		stock_end: s.stock_end ? null : raw.stock_end,
		stock_avg: s.stock_avg ? null : raw.stock_avg,
		suppressed: s
	};
}

/**
 * Milestones of the counselling process (seed 001, NRW paper: the small steps before
 * integration), in the process order of the contract. Per milestone: how many of the
 * selected cases reached it, and the median time from entry to it by Kaplan–Meier, so
 * cases still on the way (censored at their exit or the Stichtag) are not counted as
 * never reaching it.
 *
 * Only the first date of a milestone per case counts, and only while in care: a date after
 * the exit or the Stichtag did not happen within this episode. A date before the entry
 * (recorded at the referral) counts as reached on day 0.
 */
import { EXIT_REASONS, MILESTONE_CODES } from '../data/contract';
import type { Engine } from '../data/engine';
import { kaplanMeier, kmMedian } from '../stats/km';
import type { Ctx, Filters } from './context';
import { isRateSuppressed, isSmallCount } from './suppression';
import { followUpCutoff } from './survival-summary';
import { populationFrom } from './time-in-care';

export interface MilestoneRow {
	code: string;
	cases: number | null;
	share: number | null;
	median_days: number | null;
	suppressed: boolean;
	/** Exit reason → share of the cases that exited with it and had reached this milestone before. */
	before_exit: Record<string, number | null>;
}

interface MilestoneCount {
	code: string;
	t: number;
	reached: boolean;
	n: number;
}

const FIRST_REACHED = `
	sel AS (SELECT c.case_id, c.entry_date, c.exit_reason,
		CASE WHEN c.exit_date IS NOT NULL AND c.exit_date <= ?::DATE THEN c.exit_date ELSE ?::DATE END AS end_date,
		c.exit_date IS NOT NULL AND c.exit_date <= ?::DATE AS exited
		FROM (SELECT c.* {from}) c),
	first AS (SELECT m.case_id, m.milestone AS code, min(m.date) AS date FROM milestones m
		JOIN sel s ON s.case_id = m.case_id WHERE m.date <= s.end_date GROUP BY 1, 2),
	codes AS (SELECT DISTINCT milestone AS code FROM milestones)`;

export async function milestones(engine: Engine, filters: Filters, stichtag: string, k: number): Promise<MilestoneRow[]> {
	const from = populationFrom(filters, stichtag);
	const withSql = FIRST_REACHED.replace('{from}', from.sql);
	const params = [stichtag, stichtag, stichtag, ...from.params];
	const counts = await engine.query<MilestoneCount>(
		`WITH ${withSql}
		 SELECT codes.code, (f.date IS NOT NULL) AS reached,
			greatest(0, date_diff('day', s.entry_date, coalesce(f.date, s.end_date)))::INTEGER AS t, count(*)::INTEGER AS n
		 FROM sel s CROSS JOIN codes LEFT JOIN first f ON f.case_id = s.case_id AND f.code = codes.code
		 GROUP BY 1, 2, 3`,
		params
	);
	const byExit = await engine.query<{ code: string; reason: string; n: number }>(
		`WITH ${withSql}
		 SELECT f.code, coalesce(s.exit_reason, 'sonstiges') AS reason, count(*)::INTEGER AS n
		 FROM sel s JOIN first f ON f.case_id = s.case_id WHERE s.exited GROUP BY 1, 2`,
		params
	);
	const exited = await engine.query<{ reason: string; n: number }>(
		`SELECT coalesce(c.exit_reason, 'sonstiges') AS reason, count(*)::INTEGER AS n ${from.sql} AND c.exit_date <= ?::DATE GROUP BY 1`,
		[...from.params, stichtag]
	);
	const seen = [...new Set(counts.map((r) => r.code))];
	const codes = [...MILESTONE_CODES.filter((c) => seen.includes(c)), ...seen.filter((c) => !(MILESTONE_CODES as readonly string[]).includes(c)).sort()];
	return codes.map((code) => {
		const mine = counts.filter((r) => r.code === code);
		const rows = mine.map((r) => ({ t: r.t, events: r.reached ? r.n : 0, censored: r.reached ? 0 : r.n }));
		// Every selected case has one row per milestone code: reached, or censored.
		const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
		const reached = rows.reduce((s, r) => s + r.events, 0);
		const suppressed = isRateSuppressed(reached, n, k);
		const cutoff = followUpCutoff(rows, k);
		const median = suppressed || cutoff === null ? null : kmMedian(kaplanMeier(rows)).median;
		const before_exit: Record<string, number | null> = {};
		for (const reason of EXIT_REASONS) {
			const denominator = exited.find((r) => r.reason === reason)?.n ?? 0;
			const numerator = byExit.find((r) => r.reason === reason && r.code === code)?.n ?? 0;
			before_exit[reason] = isRateSuppressed(numerator, denominator, k) || denominator === 0 ? null : numerator / denominator;
		}
		return {
			code,
			cases: isSmallCount(reached, k) ? null : reached,
			share: suppressed || n === 0 ? null : reached / n,
			median_days: median !== null && cutoff !== null && median <= cutoff ? median : null,
			suppressed,
			before_exit
		};
	});
}

export function milestonesReport(engine: Engine, ctx: Ctx): Promise<MilestoneRow[]> {
	return milestones(engine, ctx.filters, ctx.stichtag, ctx.k);
}

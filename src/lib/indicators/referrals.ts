/**
 * Referral reasons (seed 001: the tick boxes of the Zusteuerung). A case may have several,
 * so shares are per case and do not add up to 100 %. The cross-tab shows, per referral
 * reason, the exit reasons of the cases that exited in the period.
 */
import { EXIT_REASONS, REFERRAL_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { eventRows } from './events';
import { Stock, dayOf, groupRows, sumIn } from './period-math';
import { shareOf } from './outcomes';
import { isSmallCount, suppressDistribution } from './suppression';

export interface ReferralRow {
	code: string;
	/** Cases in care at some time in the period with this referral reason. */
	count: number | null;
	share: number | null;
	suppressed: boolean;
	/** Exit reason → count among this reason's exits in the period (null where < k). */
	exits: Record<string, number | null>;
	exits_total: number | null;
}

export async function referralReasons(engine: Engine, ctx: Ctx): Promise<ReferralRow[] | null> {
	const [{ any }] = await engine.query<{ any: number }>('SELECT count(*)::INTEGER AS any FROM case_referrals');
	if (!any) return null;
	const from = dayOf(ctx.period.from);
	const to = dayOf(ctx.period.to);
	// All cases in care, those per reason, and the exits per reason and exit reason.
	const ev = await eventRows(engine, ctx, ['e_entry', 'e_exit', 'e_ref_entry', 'e_ref_exit'], [ctx.period]);
	const n = new Stock(ev.e_entry!, ev.e_exit!).during(from, to);
	const refEntries = groupRows(ev.e_ref_entry!, (r) => r.reason as string);
	const refExits = groupRows(ev.e_ref_exit!, (r) => r.reason as string);
	const count = (code: string) => new Stock(refEntries.get(code) ?? [], refExits.get(code) ?? []).during(from, to);
	const crossOf = (code: string, exitReason: string) => sumIn((refExits.get(code) ?? []).filter((x) => x.exit_reason === exitReason), from, to);
	const k = ctx.k;
	return REFERRAL_REASONS.map((code) => {
		const c = count(code);
		const s = shareOf(c, n, k);
		const values = EXIT_REASONS.map((e) => crossOf(code, e));
		const total = values.reduce((a, b) => a + b, 0);
		const hidden = suppressDistribution(values, k);
		const exits: Record<string, number | null> = {};
		EXIT_REASONS.forEach((e, i) => (exits[e] = hidden[i] ? null : values[i]));
		return {
			code,
			count: isSmallCount(c, k) ? null : c,
			share: s.value,
			suppressed: isSmallCount(c, k),
			exits,
			exits_total: isSmallCount(total, k) ? null : total
		};
	});
}

/**
 * Referral reasons (seed 001: the tick boxes of the Zusteuerung). A case may have several,
 * so shares are per case and do not add up to 100 %. The cross-tab shows, per referral
 * reason, the exit reasons of the cases that exited in the period.
 */
import { EXIT_REASONS, REFERRAL_REASONS } from '../data/contract';
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { eventsCte, inCareSql } from './events';
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
	const { from, to } = ctx.period;
	// All cases in care, those per reason, and the exits per reason and exit reason: one statement.
	const ev = await eventsCte(engine, ctx, ['e_entry', 'e_exit', 'e_ref_entry', 'e_ref_exit'], [ctx.period]);
	const rows = await engine.query<{ kind: 'all' | 'reason' | 'exits'; code: string | null; exit_reason: string | null; n: number }>(
		`WITH ${ev.sql}
		SELECT 'all' AS kind, NULL AS code, NULL AS exit_reason, n FROM (WITH ${inCareSql('e_entry', 'e_exit')})
		UNION ALL SELECT 'reason', reason, NULL, n FROM (WITH ${inCareSql('e_ref_entry', 'e_ref_exit', 'reason')})
		UNION ALL SELECT 'exits', reason, exit_reason, sum(n)::INTEGER FROM e_ref_exit WHERE d BETWEEN ?::DATE AND ?::DATE GROUP BY 2, 3`,
		[...ev.params, to, from, to, from, from, to]
	);
	const n = rows.find((r) => r.kind === 'all')!.n;
	const counts = rows.filter((r) => r.kind === 'reason');
	const cross = rows.filter((r) => r.kind === 'exits');
	const k = ctx.k;
	return REFERRAL_REASONS.map((code) => {
		const c = counts.find((x) => x.code === code)?.n ?? 0;
		const s = shareOf(c, n, k);
		const values = EXIT_REASONS.map((e) => cross.find((x) => x.code === code && x.exit_reason === e)?.n ?? 0);
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

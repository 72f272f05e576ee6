/**
 * Milestones of the counselling process (seed 001): each case reaches a prefix of the
 * ordered codes, at strictly increasing dates within its care. Integrations and hand-backs
 * for placement reach more of them, and longer care reaches more.
 */
import { MILESTONES, type ExitReason, type ProgramKind } from './config';
import { DAYS_PER_MONTH, type Day } from './dates';
import type { Rng } from './random';
import type { Row, MILESTONES_TABLE } from './tables';

export type MilestoneRow = Row<typeof MILESTONES_TABLE>;

const PROGRESS_BASE: Record<ExitReason | 'in_care', number> = {
	arbeit_ausbildung: 3.6,
	ruecksteuerung_vermittlung: 4.2,
	ruecksteuerung: 1.4,
	reha: 3.0,
	erwerbsunfaehigkeit: 2.4,
	ende_leistungsbezug: 0.9,
	sonstiges: 0.8,
	in_care: 1.0
};

function milestonesReached(rng: Rng, reason: ExitReason | null, kind: ProgramKind, careDays: number): number {
	const score =
		PROGRESS_BASE[reason ?? 'in_care'] +
		(careDays / DAYS_PER_MONTH) * 0.12 +
		(kind === 'rehapro' ? 0.7 : 0) +
		rng.normal() * 1.1;
	return Math.max(0, Math.min(MILESTONES.length, Math.round(score), careDays));
}

/** k strictly increasing day offsets in [1, span]. */
function offsets(rng: Rng, k: number, span: number): number[] {
	const gaps = Array.from({ length: k + 1 }, (_, i) => rng.exponential(1) + (i === 0 ? 0.3 : 0.15));
	const total = gaps.reduce((a, b) => a + b, 0);
	const out: number[] = [];
	let cum = 0;
	for (let i = 0; i < k; i++) {
		cum += gaps[i];
		out.push(Math.max(1, Math.floor((span * cum) / total)));
	}
	for (let i = 1; i < k; i++) out[i] = Math.max(out[i], out[i - 1] + 1);
	for (let i = k - 1; i >= 0; i--) out[i] = Math.min(out[i], span - (k - 1 - i));
	return out;
}

export function drawMilestones(
	rng: Rng,
	caseId: string,
	entry: Day,
	careEnd: Day,
	reason: ExitReason | null,
	kind: ProgramKind
): MilestoneRow[] {
	const span = careEnd - entry;
	const k = milestonesReached(rng, reason, kind, span);
	return offsets(rng, k, span).map((offset, i) => ({ case_id: caseId, milestone: MILESTONES[i], date: entry + offset }));
}

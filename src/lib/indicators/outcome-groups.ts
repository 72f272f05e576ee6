/**
 * The extended notion of success (seed 001: a clarified perspective is a success too):
 * exit reasons grouped into outcome groups. The grouping is the user's to edit; the counts,
 * shares and intervals come from the same arithmetic as the exit reasons.
 */
import { EXIT_REASONS } from '../data/contract';
import { exitReasonsReport } from './outcomes';
import type { ExitReasonRow } from './types';

export const OUTCOME_GROUPS = ['integration', 'prozessfaehigkeit', 'klaerung', 'ohne_fortschritt', 'extern', 'sonstiges'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

export const DEFAULT_OUTCOME_GROUPS: Record<string, OutcomeGroup> = {
	arbeit_ausbildung: 'integration',
	ruecksteuerung_vermittlung: 'prozessfaehigkeit',
	reha: 'klaerung',
	erwerbsunfaehigkeit: 'klaerung',
	ruecksteuerung: 'ohne_fortschritt',
	ende_leistungsbezug: 'extern',
	sonstiges: 'sonstiges'
};

export function outcomeGroups(
	counts: Record<string, number>,
	k: number,
	grouping: Record<string, string> = DEFAULT_OUTCOME_GROUPS
): ExitReasonRow[] {
	const grouped: Record<string, number> = Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0]));
	for (const code of EXIT_REASONS) {
		const g = (OUTCOME_GROUPS as readonly string[]).includes(grouping[code]) ? grouping[code] : DEFAULT_OUTCOME_GROUPS[code];
		grouped[g] += counts[code] ?? 0;
	}
	return exitReasonsReport(grouped, k, OUTCOME_GROUPS);
}

/**
 * Which parts of the report each view shows (by its route's first segment; '' is the
 * Übersicht): only those are computed. Any other route gets every part.
 */
import type { ReportSection } from '../indicators/report';

export const VIEW_SECTIONS: Record<string, readonly ReportSection[]> = {
	'': ['period', 'series', 'referrals'],
	// The durations do not depend on the period: these views show no period indicator.
	verlaeufe: ['durations'],
	kohorten: ['durations'],
	// The period indicators and the time in care are the reference lines of the comparison.
	regionen: ['period', 'groups', 'verweildauer']
};

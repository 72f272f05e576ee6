/** The charts that can become slides, with the message key of their title. */
import type { MessageKey } from '../i18n';

export const SLIDE_CHARTS: { id: string; title: MessageKey }[] = [
	{ id: 'exit_reasons', title: 'exit.title' },
	{ id: 'outcome_groups', title: 'success.title' },
	{ id: 'bf_change', title: 'change.title' },
	{ id: 'teilhabe_change', title: 'change.titleTeilhabe' },
	{ id: 'series', title: 'series.title' },
	{ id: 'referral', title: 'referral.title' },
	{ id: 'km', title: 'km.title' },
	{ id: 'cif', title: 'cif.title' },
	{ id: 'zd', title: 'zd.title' },
	{ id: 'dot', title: 'reg.slide.dot' },
	{ id: 'funnel', title: 'reg.slide.funnel' }
];

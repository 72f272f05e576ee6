/**
 * The shareable part of the state (never any data): view settings that round-trip through
 * the URL's query string.
 */
import { FILTER_NAMES, type FilterName, type Filters } from '../indicators/context';
import type { Lang } from '../i18n/format';

export interface ViewState {
	lang: Lang;
	k: number;
	from: string | null;
	to: string | null;
	filters: Filters;
	/** Grouping of the regional comparison. */
	group: string | null;
	/** "Mein Jobcenter": the group highlighted in the regional comparison. */
	mine: string | null;
}

export const DEFAULT_VIEW: ViewState = { lang: 'de', k: 5, from: null, to: null, filters: {}, group: null, mine: null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toQuery(s: ViewState): string {
	const q = new URLSearchParams();
	if (s.lang !== 'de') q.set('lang', s.lang);
	if (s.k !== 5) q.set('k', String(s.k));
	if (s.from) q.set('from', s.from);
	if (s.to) q.set('to', s.to);
	if (s.group) q.set('group', s.group);
	if (s.mine) q.set('mine', s.mine);
	for (const name of FILTER_NAMES) for (const v of s.filters[name] ?? []) q.append(`f.${name}`, v);
	return q.toString();
}

export function fromQuery(query: string): ViewState {
	const q = new URLSearchParams(query);
	const k = Number(q.get('k'));
	const filters: Filters = {};
	for (const name of FILTER_NAMES) {
		const values = q.getAll(`f.${name}`);
		if (values.length) filters[name as FilterName] = values;
	}
	const date = (v: string | null) => (v && DATE.test(v) ? v : null);
	return {
		lang: q.get('lang') === 'en' ? 'en' : 'de',
		k: Number.isInteger(k) && k >= 1 ? k : 5,
		from: date(q.get('from')),
		to: date(q.get('to')),
		filters,
		group: q.get('group'),
		mine: q.get('mine')
	};
}

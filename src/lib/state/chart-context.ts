/**
 * The context a chart carries when it leaves the screen (export, slide, print): period and
 * filters as subtitle; source, Stichtag, the confidentiality rule and the definition as
 * footnote. Built from the same state the views use.
 */
import type { Dataset } from '../data/loader';
import { formatDate, type Lang } from '../i18n/format';
import type { MessageKey } from '../i18n';
import type { Filters } from '../indicators/context';
import type { Period } from '../indicators/types';

export interface ChartContextInput {
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
	lang: Lang;
	period: Period;
	filters: Filters;
	k: number;
	isDemo: boolean;
	dataset: Dataset | null;
	filterLabel: (name: string, value: string) => string;
}

export function subtitle(c: ChartContextInput): string {
	const period = c.t('overview.period', { from: formatDate(c.period.from, c.lang), to: formatDate(c.period.to, c.lang) });
	const list = Object.entries(c.filters)
		.filter(([, v]) => v?.length)
		.map(([name, values]) => `${c.t(`filter.${name}` as MessageKey)}: ${(values ?? []).map((v) => c.filterLabel(name, v)).join(', ')}`);
	return `${period} · ${list.length ? c.t('meta.filters', { list: list.join('; ') }) : c.t('meta.noFilters')}`;
}

export function footnote(c: ChartContextInput, definition?: string): string[] {
	const files = c.dataset?.load.files.filter((f) => !f.error).map((f) => f.file).join(', ') ?? '';
	const source = c.isDemo ? c.t('meta.source.demo') : c.t('meta.source.files', { files });
	const date = c.dataset?.stichtag ? c.t('meta.stichtag', { date: formatDate(c.dataset.stichtag.date, c.lang) }) : '';
	const rule = c.k > 1 ? c.t('meta.k', { k: c.k }) : c.t('meta.kOff');
	const lines = [[source, date].filter(Boolean).join(' · '), rule];
	if (definition) lines.push(c.t('meta.definition', { text: definition }));
	return lines;
}

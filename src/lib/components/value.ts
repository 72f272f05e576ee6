/**
 * What a displayed indicator value shows and carries, in one place: Value.svelte uses it, and
 * so do the large table alternatives that write their cells as plain elements (a component
 * per cell cost the Regionen's monthly panels a few hundred components per change).
 */
import { formatInt, formatNumber, formatPercent, type Lang } from '$lib/i18n/format';

export type ValueFormat = 'int' | 'percent' | 'number' | 'ratio';

/** The text of a value that is not suppressed ('–' when there is none). */
export function valueText(value: number | null | undefined, format: ValueFormat, lang: Lang, digits = 1): string {
	if (value === null || value === undefined) return '–';
	if (format === 'percent') return formatPercent(value, lang, digits);
	if (format === 'number') return formatNumber(value, lang, digits);
	if (format === 'ratio') return `1 : ${formatNumber(value, lang, 0)}`;
	return formatInt(value, lang);
}

/** The raw number for `data-value`: empty when suppressed or missing. */
export function dataValue(value: number | null | undefined, suppressed = false): string {
	return suppressed || value === null || value === undefined ? '' : String(value);
}

/**
 * The one-sentence summary of a Kaplan–Meier curve: "Die Hälfte der Fälle ist nach 14,2
 * Monaten beendet (95 %-KI …)". Shared by the Verläufe view and the A/B comparison.
 */
import { formatMonths, type Lang } from '$lib/i18n/format';
import type { MessageKey } from '$lib/i18n';
import type { SurvivalSummary } from '$lib/indicators/survival-summary';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function medianSentence(s: SurvivalSummary, lang: Lang, t: Translate): string {
	if (s.suppressed) return t('km.tooFew');
	if (s.median_days === null) return t('km.summaryNone');
	const months = (d: number | null) => (d === null ? t('km.notReached') : formatMonths(d, lang));
	return t('km.summary', { median: months(s.median_days), low: months(s.median_ci[0]), high: months(s.median_ci[1]) });
}

/** Translation with {placeholders}; reason codes like `missing_value:entry_date` get their column named. */
import { CATALOGS, type MessageKey } from './messages';
import type { Lang } from './format';

export type { Lang } from './format';
export type { MessageKey } from './messages';

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
	const text: string = CATALOGS[lang][key] ?? CATALOGS.de[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (_, p: string) => (p in params ? String(params[p]) : `{${p}}`));
}

/** `missing_value:entry_date` → "Pflichtwert fehlt (entry_date)". */
export function describeCode(lang: Lang, prefix: 'reason' | 'warning', code: string): string {
	const [kind, column] = code.split(':');
	const key = `${prefix}.${kind}` as MessageKey;
	if (!(key in CATALOGS.de)) return code;
	return translate(lang, key, { column: column ?? '' });
}

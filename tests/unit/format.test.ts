import { describe, expect, it } from 'vitest';
import { formatDate, formatInt, formatNumber, formatPercent, formatPoints } from '../../src/lib/i18n/format';

// de-DE first (14,1 %, 31.12.2024, 1.234), English as en-GB; ICU puts a no-break space before % in German.
const NBSP = '\u00a0';

describe('number and date formats', () => {
	it('writes German and English numbers, percents and points', () => {
		expect(formatInt(1234567, 'de')).toBe('1.234.567');
		expect(formatInt(1234567, 'en')).toBe('1,234,567');
		expect(formatNumber(2.25, 'de')).toBe('2,3');
		expect(formatNumber(1234.5, 'de', 2)).toBe('1.234,50');
		expect(formatPercent(0.1412, 'de')).toBe(`14,1${NBSP}%`);
		expect(formatPercent(0.1412, 'en')).toBe('14.1%');
		expect(formatPoints(0.012, 'de')).toBe('+1,2 Pp.');
		expect(formatPoints(-0.012, 'en')).toBe('-1.2 pp');
		expect(formatPoints(0, 'de')).toBe('0,0 Pp.');
		expect(formatDate('2024-12-31', 'de')).toBe('31.12.2024');
		expect(formatDate('2024-12-31', 'en')).toBe('31/12/2024');
	});

	it('keeps a formatter per language, kind and number of digits', () => {
		// Each call after another kind, language or precision: a formatter found under too short a name would be the earlier one.
		expect(formatPercent(0.1412, 'de', 1)).toBe(`14,1${NBSP}%`);
		expect(formatPercent(0.1412, 'de', 0)).toBe(`14${NBSP}%`);
		expect(formatPercent(0.1412, 'de', 2)).toBe(`14,12${NBSP}%`);
		expect(formatPercent(0.1412, 'en', 0)).toBe('14%');
		expect(formatNumber(0.5, 'de', 0)).toBe('1');
		expect(formatNumber(0.5, 'de', 1)).toBe('0,5');
		expect(formatInt(0.5, 'de')).toBe('1');
	});
});

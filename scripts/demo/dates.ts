/**
 * Calendar dates as whole days since 1970-01-01 (UTC): no time zones, no Date objects in the
 * hot loop. Parquet's DATE type stores exactly this number.
 */

export type Day = number;

/** Days since the epoch of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): Day {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

export interface Civil {
	year: number;
	month: number;
	day: number;
}

export function civilFromDay(z0: Day): Civil {
	const z = z0 + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

export function isoDate(day: Day): string {
	const { year, month, day: d } = civilFromDay(day);
	return `${year}-${pad2(month)}-${pad2(d)}`;
}

/** Parses a strict `YYYY-MM-DD` that names a real calendar day, else null. */
export function parseIsoDate(text: string): Day | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const result = dayFromCivil(year, month, day);
	const back = civilFromDay(result);
	return back.month === month && back.day === day ? result : null;
}

/** Month index: year * 12 + (month - 1). */
export type MonthIndex = number;

export function monthOf(day: Day): MonthIndex {
	const { year, month } = civilFromDay(day);
	return year * 12 + month - 1;
}

export function firstDayOfMonth(m: MonthIndex): Day {
	return dayFromCivil(Math.floor(m / 12), (m % 12) + 1, 1);
}

export function lastDayOfMonth(m: MonthIndex): Day {
	return firstDayOfMonth(m + 1) - 1;
}

export function monthLabel(m: MonthIndex): string {
	return `${Math.floor(m / 12)}-${pad2((m % 12) + 1)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
	return (((day + 4) % 7) + 7) % 7;
}

/** Fixed-date public holidays in every Land: New Year, 1 May, 3 October, Christmas. */
const FIXED_HOLIDAYS = new Set(['1-1', '5-1', '10-3', '12-25', '12-26']);

/** Not a Saturday, Sunday or fixed-date public holiday. */
export function isWorkday(day: Day): boolean {
	const w = weekday(day);
	if (w === 0 || w === 6) return false;
	const { month, day: d } = civilFromDay(day);
	return !FIXED_HOLIDAYS.has(`${month}-${d}`);
}

/** The day itself if it is a working day, else the next one: appointments happen on working days. */
export function nextWorkday(day: Day): Day {
	while (!isWorkday(day)) day++;
	return day;
}

/** The day itself if it is a working day, else the one before. */
export function previousWorkday(day: Day): Day {
	while (!isWorkday(day)) day--;
	return day;
}

export const DAYS_PER_MONTH = 30.4375;

/**
 * Reads the AML fixture (tests/fixtures/aml) as the app would see it: cases with
 * entry/exit dates. Time = exit − entry in days, or censored at the Stichtag.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtureDir = fileURLToPath(new URL('../../fixtures/aml/', import.meta.url));

export interface AmlCase {
	time: number;
	reason: string | null; // null = still in care (censored)
}

function parseCsv(name: string): Record<string, string>[] {
	const [header, ...lines] = readFileSync(fixtureDir + name, 'utf8').trim().split(/\r?\n/);
	const columns = header.split(',');
	return lines.map((line) => {
		const cells = line.split(',');
		return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
	});
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

export function loadAmlCases(): AmlCase[] {
	const stichtag = parseCsv('meta.csv').find((row) => row.key === 'stichtag')!.value;
	return parseCsv('cases.csv').map((row) => ({
		time: dayNumber(row.exit_date || stichtag) - dayNumber(row.entry_date),
		reason: row.exit_date ? row.exit_reason : null
	}));
}

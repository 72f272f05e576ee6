import type { Cell } from './csv';

/** A value for an exported table: suppressed cells say "< k", never the value. */
export function cellText(value: number | null | undefined, suppressed: boolean, k: number): Cell {
	if (suppressed) return `< ${k}`;
	return value ?? null;
}

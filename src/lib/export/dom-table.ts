/**
 * A chart's table alternative as CSV rows. A cell that shows an indicator value carries its
 * raw number in `data-value` (empty when suppressed); that number is exported, not the
 * formatted text, so the CSV equals the screen's data-values. Suppressed cells export their
 * visible text ("< k").
 */
import type { Cell } from './csv';

function cellOf(td: Element): Cell {
	const values = td.querySelectorAll('[data-value]');
	if (values.length === 1) {
		const raw = values[0].getAttribute('data-value') ?? '';
		const n = Number(raw);
		if (raw !== '' && Number.isFinite(n)) return n;
	}
	return (td.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function tableFromDom(table: HTMLTableElement | null): { header: string[]; rows: Cell[][] } {
	if (!table) return { header: [], rows: [] };
	const header = Array.from(table.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim());
	const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map(cellOf));
	return { header, rows };
}

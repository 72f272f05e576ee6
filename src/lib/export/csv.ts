/**
 * CSV in the dialect German Excel opens correctly: UTF-8 with BOM, `;`, decimal comma,
 * DD.MM.YYYY. Cells that a spreadsheet would run as a formula are neutralised.
 */
export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
	if (v === null || v === undefined) return '';
	let s = typeof v === 'number' ? String(v).replace('.', ',') : v;
	if (typeof v === 'string' && FORMULA_START.test(s)) s = "'" + s;
	if (/[";\n\r]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
	return s;
}

export function toGermanCsv(header: string[], rows: Cell[][]): string {
	const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function download(name: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

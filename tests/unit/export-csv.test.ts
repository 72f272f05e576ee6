/** The German Excel CSV dialect of every export: BOM, `;`, decimal comma, formula neutralisation. */
import { describe, expect, it } from 'vitest';
import { csvCell, toGermanCsv } from '../../src/lib/export/csv';

describe('German Excel CSV', () => {
	it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
		expect(toGermanCsv(['Grund', 'Anzahl'], [['Reha', 9], ['Rücksteuerung', 139]])).toBe('\uFEFFGrund;Anzahl\r\nReha;9\r\nRücksteuerung;139\r\n');
	});

	it('writes decimal commas and leaves empty cells for null', () => {
		expect(csvCell(0.1412)).toBe('0,1412');
		expect(csvCell(-2.5)).toBe('-2,5');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});

	it('quotes cells with separators, quotes or line breaks', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('Jobcenter "Mitte"')).toBe('"Jobcenter ""Mitte"""');
		expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
	});

	it('neutralises text that a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvCell('+49 30')).toBe("'+49 30");
		expect(csvCell('-1+1')).toBe("'-1+1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tTab')).toBe("'\tTab");
		expect(csvCell('\rCR')).toBe('"\'\rCR"');
		// Numbers are numbers, not formulas.
		expect(csvCell(-3)).toBe('-3');
	});

	it('writes suppressed cells as "< k", never the value', () => {
		expect(toGermanCsv(['Anzahl'], [['< 5']])).toBe('\uFEFFAnzahl\r\n< 5\r\n');
	});
});

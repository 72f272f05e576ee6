/**
 * DATA.md "Validation: nothing is lost, nothing is silent": every rejection reason and
 * every warning with its own small file, the ledger of every file, and the value formats
 * real exports use (dates, booleans, German numbers, ages, referral flags).
 */
import { describe, expect, it } from 'vitest';
import { MACROS_SQL } from '../../src/lib/data/macros';
import { isoDateSql } from '../../src/lib/data/read';
import { typedDate } from '../../src/lib/data/validate';
import { balanced, countBy, file, load, rejectedRows, useEngine } from './helpers';

const HEAD = 'case_id;jobcenter_id;entry_date;exit_date;exit_reason;employability_entry';

describe('validation', () => {
	const engine = useEngine();

	/** Loads one cases file and returns its report after checking the ledger. */
	async function cases(body: string, extra: Parameters<typeof file>[] = []) {
		const ds = await load(engine(), [file('cases.csv', `${HEAD}\n${body}`), ...extra.map((f) => file(...f))]);
		const r = ds.load.files[0];
		expect(r.error).toBeNull();
		expect(r.table).toBe('cases');
		expect(balanced(r)).toBe(true);
		return { ds, r };
	}

	it.each([
		['case_id', ';JC1;2023-01-01;;;'],
		['entry_date', 'A2;JC1;;;;'],
		['entry_date', 'A2;JC1;  ;;;'],
		['jobcenter_id', 'A2;;2023-01-01;;;']
	])('rejects a missing %s', async (column, row) => {
		const { r } = await cases(`A1;JC1;2023-01-01;;;\n${row}`);
		expect([r.rows, r.accepted, r.rejected]).toEqual([2, 1, 1]);
		expect(r.rejected_reasons).toEqual({ [`missing_value:${column}`]: 1 });
		const rej = await rejectedRows(engine());
		expect(rej.map((x) => [x.rec, x.reason])).toEqual([[2, `missing_value:${column}`]]);
	});

	it('rejects dates that cannot be parsed and keeps the raw value', async () => {
		const { r } = await cases('A1;JC1;31.02.2023;;;\nA2;JC1;gestern;;;\nA3;JC1;2023-01-01;2023-13-01;x;\nA4;JC1;2023-01-01;;;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([4, 1, 3]);
		expect(r.rejected_reasons).toEqual({ 'invalid_date:entry_date': 2, 'invalid_date:exit_date': 1 });
		const rej = await rejectedRows(engine());
		expect(rej.map((x) => [x.rec, x.reason])).toEqual([
			[1, 'invalid_date:entry_date'],
			[2, 'invalid_date:entry_date'],
			[3, 'invalid_date:exit_date']
		]);
		expect(rej[0].raw).toContain('31.02.2023');
		expect(rej[1].raw).toContain('gestern');
	});

	it('rejects an exit before the entry, but not an exit on the entry day', async () => {
		const { r } = await cases('A1;JC1;2023-03-01;2023-02-28;Reha;\nA2;JC1;2023-03-01;2023-03-01;Reha;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([2, 1, 1]);
		expect(r.rejected_reasons).toEqual({ exit_before_entry: 1 });
		expect((await rejectedRows(engine())).map((x) => [x.rec, x.reason])).toEqual([[1, 'exit_before_entry']]);
	});

	it('rejects the later rows of a duplicate case_id and keeps the first', async () => {
		const { r } = await cases('A1;JC1;2023-01-01;;;\nA2;JC1;2023-01-02;;;\nA1;JC2;2023-01-03;;;\nA1;JC3;2023-01-04;;;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([4, 2, 2]);
		expect(r.rejected_reasons).toEqual({ duplicate_case_id: 2 });
		expect((await rejectedRows(engine())).map((x) => [x.rec, x.reason])).toEqual([
			[3, 'duplicate_case_id'],
			[4, 'duplicate_case_id']
		]);
		const kept = await engine().query<{ jobcenter_id: string }>("SELECT jobcenter_id FROM cases WHERE case_id = 'A1'");
		expect(kept).toEqual([{ jobcenter_id: 'JC1' }]);
	});

	it('rejects scores outside 1–4', async () => {
		const { r } = await cases('A1;JC1;2023-01-01;;;5\nA2;JC1;2023-01-01;;;0\nA3;JC1;2023-01-01;;;4\nA4;JC1;2023-01-01;;;1');
		expect([r.rows, r.accepted, r.rejected]).toEqual([4, 2, 2]);
		expect(r.rejected_reasons).toEqual({ 'score_out_of_range:employability_entry': 2 });
		expect((await rejectedRows(engine())).map((x) => x.rec)).toEqual([1, 2]);
	});

	it('rejects measures and milestones of unknown cases, whatever the drop order', async () => {
		const measures = ['measures.csv', 'case_id;measure;aims_employability;start_date\nA1;§16a Suchtberatung;ja;2023-02-01\nZ9;§45 AktivCenter;ja;2023-02-01'] as const;
		const milestones = ['milestones.csv', 'case_id;milestone;date\nA1;Diagnose;2023-03-01\nZ9;Diagnose;2023-03-01\nZ8;Diagnose;2023-03-01'] as const;
		const ds = await load(engine(), [file(...measures), file(...milestones), file('cases.csv', `${HEAD}\nA1;JC1;2023-01-01;;;`)]);
		const [m, ms, c] = ds.load.files;
		expect([m.table, ms.table, c.table]).toEqual(['measures', 'milestones', 'cases']);
		expect([m.rows, m.accepted, m.rejected, m.rejected_reasons]).toEqual([2, 1, 1, { unknown_case_id: 1 }]);
		expect([ms.rows, ms.accepted, ms.rejected, ms.rejected_reasons]).toEqual([3, 1, 2, { unknown_case_id: 2 }]);
		expect(ds.load.rejected_reasons).toEqual({ unknown_case_id: 3 });
		expect((await rejectedRows(engine(), 0)).map((x) => [x.rec, x.reason])).toEqual([[2, 'unknown_case_id']]);
		expect((await rejectedRows(engine(), 1)).map((x) => [x.rec, x.reason])).toEqual([
			[2, 'unknown_case_id'],
			[3, 'unknown_case_id']
		]);
	});

	it('rejects a line with too many columns as malformed and loads the rest', async () => {
		const { r } = await cases('A1;JC1;2023-01-01;;;\nA2;JC1;2023-01-01;;;;;extra\nA3;JC1;2023-01-01;;;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([3, 2, 1]);
		expect(r.rejected_reasons).toEqual({ malformed_line: 1 });
		const rej = await rejectedRows(engine());
		expect(rej).toHaveLength(1);
		expect(rej[0].reason).toBe('malformed_line');
		expect(rej[0].line).toBe(3);
		expect(rej[0].raw).toBe('A2;JC1;2023-01-01;;;;;extra');
		expect((await engine().query<{ case_id: string }>('SELECT case_id FROM cases ORDER BY 1')).map((x) => x.case_id)).toEqual(['A1', 'A3']);
		// The next load in the same session must not inherit that malformed line.
		const { r: clean } = await cases('B1;JC1;2023-01-01;;;');
		expect([clean.rows, clean.accepted, clean.rejected, clean.rejected_reasons]).toEqual([1, 1, 0, {}]);
		expect(await rejectedRows(engine())).toEqual([]);
	});

	it('counts a line with several surplus columns, or too few, once each', async () => {
		const { r } = await cases('A1;JC1;2023-01-01;;;\nA2;JC1;2023-01-01;;;;x;y;z\nA3;JC1\nA4;JC1;2023-01-01;;;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([4, 2, 2]);
		expect(r.rejected_reasons).toEqual({ malformed_line: 2 });
		expect((await rejectedRows(engine())).map((x) => [x.line, x.reason])).toEqual([
			[3, 'malformed_line'],
			[4, 'malformed_line']
		]);
	});

	it('counts an unknown exit reason and an exit without reason as sonstiges, with warnings', async () => {
		const { r } = await cases('A1;JC1;2023-01-01;2023-02-01;Mondfahrt;\nA2;JC1;2023-01-01;2023-02-01;;\nA3;JC1;2023-01-01;2023-02-01;Reha;\nA4;JC1;2023-01-01;2023-02-01;Mondfahrt;');
		expect([r.rows, r.accepted, r.rejected]).toEqual([4, 4, 0]);
		expect(r.warnings).toEqual({ 'unknown_code:exit_reason': 2, exit_without_reason: 1 });
		expect(r.unknown_codes).toEqual({ Mondfahrt: 2 });
		expect(await countBy(engine(), 'SELECT exit_reason AS k, count(*) AS n FROM cases GROUP BY 1')).toEqual({ sonstiges: 3, reha: 1 });
	});

	it('warns about dates after the Stichtag of a meta file and still accepts the rows', async () => {
		const meta: [string, string] = ['meta.csv', 'key;value\nstichtag;30.06.2023'];
		const { ds, r } = await cases('A1;JC1;2023-01-01;2023-07-01;Reha;\nA2;JC1;2023-07-02;;;\nA3;JC1;2023-06-30;;;', [meta]);
		expect(ds.stichtag).toEqual({ date: '2023-06-30', source: 'meta' });
		expect(ds.load.files[1].table).toBe('meta');
		expect([r.rows, r.accepted, r.rejected]).toEqual([3, 3, 0]);
		expect(r.warnings).toEqual({ date_after_stichtag: 2 });
	});

	it('takes a user Stichtag when there is no meta file, and a meta file over the user', async () => {
		const body = `${HEAD}\nA1;JC1;2023-01-01;;;`;
		expect((await load(engine(), [file('cases.csv', body)], { stichtag: '2023-03-31' })).stichtag).toEqual({ date: '2023-03-31', source: 'user' });
		const both = await load(engine(), [file('cases.csv', body), file('meta.csv', 'key;value\nstichtag;2023-06-30')], { stichtag: '2023-03-31' });
		expect(both.stichtag).toEqual({ date: '2023-06-30', source: 'meta' });
	});
});

describe('value formats', () => {
	const engine = useEngine();

	it('reads YYYY-MM-DD, DD.MM.YYYY and DD.MM.YY as the same calendar date', async () => {
		const ds = await load(engine(), [file('cases.csv', `${HEAD}\nA1;JC1;2023-03-05;;;\nA2;JC1;05.03.2023;;;\nA3;JC1;5.3.2023;;;\nA4;JC1;05.03.23;;;\nA5;JC1;01.01.69;;;`)]);
		expect(ds.load.files[0].accepted).toBe(5);
		const rows = await engine().query<{ d: string }>('SELECT CAST(entry_date AS VARCHAR) AS d FROM cases ORDER BY case_id');
		expect(rows.map((x) => x.d)).toEqual(['2023-03-05', '2023-03-05', '2023-03-05', '2023-03-05', '1969-01-01']);
	});

	it('reads the boolean spellings of aims_employability', async () => {
		const values = ['ja', 'nein', 'j', 'n', 'true', 'false', '1', '0', 'x', '', 'JA', 'vielleicht'];
		const measures = ['case_id;measure;aims_employability;start_date', ...values.map((v, i) => `A1;M${i};${v};2023-02-01`)].join('\n');
		const ds = await load(engine(), [file('cases.csv', `${HEAD}\nA1;JC1;2023-01-01;;;`), file('measures.csv', measures)]);
		const r = ds.load.files[1];
		expect([r.rows, r.accepted, r.rejected]).toEqual([12, 11, 1]);
		expect(r.rejected_reasons).toEqual({ 'invalid_value:aims_employability': 1 });
		const rows = await engine().query<{ measure: string; a: boolean }>('SELECT measure, aims_employability AS a FROM measures ORDER BY _rec');
		expect(rows.map((x) => x.a)).toEqual([true, false, true, false, true, false, true, false, true, false, true]);
	});

	it('reads German thousands and decimal commas in a ; stock file', async () => {
		const stock = 'Jobcenter;Monat;eLb-Bestand;FM VZE\nJC1;2023-01;12.500;10,5\nJC1;2023-02;12500;10\nJC1;03.2023;1.234.567;0,25';
		const ds = await load(engine(), [file('cases.csv', `${HEAD}\nA1;JC1;2023-01-01;;;`), file('bestand.csv', stock)]);
		const r = ds.load.files[1];
		expect([r.table, r.rows, r.accepted, r.rejected]).toEqual(['stock', 3, 3, 0]);
		const rows = await engine().query('SELECT CAST(month AS VARCHAR) AS month, elb_stock, fm_staff_fte FROM stock ORDER BY month');
		expect(rows).toEqual([
			{ month: '2023-01-01', elb_stock: 12500, fm_staff_fte: 10.5 },
			{ month: '2023-02-01', elb_stock: 12500, fm_staff_fte: 10 },
			{ month: '2023-03-01', elb_stock: 1234567, fm_staff_fte: 0.25 }
		]);
	});

	it('bands an alter column into age groups', async () => {
		const ages = [18, 24, 25, 34, 35, 44, 45, 54, 55, 70];
		const body = ['Fall-Nr.;JC;Eintritt;Alter', ...ages.map((a, i) => `A${i};JC1;2023-01-01;${a}`)].join('\n');
		const ds = await load(engine(), [file('faelle.csv', body)]);
		expect(ds.load.files[0].accepted).toBe(10);
		const rows = await engine().query<{ g: string }>('SELECT age_group AS g FROM cases ORDER BY _rec');
		expect(rows.map((x) => x.g)).toEqual(['u25', 'u25', '25-34', '25-34', '35-44', '35-44', '45-54', '45-54', '55+', '55+']);
	});

	it('reads referral reasons from zg_<code> boolean columns', async () => {
		const body = 'case_id;jobcenter_id;entry_date;zg_psychisch;zg_sucht\nA1;JC1;2023-01-01;ja;x\nA2;JC1;2023-01-01;nein;\nA3;JC1;2023-01-01;1;0\nA4;JC1;2023-01-01;;j';
		const ds = await load(engine(), [file('cases.csv', body)]);
		expect(ds.load.files[0].accepted).toBe(4);
		const rows = await engine().query<{ case_id: string; reason: string }>('SELECT case_id, reason FROM case_referrals ORDER BY 1, 2');
		expect(rows.map((x) => `${x.case_id}:${x.reason}`)).toEqual(['A1:psychisch', 'A1:sucht', 'A3:psychisch', 'A4:sucht']);
	});
});

describe('typed Parquet dates', () => {
	const engine = useEngine();

	it('read as the text the staging once wrote would be read, for every kind of year', async () => {
		// Every day of the years -2 to 2, 9998 to 10001 and around 1970, and NULL: the written-out
		// expression against the composed macros it replaces.
		await engine().exec(MACROS_SQL);
		const days = `SELECT CAST(d AS DATE) AS v FROM (
			SELECT unnest(generate_series(DATE '-0002-01-01', DATE '0002-12-31', INTERVAL 1 DAY)) AS d
			UNION ALL SELECT unnest(generate_series(DATE '9998-01-01', DATE '10001-12-31', INTERVAL 1 DAY))
			UNION ALL SELECT unnest(generate_series(DATE '1969-12-01', DATE '1970-01-31', INTERVAL 1 DAY))
			UNION ALL SELECT NULL)`;
		const [r] = await engine().query<{ n: number; differ: number; inRange: number; outside: number }>(
			`SELECT count(*)::INTEGER AS n,
			        count(*) FILTER (WHERE a IS DISTINCT FROM b)::INTEGER AS differ,
			        count(*) FILTER (WHERE year(v) BETWEEN 1 AND 9999 AND b IS DISTINCT FROM v)::INTEGER AS inRange,
			        count(*) FILTER (WHERE (year(v) < 0 OR year(v) > 9999) AND b IS NOT NULL)::INTEGER AS outside
			 FROM (SELECT v, tm_date(tm_blank(${isoDateSql('v')})) AS a, ${typedDate('v')} AS b FROM (${days}))`
		);
		expect(r.differ).toBe(0);
		expect(r.n).toBeGreaterThan(3300);
		// Dates of the years 1–9999 are themselves; a signed year's text is no date.
		expect(r.inRange).toBe(0);
		expect(r.outside).toBe(0);
	});
});

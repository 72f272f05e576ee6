/**
 * INDICATORS.md by hand: small fixtures whose every number is worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { defaultPeriod, previousPeriod } from '../../src/lib/indicators/context';
import { buildReport } from '../../src/lib/indicators/report';
import { suppressDistribution } from '../../src/lib/indicators/suppression';
import { file, load, useEngine } from './helpers';

const engine = useEngine();

/*
 * Flow fixture, period 2023-01-01 … 2023-03-31.
 * Month-end stocks: Jan 31 → F2 (F3 left on the 31st, not "after" it) = 1;
 * Feb 28 → F2, F4 = 2; Mar 31 → F2, F4, F5 (entered on the 31st) = 3. Mean 2.
 */
const FLOW = `case_id;jobcenter_id;entry_date;exit_date;exit_reason
F1;JC1;2022-06-01;2023-01-15;Arbeitsaufnahme
F2;JC1;2022-10-01;;
F3;JC1;2023-01-10;2023-01-31;Reha
F4;JC1;2023-02-01;2023-04-10;Reha
F5;JC1;2023-03-31;;
F6;JC1;2023-04-01;;
F7;JC1;2022-01-01;2022-12-31;Reha`;

describe('flow and stock', () => {
	it('counts entries, exits and month-end stocks over the period', async () => {
		const ds = await load(engine(), [file('cases.csv', FLOW)]);
		const r = await buildReport(engine(), ds, { period: { from: '2023-01-01', to: '2023-03-31' }, k: 1 });
		expect(r.flow).toEqual({
			entries: 3,
			exits: 2,
			stock_end: 3,
			stock_avg: 2,
			suppressed: { entries: false, exits: false, stock_end: false, stock_avg: false }
		});
		// Exits 1 arbeit of 2: 1/2; Integrationsquote 1 / stock_avg 2.
		expect(r.integration_share).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
		expect(r.integrationsquote).toEqual({ value: 0.5, numerator: 1, denominator: 2, suppressed: false });
	});

	it('caps the last month end at `to` when the period ends mid-month', async () => {
		const ds = await load(engine(), [file('cases.csv', FLOW)]);
		// Ends Jan 31 (F2) and Feb 10 (F2, F4): mean 1.5. Entries: F4. Exits: F1, F3.
		const r = await buildReport(engine(), ds, { period: { from: '2023-01-15', to: '2023-02-10' }, k: 1 });
		expect(r.flow).toMatchObject({ entries: 1, exits: 2, stock_end: 2, stock_avg: 1.5 });
	});

	it('suppresses small counts and rates on small denominators with k = 5', async () => {
		const ds = await load(engine(), [file('cases.csv', FLOW)]);
		const r = await buildReport(engine(), ds, { period: { from: '2023-01-01', to: '2023-03-31' } });
		expect(r.k).toBe(5);
		expect(r.flow).toEqual({
			entries: null,
			exits: null,
			stock_end: null,
			stock_avg: null,
			suppressed: { entries: true, exits: true, stock_end: true, stock_avg: true }
		});
		expect(r.integration_share).toEqual({ value: null, numerator: null, denominator: null, ci_low: null, ci_high: null, suppressed: true });
		expect(r.integrationsquote).toMatchObject({ value: null, suppressed: true });
		expect(r.exit_reasons!.every((x) => x.share === null)).toBe(true);
	});
});

/*
 * Outcomes fixture, Stichtag 2023-12-31 (meta), default period = the year 2023.
 * 37 cases exit in June 2023 (E01 on 06-01, the rest on 06-15), all entered 2022-12-01;
 * S01–S05 are still in care. Month-end stocks: Jan–May 42, Jun–Dec 5 → 245/12.
 * Reasons: arbeit 12 (E01–E12), rücksteuerung_vermittlung 3 (E13–E15), rücksteuerung 9
 * (E16–E24), EU 6 (E25–E30), sonstiges 7 (E31–E37). E10–E13 are gender d.
 */
const REASONS: [string, number][] = [['Arbeitsaufnahme', 12], ['Rücksteuerung Vermittlung', 3], ['Rücksteuerung (zurückgestellt)', 9], ['EU', 6], ['Sonstiges', 7]];
const BF: Record<string, [number, number | '']> = { E01: [1, 2], E02: [1, 2], E03: [1, 2], E04: [1, 2], E05: [2, 2], E06: [2, 2], E07: [3, 1], E08: [2, 4], E09: [2, ''], S01: [1, 3] };
const APPTS: Record<string, number> = { E01: 10, E02: 12, E03: 8, E04: 20, E05: 5, E06: 5, S01: 7 };
const id = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;
const row = (c: string, exit: string, reason: string, gender = 'w') =>
	[c, 'JC1', gender, '2022-12-01', exit, reason, ...(BF[c] ?? ['', '']), APPTS[c] ?? ''].join(';');
const LABELS = REASONS.flatMap(([label, n]) => Array<string>(n).fill(label)); // E01 … E37 in order
const OUTCOME_CASES = [
	'case_id;jobcenter_id;gender;entry_date;exit_date;exit_reason;employability_entry;employability_exit;appointments',
	...LABELS.map((label, j) => row(id('E', j + 1), j === 0 ? '2023-06-01' : '2023-06-15', label, j >= 9 && j <= 12 ? 'd' : 'w')),
	...[1, 2, 3, 4, 5].map((i) => row(id('S', i), '', ''))
].join('\n');
/*
 * Measures: M01–M10 aim at employability, 2023-02-01 → 2023-05-01, scores 1→2 ×3, 2→3 ×2,
 * 2→2 ×2, 3→2, 1→1, 2→4; M11 aims, started 2023-03-01, open; M12 aims, started 2022-12-15,
 * ended 2023-03-01, 2→3; M13/M14 do not aim (1→4); M15 aims, started 2023-02-01, no end score.
 * Ermöglichung: started in 2023 and aiming = M01–M11, M15 = 12.
 * BF population: aiming, ended in 2023, both scores = M01–M10, M12 = 11, of which up 7.
 */
const M_SCORES = [[1, 2], [1, 2], [1, 2], [2, 3], [2, 3], [2, 2], [2, 2], [3, 2], [1, 1], [2, 4]];
const MEASURES = [
	'case_id;measure;aims_employability;start_date;end_date;employability_start;employability_end',
	...M_SCORES.map(([a, b], i) => `${id('E', i + 1)};§45 AktivCenter;ja;2023-02-01;2023-05-01;${a};${b}`),
	'E11;§16a Suchtberatung;ja;2023-03-01;;;',
	'E12;§16a Suchtberatung;x;2022-12-15;2023-03-01;2;3',
	'E13;§16d AGH;nein;2023-02-01;2023-04-01;1;4',
	'E14;§16d AGH;;2023-02-01;2023-04-01;1;4',
	'E15;§45 AktivCenter;ja;2023-02-01;2023-04-01;1;'
].join('\n');
/** eLb 1.000 Jan–Jun and 1.200 Jul–Dec (mean 1100), FTE 2,0 and 2,5 (mean 2.25); Dec 2022 is outside. */
const STOCK = ['jobcenter_id;month;elb_stock;fm_staff_fte', 'JC1;2022-12;5.000;9', ...Array.from({ length: 12 }, (_, i) => `JC1;2023-${String(i + 1).padStart(2, '0')};${i < 6 ? '1.000;2,0' : '1.200;2,5'}`)].join('\n');
const META = 'key;value\nstichtag;2023-12-31';

async function outcomes(tables: ('measures' | 'stock')[] = []) {
	const files = [file('cases.csv', OUTCOME_CASES), file('meta.csv', META)];
	if (tables.includes('measures')) files.push(file('measures.csv', MEASURES));
	if (tables.includes('stock')) files.push(file('bestand.csv', STOCK));
	const ds = await load(engine(), files);
	for (const f of ds.load.files) expect([f.file, f.rejected]).toEqual([f.file, 0]);
	return ds;
}

describe('outcomes', () => {
	it('uses the 12 months that end at the Stichtag by default', async () => {
		const ds = await outcomes();
		expect(ds.tables.cases).toBe(42);
		const r = await buildReport(engine(), ds);
		expect(r.stichtag).toBe('2023-12-31');
		expect(r.period).toEqual({ from: '2023-01-01', to: '2023-12-31' });
		expect(r.flow).toMatchObject({ entries: 0, exits: 37, stock_end: 5 });
		expect(r.flow!.stock_avg).toBeCloseTo(245 / 12, 12);
	});

	it('reports exit reasons with shares, Wilson intervals and secondary suppression', async () => {
		const r = await buildReport(engine(), await outcomes());
		const by = Object.fromEntries(r.exit_reasons!.map((x) => [x.code, x]));
		expect(r.exit_reasons!.map((x) => [x.code, x.count, x.suppressed])).toEqual([
			['arbeit_ausbildung', 12, false],
			['ruecksteuerung_vermittlung', null, true], // 3 < 5: primary
			['ruecksteuerung', 9, false],
			['reha', 0, false],
			['erwerbsunfaehigkeit', null, true], // 6: the smallest other non-zero, secondary
			['ende_leistungsbezug', 0, false],
			['sonstiges', 7, false]
		]);
		// R: prop.test(12, 37, correct = FALSE)$conf.int
		expect(by.arbeit_ausbildung.share).toBeCloseTo(12 / 37, 12);
		expect(by.arbeit_ausbildung.ci_low).toBeCloseTo(0.1963327, 6);
		expect(by.arbeit_ausbildung.ci_high).toBeCloseTo(0.4853633, 6);
		expect([by.ruecksteuerung.ci_low, by.ruecksteuerung.ci_high].map((v) => v!.toFixed(6))).toEqual(['0.133614', '0.401173']);
		expect([by.reha.share, by.reha.ci_low, by.reha.ci_high!.toFixed(6)]).toEqual([0, 0, '0.094058']);
		expect([by.erwerbsunfaehigkeit.share, by.erwerbsunfaehigkeit.ci_low]).toEqual([null, null]);

		expect(r.integration_share).toMatchObject({ value: 12 / 37, numerator: 12, denominator: 37, suppressed: false });
		expect(r.integration_share!.ci_low).toBeCloseTo(0.1963327, 6);
		expect(r.integrationsquote!.value).toBeCloseTo(144 / 245, 12); // 12 ÷ 245/12
	});

	it('shows every count with k = 1', async () => {
		const r = await buildReport(engine(), await outcomes(), { k: 1 });
		expect(r.exit_reasons!.map((x) => x.count)).toEqual([12, 3, 9, 0, 6, 0, 7]);
	});

	it('suppresses a rate whose denominator is below k', async () => {
		const r = await buildReport(engine(), await outcomes(), { filters: { gender: ['d'] } });
		// E10–E13: 4 exits, 3 of them arbeit.
		expect(r.flow).toMatchObject({ exits: null, suppressed: { exits: true } });
		expect(r.integration_share).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
		const k1 = await buildReport(engine(), await outcomes(), { k: 1, filters: { gender: ['d'] } });
		expect(k1.integration_share).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
	});

	it('computes the Ermöglichungsquote on elb_stock, on fm_stock, or not at all', async () => {
		expect((await buildReport(engine(), await outcomes())).ermoeglichungsquote).toBeNull();
		const withStock = await buildReport(engine(), await outcomes(['measures', 'stock']));
		expect(withStock.ermoeglichungsquote).toEqual({ value: 12 / 1100, numerator: 12, denominator: 1100, suppressed: false, basis: 'elb_stock' });
		const without = await buildReport(engine(), await outcomes(['measures']));
		expect(without.ermoeglichungsquote).toMatchObject({ numerator: 12, basis: 'fm_stock', suppressed: false });
		expect(without.ermoeglichungsquote!.value).toBeCloseTo(144 / 245, 12);
	});

	it('computes bf_erhoehung on measures with its transitions', async () => {
		const ds = await outcomes(['measures']);
		const r = await buildReport(engine(), ds, { k: 1 });
		expect(r.bf_erhoehung).toMatchObject({ basis: 'measures', numerator: 7, denominator: 11, suppressed: false });
		expect(r.bf_erhoehung!.value).toBeCloseTo(7 / 11, 12);
		expect(r.bf_erhoehung!.mean_change).toBeCloseTo(7 / 11, 12); // (3 + 2 − 1 + 2 + 1) / 11
		expect(r.bf_erhoehung!.transitions).toEqual([
			[1, 3, 0, 0],
			[0, 2, 3, 1],
			[0, 1, 0, 0],
			[0, 0, 0, 0]
		]);
		const k5 = await buildReport(engine(), ds);
		expect(k5.bf_erhoehung).toMatchObject({ numerator: 7, denominator: 11, suppressed: false });
		expect(k5.bf_erhoehung!.transitions!.flat().every((c) => c === null || c === 0)).toBe(true);
	});

	it('falls back to bf_erhoehung on cases without a measures file', async () => {
		// E01–E08: 1→2 ×4, 2→2 ×2, 3→1, 2→4: up 5 of 8, mean (4 − 2 + 2) / 8. E09 and S01 do not count.
		const r = await buildReport(engine(), await outcomes(), { k: 1 });
		expect(r.bf_erhoehung).toMatchObject({ basis: 'cases', value: 5 / 8, numerator: 5, denominator: 8, mean_change: 0.5 });
		expect(r.bf_erhoehung!.transitions).toEqual([
			[0, 4, 0, 0],
			[0, 2, 0, 1],
			[1, 0, 0, 0],
			[0, 0, 0, 0]
		]);
		expect(r.teilhabe_erhoehung).toBeNull();
	});

	it('computes Kontaktdichte and Betreuungsschlüssel', async () => {
		const r = await buildReport(engine(), await outcomes(['stock']));
		// 60 appointments over 182 + 5 × 196 days in care of E01–E06; S01 is still in care.
		expect(r.kontaktdichte).toMatchObject({ numerator: 60, suppressed: false, unit: 'per_month' });
		expect(r.kontaktdichte!.value).toBeCloseTo(60 / (1162 / 30.4375), 12);
		// stock_avg 245/12 over mean FTE 2.25.
		expect(r.betreuungsschluessel).toMatchObject({ denominator: 2.25, suppressed: false, references: [25, 40, 75, 100] });
		expect(r.betreuungsschluessel!.value).toBeCloseTo(245 / 27, 12);
		expect((await buildReport(engine(), await outcomes())).betreuungsschluessel).toBeNull();
	});
});

describe('suppression and periods', () => {
	it.each([
		[[12, 3, 9, 0], [false, true, true, false]],
		[[12, 3, 9, 0, 6], [false, true, false, false, true]],
		[[12, 3, 2, 0], [false, true, true, false]],
		[[4, 0, 0], [true, false, false]],
		[[5, 0, 12], [false, false, false]]
	])('suppressDistribution(%j) with k = 5', (counts, hidden) => {
		expect(suppressDistribution(counts, 5)).toEqual(hidden);
	});

	it.each([
		['2023-12-31', '2023-01-01'],
		['2023-06-30', '2022-07-01'],
		['2024-02-29', '2023-03-01'],
		['2023-03-15', '2022-03-16']
	])('the default period for Stichtag %s starts on %s', (stichtag, from) => {
		expect(defaultPeriod(stichtag)).toEqual({ from, to: stichtag });
	});

	it.each([
		[['2023-01-01', '2023-12-31'], ['2022-01-01', '2022-12-31']],
		[['2024-01-01', '2024-12-31'], ['2023-01-01', '2023-12-31']],
		[['2023-07-01', '2024-06-30'], ['2022-07-01', '2023-06-30']],
		[['2023-03-16', '2024-03-15'], ['2022-03-16', '2023-03-15']],
		[['2023-03-01', '2023-03-31'], ['2023-02-01', '2023-02-28']],
		[['2023-04-01', '2023-06-30'], ['2023-01-01', '2023-03-31']],
		[['2023-03-10', '2023-03-19'], ['2023-02-28', '2023-03-09']],
		[['2023-03-30', '2023-04-29'], ['2023-02-27', '2023-03-29']]
	])('previousPeriod(%j) = %j', ([from, to], [pf, pt]) => {
		expect(previousPeriod({ from, to })).toEqual({ from: pf, to: pt });
	});
});

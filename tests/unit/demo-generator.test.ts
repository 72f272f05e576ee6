import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { generateDemo, type DemoOptions } from '../../scripts/demo/generate';
import { MILESTONES } from '../../scripts/demo/config';

const CASES = 500;
const SEED = 4711;

type Row = Record<string, unknown>;

function arrayBuffer(file: string): ArrayBuffer {
	const bytes = fs.readFileSync(file);
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function readParquet(dir: string, table: string): Promise<Row[]> {
	return parquetReadObjects({ file: arrayBuffer(path.join(dir, `${table}.parquet`)) });
}

const day = (value: unknown) => {
	expect(value).toBeInstanceOf(Date);
	return Math.round((value as Date).getTime() / 86400000);
};

describe('demo generator', () => {
	let root: string;
	let runA: string;
	let runB: string;
	let csvRun: string;
	let cases: Row[];
	let measures: Row[];
	let milestones: Row[];
	let stock: Row[];

	const options = (outDir: string, format: DemoOptions['format'] = 'parquet'): DemoOptions => ({
		cases: CASES,
		seed: SEED,
		outDir,
		format,
		stichtag: '2024-12-31'
	});

	beforeAll(async () => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-generator-'));
		runA = path.join(root, 'a');
		runB = path.join(root, 'b');
		csvRun = path.join(root, 'csv');
		generateDemo(options(runA));
		generateDemo(options(runB));
		generateDemo(options(csvRun, 'csv'));
		[cases, measures, milestones, stock] = await Promise.all(
			['cases', 'measures', 'milestones', 'stock'].map((t) => readParquet(runA, t))
		);
	});

	afterAll(() => {
		fs.rmSync(root, { recursive: true, force: true });
	});

	it('writes exactly the requested number of case rows with unique case ids', () => {
		expect(cases).toHaveLength(CASES);
		expect(new Set(cases.map((c) => c.case_id)).size).toBe(CASES);
	});

	it('writes every table of DATA.md and a manifest without timestamps', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(runA, 'manifest.json'), 'utf8'));
		expect(manifest).toEqual({
			files: ['cases.parquet', 'measures.parquet', 'milestones.parquet', 'stock.parquet', 'jobcenters.csv', 'meta.csv'],
			generated: { cases: CASES, seed: SEED, stichtag: '2024-12-31' }
		});
		expect(fs.readFileSync(path.join(runA, 'meta.csv'), 'utf8')).toBe('key,value\nstichtag,2024-12-31\n');
		const jobcenters = fs.readFileSync(path.join(runA, 'jobcenters.csv'), 'utf8').trim().split('\n');
		expect(jobcenters[0]).toBe('jobcenter_id,name,state,org_type,comparison_type,area_type,ags');
		expect(jobcenters).toHaveLength(9);
	});

	it('gives byte-identical files for the same options', () => {
		const files = [...fs.readdirSync(runA)].sort();
		expect(files).toEqual([...fs.readdirSync(runB)].sort());
		expect(files).toContain('manifest.json');
		for (const file of files) {
			expect(Buffer.compare(fs.readFileSync(path.join(runA, file)), fs.readFileSync(path.join(runB, file))), file).toBe(0);
		}
	});

	it('gives different data for a different seed', () => {
		const other = path.join(root, 'other-seed');
		generateDemo({ ...options(other), seed: SEED + 1 });
		expect(Buffer.compare(fs.readFileSync(path.join(runA, 'cases.parquet')), fs.readFileSync(path.join(other, 'cases.parquet')))).not.toBe(0);
	});

	it('stores dates as the Parquet DATE type and scores as nullable INT32', () => {
		const schema = parquetMetadata(arrayBuffer(path.join(runA, 'cases.parquet'))).schema;
		const element = (name: string) => schema.find((s) => s.name === name);
		expect(element('entry_date')).toMatchObject({ type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' });
		expect(element('exit_date')).toMatchObject({ type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' });
		expect(element('employability_exit')).toMatchObject({ type: 'INT32', repetition_type: 'OPTIONAL' });
		expect(element('extended')).toMatchObject({ type: 'BOOLEAN' });
		expect(element('case_id')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
	});

	it('never lets a case end before it starts, nor after the Stichtag', () => {
		const stichtag = Math.round(Date.UTC(2024, 11, 31) / 86400000);
		for (const c of cases) {
			const entry = day(c.entry_date);
			expect(entry).toBeLessThanOrEqual(stichtag);
			if (c.exit_date === null) {
				expect(c.exit_reason).toBeNull();
				expect(c.employability_exit).toBeNull();
				continue;
			}
			expect(day(c.exit_date)).toBeGreaterThanOrEqual(entry);
			expect(day(c.exit_date)).toBeLessThanOrEqual(stichtag);
			expect(c.exit_reason).toEqual(expect.any(String));
			if (!c.extended) expect(day(c.exit_date) - entry).toBeLessThanOrEqual(730);
		}
		if (cases.some((c) => c.referral_date !== null)) {
			for (const c of cases.filter((x) => x.referral_date !== null)) {
				const gap = day(c.entry_date) - day(c.referral_date);
				expect(gap).toBeGreaterThanOrEqual(0);
				expect(gap).toBeLessThanOrEqual(120);
			}
		}
	});

	it('has a stock of cases still in care at the Stichtag and some re-entries', () => {
		const inCare = cases.filter((c) => c.exit_date === null).length;
		expect(inCare / CASES).toBeGreaterThan(0.15);
		expect(inCare / CASES).toBeLessThan(0.45);
		expect(new Set(cases.map((c) => c.person_id)).size).toBeLessThan(CASES);
	});

	it('only has measures and milestones of existing cases, within their care', () => {
		const byId = new Map(cases.map((c) => [c.case_id, c]));
		const stichtag = Math.round(Date.UTC(2024, 11, 31) / 86400000);
		expect(measures.length).toBeGreaterThan(CASES);
		expect(milestones.length).toBeGreaterThan(CASES);
		for (const m of measures) {
			const c = byId.get(m.case_id);
			expect(c, String(m.case_id)).toBeDefined();
			const careEnd = c!.exit_date === null ? stichtag : day(c!.exit_date);
			expect(day(m.start_date)).toBeGreaterThanOrEqual(day(c!.entry_date));
			if (m.end_date !== null) {
				expect(day(m.end_date)).toBeGreaterThanOrEqual(day(m.start_date));
				expect(day(m.end_date)).toBeLessThanOrEqual(careEnd);
			}
		}
		for (const m of milestones) {
			const c = byId.get(m.case_id);
			expect(c, String(m.case_id)).toBeDefined();
			expect(day(m.date)).toBeGreaterThanOrEqual(day(c!.entry_date));
			expect(day(m.date)).toBeLessThanOrEqual(c!.exit_date === null ? stichtag : day(c!.exit_date));
		}
	});

	it('records milestones as an ordered prefix at increasing dates', () => {
		const perCase = new Map<unknown, Row[]>();
		for (const m of milestones) perCase.set(m.case_id, [...(perCase.get(m.case_id) ?? []), m]);
		for (const rows of perCase.values()) {
			rows.forEach((m, i) => {
				expect(m.milestone).toBe(MILESTONES[i]);
				if (i > 0) expect(day(m.date)).toBeGreaterThan(day(rows[i - 1].date));
			});
		}
	});

	it('refers about 60 % of cases for psychological reasons and about 20 % for addiction', () => {
		const share = (code: string) =>
			cases.filter((c) => typeof c.referral_reasons === 'string' && c.referral_reasons.split('|').includes(code)).length / CASES;
		expect(share('psychisch')).toBeGreaterThanOrEqual(0.5);
		expect(share('psychisch')).toBeLessThanOrEqual(0.7);
		expect(share('sucht')).toBeGreaterThan(0.1);
		expect(share('sucht')).toBeLessThan(0.3);
		for (const c of cases.filter((x) => x.referral_reasons !== null)) {
			const codes = String(c.referral_reasons).split('|');
			expect(codes.length).toBeGreaterThanOrEqual(1);
			expect(codes.length).toBeLessThanOrEqual(3);
		}
	});

	it('keeps scores on the 4-point scale', () => {
		for (const c of cases)
			for (const key of ['employability_entry', 'employability_exit', 'participation_entry', 'participation_exit'])
				if (c[key] !== null) expect([1, 2, 3, 4]).toContain(c[key]);
		for (const m of measures)
			for (const key of ['employability_start', 'employability_end']) if (m[key] !== null) expect([1, 2, 3, 4]).toContain(m[key]);
	});

	it('writes one stock row per jobcenter and month with caseloads between 1:25 and 1:100', () => {
		expect(stock).toHaveLength(8 * 48);
		const months = new Set(stock.map((s) => s.month));
		expect([...months].sort()[0]).toBe('2021-01');
		expect([...months].sort().at(-1)).toBe('2024-12');
		for (const s of stock) expect(Number(s.elb_stock)).toBeGreaterThan(5000);
		// Caseload over the last 12 months: average month-end FM stock ÷ average FTE.
		const stichtagYear = 2024;
		for (const jc of new Set(stock.map((s) => s.jobcenter_id))) {
			let fm = 0;
			let fte = 0;
			for (let m = 0; m < 12; m++) {
				const end = Math.round(Date.UTC(stichtagYear, m + 1, 0) / 86400000);
				fm += cases.filter(
					(c) => c.jobcenter_id === jc && day(c.entry_date) <= end && (c.exit_date === null || day(c.exit_date) > end)
				).length;
				const row = stock.find((s) => s.jobcenter_id === jc && s.month === `${stichtagYear}-${String(m + 1).padStart(2, '0')}`);
				fte += Number(row!.fm_staff_fte);
			}
			// 500 cases make small jobcenters noisy: allow a margin around 1:25–1:100.
			expect(fm / fte, String(jc)).toBeGreaterThan(15);
			expect(fm / fte, String(jc)).toBeLessThan(130);
		}
	});

	it('writes the same data as CSV: ISO dates, codes joined with |', () => {
		expect(fs.existsSync(path.join(csvRun, 'cases.parquet'))).toBe(false);
		const lines = fs.readFileSync(path.join(csvRun, 'cases.csv'), 'utf8').trimEnd().split('\n');
		expect(lines).toHaveLength(CASES + 1);
		const header = lines[0].split(',');
		expect(header.slice(0, 3)).toEqual(['case_id', 'person_id', 'jobcenter_id']);
		const first = Object.fromEntries(lines[1].split(',').map((v, i) => [header[i], v]));
		expect(first.case_id).toBe(cases[0].case_id);
		expect(first.entry_date).toBe((cases[0].entry_date as Date).toISOString().slice(0, 10));
		expect(first.referral_reasons).toBe(cases[0].referral_reasons ?? '');
		expect(first.extended).toBe(String(cases[0].extended));
	});
});

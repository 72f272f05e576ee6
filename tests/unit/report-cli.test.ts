/**
 * The headless report (INDICATORS.md): run as a child process the way a user runs it,
 * `node --import tsx src/cli/report.ts [options] FILE...`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, ROOT } from './helpers';

const GOOD = path.join(DIALECTS, 'excel_de_cp1252.csv');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-report-'));
const BROKEN = path.join(TMP, 'kaputt.parquet');
fs.writeFileSync(BROKEN, 'das ist kein Parquet');
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const KEYS = [
	'stichtag', 'period', 'k', 'load', 'flow', 'exit_reasons', 'integrationsquote', 'integration_share',
	'ermoeglichungsquote', 'bf_erhoehung', 'teilhabe_erhoehung', 'kontaktdichte', 'betreuungsschluessel',
	'verweildauer', 'cif', 'zusteuerungsdauer', 'cohorts', 'milestones', 'groups'
];

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Each run starts its own DuckDB-WASM; more runs at once than cores only slow all of them. */
const SLOTS = Math.max(1, Math.min(4, os.availableParallelism()));
let busy = 0;
const waiting: (() => void)[] = [];

async function run(...args: string[]): Promise<Run> {
	if (busy >= SLOTS) await new Promise<void>((go) => waiting.push(go));
	busy++;
	try {
		return await new Promise((resolve) => {
			execFile(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
				resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
			);
		});
	} finally {
		busy--;
		waiting.shift()?.();
	}
}

async function report(...args: string[]) {
	const r = await run(...args);
	expect(r.stderr).toBe('');
	expect(r.code).toBe(0);
	return JSON.parse(r.stdout);
}

/** Exactly one line on stderr, nothing on stdout, no stack trace. */
function failsWithOneLine(r: Run, pattern: RegExp) {
	expect(r.code).not.toBe(0);
	expect(r.stdout).toBe('');
	expect(r.stderr.endsWith('\n')).toBe(true);
	expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
	expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
	expect(r.stderr).toMatch(pattern);
}

describe.concurrent('report command', { timeout: 120_000 }, () => {
	it('prints every top-level key of INDICATORS.md for a dialect fixture', async () => {
		const j = await report(GOOD);
		for (const key of KEYS) expect(j, key).toHaveProperty(key);
		expect(j.stichtag).toBe('2023-06-30');
		expect(j.period).toEqual({ from: '2022-07-01', to: '2023-06-30' });
		expect(j.k).toBe(5);
		expect(j.load.files).toHaveLength(1);
		expect(j.load.files[0]).toMatchObject({ file: 'excel_de_cp1252.csv', table: 'cases', rows: 10, accepted: 10, rejected: 0, error: null, refused_columns: [], ignored_columns: [] });
		// Default period: 3 entries (F-008–F-010) and 3 in care at the end are below k; 7 exits are not.
		expect(j.flow).toMatchObject({ entries: null, exits: 7, stock_end: null });
		expect(j.exit_reasons).toHaveLength(7);
		expect(j.ermoeglichungsquote).toBeNull(); // no measures file
		expect(j.betreuungsschluessel).toBeNull(); // no stock file
		expect(j.bf_erhoehung).toMatchObject({ basis: 'cases', denominator: 7 });
	});

	it('honours --k 1', async () => {
		const j = await report('--k', '1', GOOD);
		expect(j.k).toBe(1);
		expect(j.flow).toMatchObject({ entries: 3, exits: 7, stock_end: 3 });
		expect(Object.fromEntries(j.exit_reasons.map((r: { code: string; count: number }) => [r.code, r.count]))).toEqual({
			arbeit_ausbildung: 2, ruecksteuerung_vermittlung: 1, ruecksteuerung: 1, reha: 1, erwerbsunfaehigkeit: 1, ende_leistungsbezug: 1, sonstiges: 0
		});
	});

	it('honours --from and --to', async () => {
		const j = await report('--k', '1', '--from', '2022-01-01', '--to', '2022-12-31', GOOD);
		expect(j.period).toEqual({ from: '2022-01-01', to: '2022-12-31' });
		// All ten entered in 2022; F-001, F-004 and F-007 left in 2022.
		expect(j.flow).toMatchObject({ entries: 10, exits: 3, stock_end: 7 });
	});

	it('honours --stichtag and repeated --filter', async () => {
		const j = await report('--k', '1', '--stichtag', '2022-12-31', '--filter', 'jobcenter_id=Jobcenter Süd', GOOD);
		expect(j.stichtag).toBe('2022-12-31');
		expect(j.period).toEqual({ from: '2022-01-01', to: '2022-12-31' });
		// Süd: F-001–F-004 and F-010, all entered in 2022; F-001 and F-004 left in 2022.
		expect(j.flow).toMatchObject({ entries: 5, exits: 2, stock_end: 3 });
		const both = await report('--k', '1', '--filter', 'jobcenter_id=Jobcenter Süd', '--filter', 'jobcenter_id=Jobcenter Nord', GOOD);
		expect(both.filters).toEqual({ jobcenter_id: ['Jobcenter Süd', 'Jobcenter Nord'] });
		expect(both.flow).toMatchObject({ entries: 3, exits: 7 });
	});

	it('reports a broken file next to a good one and still exits 0', async () => {
		const j = await report(BROKEN, GOOD);
		expect(j.load.files.map((f: { file: string; error: string | null }) => [f.file, f.error])).toEqual([
			['kaputt.parquet', 'Die Datei heißt .parquet, ist aber keine Parquet-Datei.'],
			['excel_de_cp1252.csv', null]
		]);
		expect(j.load.files[1].accepted).toBe(10);
		for (const f of j.load.files) expect(f.rows).toBe(f.accepted + f.rejected);
	});

	it('fails with one sentence for a missing file', async () => {
		failsWithOneLine(await run(path.join(TMP, 'gibtsnicht.csv')), /^Die Datei .*gibtsnicht\.csv gibt es nicht\.$/m);
	});

	it('fails with one sentence when the only file is broken', async () => {
		failsWithOneLine(await run(BROKEN), /^Keine der Dateien enthält verwertbare Daten: kaputt\.parquet: Die Datei heißt \.parquet/);
	});

	it('fails with one sentence for no file, a bad option or a bad value', async () => {
		failsWithOneLine(await run(), /^Keine Datei angegeben/);
		failsWithOneLine(await run('--k', '0', GOOD), /^--k erwartet eine ganze Zahl/);
		failsWithOneLine(await run('--to', '2023-02-30', GOOD), /^--to erwartet ein Datum im Format JJJJ-MM-TT, nicht „2023-02-30“\.$/m);
		failsWithOneLine(await run('--from', '2023-05-01', '--to', '2023-01-01', GOOD), /liegt nach --to/);
		failsWithOneLine(await run('--filter', 'bundesland=NW', GOOD), /^--filter erwartet name=wert/);
		failsWithOneLine(await run('--gibts-nicht', GOOD), /^Unbekannte Option --gibts-nicht\.$/m);
	});
});

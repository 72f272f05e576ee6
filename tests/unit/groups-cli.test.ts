/**
 * `--group-by` of the report command, run as a user runs it: a known dimension gives
 * `groups` that add up to the overall report, an unknown one one clear sentence.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
			resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
		);
	});
}
const DEMO = fs.readdirSync(path.join(ROOT, 'data/demo')).filter((f) => /\.(parquet|csv)$/.test(f)).map((f) => `data/demo/${f}`);

describe('report --group-by', () => {
	it('refuses an unknown dimension with one sentence naming the valid ones', async () => {
		const r = await run('--group-by', 'kreis', 'data/demo/meta.csv');
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('--group-by erwartet eine der Gruppierungen jobcenter_id, unit, program, state, org_type, comparison_type, area_type, nicht „kreis“.\n');
	});

	it('emits one group per Bundesland of the demo, adding up to the overall numbers', async () => {
		const r = await run('--group-by', 'state', ...DEMO);
		expect(r.code).toBe(0);
		const report = JSON.parse(r.stdout);
		// The demo's eight jobcenters lie in eight different Länder.
		expect(report.groups.map((g: { key: string }) => g.key).sort()).toEqual(['BE', 'BW', 'BY', 'HH', 'NI', 'NW', 'SN', 'TH']);
		type Num = { numerator: number };
		type G = { exits: number; integration_share: Num; ermoeglichungsquote: Num; bf_erhoehung: Num };
		const sum = (f: (g: G) => number) => (report.groups as G[]).reduce((s, g) => s + f(g), 0);
		expect(sum((g) => g.integration_share.numerator)).toBe(report.integration_share.numerator);
		expect(sum((g) => g.exits)).toBe(report.flow.exits);
		expect(sum((g) => g.ermoeglichungsquote.numerator)).toBe(report.ermoeglichungsquote.numerator);
		expect(sum((g) => g.bf_erhoehung.numerator)).toBe(report.bf_erhoehung.numerator);
		for (const g of report.groups) expect(g.funnel.p0).toBe(report.integration_share.value);
	}, 60_000);
});

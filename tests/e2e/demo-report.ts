import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const reports = new Map<string, unknown>();

/** Where the test workers share the report command's answers (emptied by global-setup.ts). */
export const REPORT_CACHE = path.resolve('test-reports/demo-reports');

/**
 * The report command on the committed demo data (the numbers a view must show), run once per
 * set of arguments for the whole test run: each run loads the demo into DuckDB-WASM in Node,
 * seconds of CPU that would otherwise compete, once per worker, with the browsers under test.
 * The answers are shared through files; two workers asking at the same moment both compute,
 * and the rename makes either answer whole.
 */
export function demoReport(args: string[] = []): any {
	const key = JSON.stringify(args);
	if (!reports.has(key)) {
		const file = path.join(REPORT_CACHE, createHash('sha1').update(key).digest('hex') + '.json');
		if (!fs.existsSync(file)) {
			const files = fs.readdirSync('data/demo').filter((f) => /\.(parquet|csv)$/.test(f)).map((f) => `data/demo/${f}`);
			const json = execFileSync('node', ['--import', 'tsx', 'src/cli/report.ts', ...args, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
			fs.mkdirSync(REPORT_CACHE, { recursive: true });
			fs.writeFileSync(`${file}.${process.pid}`, json);
			fs.renameSync(`${file}.${process.pid}`, file);
		}
		reports.set(key, JSON.parse(fs.readFileSync(file, 'utf8')));
	}
	// A copy: a test may change what it gets.
	return structuredClone(reports.get(key));
}

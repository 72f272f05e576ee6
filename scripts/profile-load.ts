/**
 * Where the load time goes, in Node with the same DuckDB-WASM build the browser runs:
 * loads a bench folder (e.g. bench/data/1m-parquet) through `loadDataset` and prints the
 * time per step, classified like the browser benchmark (bench/run-browser.mjs), plus the
 * time spent in JavaScript (reading files, hyparquet, building Arrow vectors).
 *
 *   npx tsx scripts/profile-load.ts bench/data/1m-parquet [--fingerprint] [--top 10]
 *
 * `--fingerprint` prints a hash of the load report and of every typed table and the
 * rejected rows (order-sensitive), so two versions of the loader can be compared: the
 * numbers must stay identical.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createNodeEngine } from '../src/lib/data/engine-node';
import type { Engine } from '../src/lib/data/engine';
import { loadDataset } from '../src/lib/data/loader';
import { compressTables } from '../src/lib/data/schema';
import { readBenchFolder, timed, type Timing } from './node-profile';
import { loadStep } from '../bench/load-steps.mjs';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
	console.error('usage: npx tsx scripts/profile-load.ts <bench folder> [--fingerprint] [--top N]');
	process.exit(2);
}
const fingerprint = args.includes('--fingerprint');
const topIdx = args.indexOf('--top');
const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 8;

async function tableHash(engine: Engine, table: string, order: string): Promise<string> {
	// The rows in their stored order, each row's values as text, hashed in JavaScript.
	const h = createHash('sha256');
	const rows = await engine.query<{ r: string }>(`SELECT CAST(t AS VARCHAR) AS r FROM (SELECT * FROM ${table} ${order}) t`);
	for (const r of rows) h.update(r.r + '\n');
	return `${rows.length} rows ${h.digest('hex').slice(0, 16)}`;
}

async function main() {
	const folder = path.resolve(dir!);
	const files = readBenchFolder(folder);

	const raw = await createNodeEngine();
	const log: Timing[] = [];
	const engine = timed(raw, log);
	const t0 = performance.now();
	const ds = await loadDataset(engine, files);
	const total = performance.now() - t0;

	const kinds: Record<string, number> = {};
	let inEngine = 0;
	for (const e of log) {
		const k = loadStep(e.sql);
		kinds[k] = (kinds[k] ?? 0) + e.ms;
		inEngine += e.ms;
	}
	kinds['JavaScript (read, hyparquet, Arrow vectors)'] = total - inEngine;
	console.log(`${path.relative(process.cwd(), folder)}: load ${Math.round(total)} ms (in DuckDB ${Math.round(inEngine)} ms)`);
	for (const [k, v] of Object.entries(kinds).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(48)} ${Math.round(v).toString().padStart(7)} ms`);
	if (ds.compressLater) {
		// What the dashboard does after the first chart (engine.ts, COMPRESS_LATER_MAX_ROWS).
		const c0 = performance.now();
		await compressTables(raw);
		console.log(`  (after the first chart: tables compressed in ${Math.round(performance.now() - c0)} ms)`);
	}
	console.log(`slowest statements:`);
	for (const e of [...log].sort((a, b) => b.ms - a.ms).slice(0, top))
		console.log(`  ${Math.round(e.ms).toString().padStart(7)} ms  ${e.sql.replace(/\s+/g, ' ').slice(0, 150)}`);

	if (fingerprint) {
		console.log('fingerprint:');
		const report = JSON.stringify({ load: ds.load, stichtag: ds.stichtag, tables: ds.tables });
		console.log(`  report            ${createHash('sha256').update(report).digest('hex').slice(0, 16)}`);
		for (const t of ['cases', 'measures', 'milestones', 'stock', 'jobcenters', 'meta', 'case_referrals'])
			console.log(`  ${t.padEnd(17)} ${await tableHash(raw, t, '')}`);
		// Rejected rows: the ledger's content, whatever order they were inserted in.
		console.log(`  rejected_rows     ${await tableHash(raw, 'rejected_rows', 'ORDER BY file, rec, line, reason, raw')}`);
		console.log(`  case_referrals(s) ${await tableHash(raw, 'case_referrals', 'ORDER BY ALL')}`);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

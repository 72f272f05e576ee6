// `npm run bench [-- --sizes 100k,1m,2m,5m,10m] [--formats parquet,csv] [--no-build] [--timeout-min 10]`
//
// Builds the app, generates the demo data at each size (skipped when the files exist),
// serves build/ and loads the files through the page's file input in headless Debian
// Chromium: load time per format, latency of scripted interactions (p50/p95), peak memory,
// and the same queries in native DuckDB as the reference. Writes bench/results/<date>.json
// and .md and prints the table. Never part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from './serve.mjs';
import { CHROMIUM, runBrowser, summary } from '../bench/run-browser.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(ROOT);

const SIZES = { '100k': 100_000, '1m': 1_000_000, '2m': 2_000_000, '5m': 5_000_000, '10m': 10_000_000 };
const TARGETS = {
	'1m': { interaction_p95_ms: 50, load_ms: 1500 },
	'10m': { interaction_p95_ms: 100, memory_bytes: 3 * 1024 ** 3 }
};

function option(name, fallback) {
	const i = process.argv.indexOf(name);
	if (i < 0) return fallback;
	const v = process.argv[i + 1];
	return v === undefined || v.startsWith('--') ? true : v;
}
const sizes = String(option('--sizes', '100k,1m')).split(',').filter(Boolean);
const formats = String(option('--formats', 'parquet,csv')).split(',').filter(Boolean);
const timeoutMs = Number(option('--timeout-min', 10)) * 60_000;
// --app DIR: serve another build (e.g. of an earlier revision, for a before/after
// comparison) instead of building this one; --label NAME: results as <date>-NAME.
const appDir = option('--app', null);
const label = option('--label', null);
// --steps FILE: another script of interactions (e.g. bench/interactions-rare-filters.json).
const stepsFile = option('--steps', 'bench/interactions.json');
const build = !process.argv.includes('--no-build') && !appDir;
const skipNative = process.argv.includes('--no-native');
for (const s of sizes) if (!SIZES[s]) throw new Error(`Unknown size ${s} (one of ${Object.keys(SIZES).join(', ')}).`);

const log = (...a) => console.log(...a);
const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

function machine() {
	const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
	const mem = Number(/MemTotal:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) * 1024;
	const pkg = (name) => {
		try {
			return JSON.parse(fs.readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')).version;
		} catch {
			return null;
		}
	};
	let chromium = null;
	try {
		chromium = sh(CHROMIUM, ['--version']);
	} catch {
		/* recorded as null */
	}
	return {
		nproc: Number(sh('nproc', [])),
		memory_bytes: mem,
		cpu,
		os: `${os.type()} ${os.release()}`,
		loadavg_start: os.loadavg(),
		node: process.version,
		chromium,
		packages: Object.fromEntries(
			['@duckdb/duckdb-wasm', '@duckdb/node-api', 'hyparquet', 'hyparquet-compressors', 'apache-arrow', '@playwright/test', 'svelte', '@sveltejs/kit', 'vite'].map((n) => [n, pkg(n)])
		)
	};
}

function generate(size, format) {
	const dir = path.join('bench/data', `${size}-${format}`);
	if (fs.existsSync(path.join(dir, 'manifest.json'))) return dir;
	log(`Generating ${size} cases (${format}) into ${dir} …`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-demo.ts', '--cases', String(SIZES[size]), '--out', dir, '--format', format], {
		stdio: 'inherit'
	});
	if (r.status !== 0) throw new Error(`generating ${dir} failed`);
	return dir;
}

function filesOf(dir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
	return manifest.files.map((f) => path.resolve(dir, f));
}

const mb = (b) => (b == null ? '–' : `${Math.round(b / 1024 / 1024)} MB`);
const ms = (v) => (v == null ? '–' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const mark = (v, target) => (v == null || target == null ? '' : v <= target ? ' ✓' : ' ✗');

function table(results) {
	const rows = [
		'| Size | Load Parquet → first chart | Load CSV → first chart | Monthly tables + case tallies (after first chart; native) | Interaction p50 | Interaction p95 | Renderer peak RSS | JS heap (page) | Default view\'s queries: native / browser (browser ÷ native) |',
		'|---|---|---|---|---|---|---|---|---|'
	];
	for (const r of results) {
		const t = TARGETS[r.size] ?? {};
		const p = r.parquet;
		const c = r.csv;
		const loadP = p?.load?.painted_ms;
		const int = p?.interactions?.painted;
		const mem = Math.max(p?.memory?.renderer_rss_peak_bytes ?? 0, c?.memory?.renderer_rss_peak_bytes ?? 0) || null;
		const nat = r.native;
		const cell = (x, err) => (x == null && err ? `not measured (${err})` : x);
		rows.push(
			`| ${r.size} (${r.cases.toLocaleString('en')} cases) | ${cell(loadP == null ? null : ms(loadP) + mark(loadP, t.load_ms), p?.error) ?? '–'} | ${cell(c?.load?.painted_ms == null ? null : ms(c.load.painted_ms) + mark(c.load.painted_ms, t.load_ms), c?.error) ?? '–'} | ${ms(p?.load?.aggregates_ms)}${nat?.aggregates_ms != null ? ` (${ms(nat.aggregates_ms)})` : ''} | ${ms(int?.p50)} | ${int ? ms(int.p95) + mark(int.p95, t.interaction_p95_ms) : '–'} | ${mb(mem)}${mark(mem, t.memory_bytes)} | ${mb(p?.memory?.js_heap_peak_bytes)} | ${nat ? `${ms(nat.native_total_ms)} / ${ms(nat.browser_total_ms)} (×${nat.ratio_total.toFixed(1)})` : '–'} |`
		);
	}
	return rows.join('\n');
}

/** p50 / p95 of the same steps on each view (Übersicht first). */
function viewTable(results) {
	const routes = [...new Set(results.flatMap((r) => Object.keys(r.parquet?.views ?? {})))];
	if (!routes.length) return '';
	const lines = [
		'\n**Interaction latency per view, p50 / p95** (the same steps; each until the last chart of the view is drawn: its report and every further question of the view, e.g. the Übersicht\'s previous period, the Verläufe\'s referral times per jobcenter, the Regionen\'s Länder and monthly panels)\n',
		`| Size | Übersicht | ${routes.map((r) => r.replace('/', '')).join(' | ')} |`,
		`|---|---|${routes.map(() => '---|').join('')}`
	];
	for (const r of results) {
		const t = TARGETS[r.size] ?? {};
		const cell = (x) => (x ? `${ms(x.p50)} / ${ms(x.p95)}${mark(x.p95, t.interaction_p95_ms)}` : '–');
		lines.push(`| ${r.size} | ${cell(r.parquet?.interactions?.painted)} | ${routes.map((route) => cell(r.parquet?.views?.[route]?.painted)).join(' | ')} |`);
	}
	return lines.join('\n');
}

function queryTable(r) {
	if (!r.native) return '';
	const lines = [`\n**${r.size}: the default view's queries, browser (DuckDB-WASM, median of 4 refreshes) vs native DuckDB (median of 5)**\n`, '| # | Query | Browser | Native | Ratio | Same result |', '|---|---|---|---|---|---|'];
	r.native.queries.forEach((q, i) => {
		const label = q.sql.replace(/\s+/g, ' ').slice(0, 70).replace(/\|/g, '\\|');
		lines.push(`| ${i + 1} | \`${label}…\` | ${q.browser_ms.toFixed(1)} ms | ${q.native_ms.toFixed(1)} ms | ×${(q.browser_ms / Math.max(q.native_ms, 0.01)).toFixed(1)} | ${q.match ? 'yes' : 'NO'} |`);
	});
	return lines.join('\n');
}

async function main() {
	const started = new Date();
	const info = machine();
	log(`Machine: ${info.cpu}, ${info.nproc} cores, ${mb(info.memory_bytes)}; ${info.chromium}; Node ${info.node}`);
	// The app is built from a snapshot of the working tree in bench/.app (not in build/ and
	// .svelte-kit/, which a parallel `npm test` may rewrite while the benchmark runs).
	const APP = path.join(ROOT, 'bench/.app');
	if (build) {
		log('Building the app (a snapshot of the working tree in bench/.app) …');
		fs.rmSync(APP, { recursive: true, force: true });
		fs.mkdirSync(APP, { recursive: true });
		for (const f of ['src', 'static', 'data', 'package.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'scripts/data-origins.mjs'])
			if (fs.existsSync(f)) fs.cpSync(f, path.join(APP, f), { recursive: true });
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(APP, 'node_modules'));
		execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: APP });
	}
	const server = createServer(appDir ?? (build ? path.join(APP, 'build') : 'build'));
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://localhost:${server.address().port}/`;
	const interactions = JSON.parse(fs.readFileSync(stepsFile, 'utf8'));
	const results = [];
	try {
		for (const size of sizes) {
			const r = { size, cases: SIZES[size] };
			results.push(r);
			for (const format of formats) {
				const dir = generate(size, format);
				log(`${size} ${format}: loading ${filesOf(dir).length} files …`);
				r[format] = await runBrowser({
					url,
					files: filesOf(dir),
					interactions,
					measureInteractions: format === 'parquet',
					timeoutMs,
					log
				});
				r[format].files_bytes = filesOf(dir).reduce((a, f) => a + fs.statSync(f).size, 0);
			}
			const base = r.parquet?.baseline_queries;
			if (base?.length && !skipNative) {
				log(`${size}: native DuckDB reference …`);
				const qfile = path.join(os.tmpdir(), `tm-bench-${size}-queries.json`);
				const nfile = path.join(os.tmpdir(), `tm-bench-${size}-native.json`);
				fs.writeFileSync(qfile, JSON.stringify(base));
				execFileSync(process.execPath, ['--import', 'tsx', 'bench/native.mjs', '--data', path.join('bench/data', `${size}-parquet`), '--queries', qfile, '--out', nfile], { stdio: 'inherit' });
				const nat = JSON.parse(fs.readFileSync(nfile, 'utf8'));
				const queries = base.map((q, i) => ({ sql: q.sql, params: q.params, browser_ms: q.browser_ms, ...nat.queries[i] }));
				const bt = queries.reduce((a, q) => a + q.browser_ms, 0);
				const nt = queries.reduce((a, q) => a + q.native_ms, 0);
				r.native = { load_ms: nat.load_ms, aggregates_ms: nat.aggregates_ms, queries, browser_total_ms: bt, native_total_ms: nt, ratio_total: bt / nt, all_match: queries.every((q) => q.match) };
				for (const q of base) delete q.result;
			}
		}
	} finally {
		server.close();
	}

	const date = started.toISOString().slice(0, 10) + (label ? `-${label}` : '');
	info.loadavg_end = os.loadavg();
	fs.mkdirSync('bench/results', { recursive: true });
	const out = { date: started.toISOString(), machine: info, app: appDir ?? 'bench/.app (working tree)', sizes, formats, targets: TARGETS, interactions: interactions.steps.length, steps: stepsFile, results };
	const jsonFile = `bench/results/${date}.json`;
	fs.writeFileSync(jsonFile, JSON.stringify(out, null, 1) + '\n');
	const md = render(out);
	fs.writeFileSync(`bench/results/${date}.md`, md + '\n');
	log('\n' + table(results));
	log(`\nWrote ${jsonFile} and bench/results/${date}.md`);
}

/** The Markdown of one result file (also: `node scripts/bench.mjs --render bench/results/<date>.json`). */
function render(out) {
	const { machine: info, results } = out;
	const date = out.date.slice(0, 10);
	const appNote = out.app && !String(out.app).startsWith('bench/.app') ? ` App: ${out.app}.` : '';
	return [
		`# Benchmark ${date}`,
		'',
		`Machine: ${info.cpu}, ${info.nproc} cores, ${mb(info.memory_bytes)} RAM, ${info.os}; ${info.chromium} (headless); Node ${info.node}; DuckDB-WASM ${info.packages['@duckdb/duckdb-wasm']}, native @duckdb/node-api ${info.packages['@duckdb/node-api']}, hyparquet ${info.packages.hyparquet}. Load average at start/end: ${info.loadavg_start.map((x) => x.toFixed(1)).join(' ')} / ${info.loadavg_end.map((x) => x.toFixed(1)).join(' ')} (other work on the machine shares its ${info.nproc} cores).${appNote}`,
		'',
		'Load: from the file input\'s change event to the frame after the status is `ready` with the first chart drawn. Interactions: the ' +
			`${out.interactions ?? 24} scripted changes of \`${out.steps ?? 'bench/interactions.json'}\` on the Übersicht, from the change event to the frame after the report (and the previous-period report) is ready and no further question of the view is pending; they start once the monthly event tables and case tallies, built after the first chart, exist. ✓/✗: against the issue's targets (1M: load ≤ 1.5 s, p95 ≤ 50 ms; 10M: p95 ≤ 100 ms, tab ≤ 3 GB).`,
		'',
		table(results),
		viewTable(results),
		...results.map((r) => {
			const lb = r.parquet?.load?.breakdown;
			const lc = r.csv?.load?.breakdown;
			const fmt = (b) => Object.entries(b ?? {}).slice(0, 6).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
			const phases = (m) => Object.entries(m?.renderer_rss_peak_by_phase ?? {}).map(([k, v]) => `${k} ${Math.round(v / 2 ** 20)} MiB`).join(', ');
			const peaks = r.parquet?.memory?.renderer_rss_peak_by_phase ? ` The tab's peak by phase, Parquet: ${phases(r.parquet.memory)}.` : '';
			return `\n**${r.size} load, time in the DuckDB worker by step** (the load window includes the first report) — Parquet: ${fmt(lb)}; CSV: ${fmt(lc)}.${peaks}` + queryTable(r);
		})
	].join('\n');
}

const renderOnly = option('--render', null);
(renderOnly
	? Promise.resolve().then(() => {
			const out = JSON.parse(fs.readFileSync(renderOnly, 'utf8'));
			out.app ??= out.results && renderOnly.includes('before') ? '/tmp/before/build (HEAD revision of src/lib/data/{read,arrow,macros}.ts, validate.ts, flow.ts, series.ts)' : undefined;
			fs.writeFileSync(renderOnly.replace(/\.json$/, '.md'), render(out) + '\n');
			log(render(out));
		})
	: main()
).catch((e) => {
	console.error(e);
	process.exit(1);
});

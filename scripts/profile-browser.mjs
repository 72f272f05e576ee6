/**
 * Where an interaction's time goes in the browser: serves `build/`, opens a view in headless
 * Debian Chromium (the demo data, or a bench folder through the file input), waits for the
 * monthly tables and cubes, then replays the benchmark's scripted steps with the CPU profiler
 * and a trace running. Prints the step times, JavaScript time by source file (through the
 * build's source maps), and the browser's own work (style, layout, paint, GC) from the trace.
 *
 *   npx vite build --sourcemap true     # once, so that times map to src/ files
 *   node scripts/profile-browser.mjs [route] [bench folder]
 *   node scripts/profile-browser.mjs regionen bench/data/1m-parquet
 *   node scripts/profile-browser.mjs regionen bench/data/1m-parquet --steps 1-2   # profile steps 1 to 2 only
 *   node scripts/profile-browser.mjs "" bench/data/1m-parquet --steps 4-4 --functions   # by function, not by file
 *   node scripts/profile-browser.mjs regionen bench/data/1m-parquet --steps 13-13 --functions --top 80   # longer lists
 *   node scripts/profile-browser.mjs verlaeufe bench/data/1m-parquet --alloc   # also what the steps allocate, by function
 *   node scripts/profile-browser.mjs verlaeufe bench/data/1m-parquet --script bench/interactions-rare-filters.json   # other steps
 *   node scripts/profile-browser.mjs regionen bench/data/10m-parquet --sql   # also each step's statements (time in the engine, rows)
 *
 * Not a benchmark (the profiler slows every step down); `npm run bench` measures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { interactInPage, loadBenchFolder } from '../bench/run-browser.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { createServer } from './serve.mjs';

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--steps', '--top', '--script'].includes(all[i - 1]));
const route = positional[0] ?? '';
const folder = positional[1];
const stepsAt = process.argv.indexOf('--steps');
/** `--functions`: JavaScript time by function (file, line and name) instead of by file. */
const byFunction = process.argv.includes('--functions');
/** `--alloc`: also sample the JavaScript heap's allocations during the steps (what the garbage collector then has to deal with). */
const alloc = process.argv.includes('--alloc');
/** `--sql`: also list each step's statements with their time (worker and Arrow decoding) and rows, from the engine's query log. */
const sql = process.argv.includes('--sql');
/** `--top N`: how many lines per list (25). */
const topAt = process.argv.indexOf('--top');
/** `--script FILE`: the steps to replay (bench/interactions.json). */
const scriptAt = process.argv.indexOf('--script');
const script = scriptAt > 0 ? process.argv[scriptAt + 1] : 'bench/interactions.json';
/** The steps to profile, 1-based and inclusive (earlier ones run unprofiled); all when not given. */
const [fromStep, toStep] = stepsAt > 0 ? process.argv[stepsAt + 1].split('-').map(Number) : [1, Infinity];
const PORT = 4188;
/** Source maps of the build's files, read on first use. */
const maps = new Map();
const TRACE = path.resolve('test-reports/profile-browser.trace.json');

const server = createServer('build').listen(PORT, '127.0.0.1');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage();
	await page.goto(`http://127.0.0.1:${PORT}/${route}`);
	await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-status') === 'ready', null, { timeout: 60_000 });
	if (folder) await loadBenchFolder(page, folder);
	else await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-aggregates') === 'true', null, { timeout: 1_800_000 });

	const all = JSON.parse(fs.readFileSync(script, 'utf8')).steps;
	// Steps before the first profiled one run unprofiled, so the state is the benchmark's.
	for (const step of all.slice(0, fromStep - 1)) await page.evaluate(interactInPage, step);
	const steps = all.slice(fromStep - 1, toStep ?? fromStep);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	if (alloc) {
		await cdp.send('HeapProfiler.enable');
		// Every 32 KiB allocated, on average: the samples' sizes add up to what was allocated.
		await cdp.send('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
	}
	fs.mkdirSync(path.dirname(TRACE), { recursive: true });
	await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'v8'] });
	const times = [];
	// The benchmark's own step: from the change event to the frame after the view's last chart.
	const statements = [];
	for (const step of steps) {
		if (sql) await page.evaluate(() => (globalThis.__tmQueryLog = []));
		times.push(Math.round((await page.evaluate(interactInPage, step)).painted_ms));
		if (sql) statements.push(await page.evaluate(() => globalThis.__tmQueryLog.map((e) => ({ sql: e.sql, ms: e.ms, convert: e.convert_ms, rows: e.rows }))));
	}
	await browser.stopTracing();
	const { profile } = await cdp.send('Profiler.stop');
	const allocations = alloc ? (await cdp.send('HeapProfiler.stopSampling')).profile : null;

	console.log(`steps (ms): ${times.join(' ')}`);
	console.log(`DOM nodes: ${await page.evaluate(() => document.querySelectorAll('*').length)}`);
	statements.forEach((list, i) => {
		const total = list.reduce((s, e) => s + e.ms, 0);
		const convert = list.reduce((s, e) => s + e.convert, 0);
		console.log(`\nstep ${fromStep + i} (${times[i]} ms): ${list.length} statements, ${total.toFixed(0)} ms, of which ${convert.toFixed(0)} ms into rows or columns`);
		for (const e of list)
			console.log(`  ${e.ms.toFixed(1).padStart(7)} ms (${e.convert.toFixed(1)} ms) ${String(e.rows).padStart(7)} rows  ${e.sql.replace(/\s+/g, ' ').slice(0, 140)}`);
	});
	printProfile(profile, topAt > 0 ? Number(process.argv[topAt + 1]) : 25);
	printTrace(JSON.parse(fs.readFileSync(TRACE, 'utf8')).traceEvents);
	if (allocations) printAllocations(allocations, topAt > 0 ? Number(process.argv[topAt + 1]) : 25);
} finally {
	await browser.close();
	server.close();
}

/** A profile's call frame as its source file (src/… or node_modules/…), or file, line and function with `--functions`. */
function sourceOf(frame) {
	const m = frame.url.match(/\/_app\/immutable\/(.*\.js)$/);
	if (!m) return frame.functionName || '(browser)';
	const file = path.join('build/_app/immutable', m[1]);
	if (!maps.has(file)) maps.set(file, fs.existsSync(file + '.map') ? new SourceMapConsumer(JSON.parse(fs.readFileSync(file + '.map', 'utf8'))) : null);
	const o = maps.get(file)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
	const source = o?.source ? o.source.replace(/^.*?(src\/|node_modules\/)/, '$1') : m[1];
	return byFunction ? `${source}:${o?.line ?? '?'} ${o?.name ?? frame.functionName ?? ''}` : source;
}

/** JavaScript self and inclusive time by source file (src/… or node_modules/…). */
function printProfile(profile, top) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map();
	const incl = new Map();
	profile.samples.forEach((id, i) => {
		const t = (profile.timeDeltas[i] ?? 0) / 1000;
		const key = sourceOf(byId.get(id).callFrame);
		self.set(key, (self.get(key) ?? 0) + t);
		const seen = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const k = sourceOf(byId.get(at).callFrame);
			if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + t), seen.add(k);
		}
	});
	const list = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, t]) => `  ${t.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
	console.log(`\nJavaScript, self time:\n${list(self)}\n\nJavaScript, inclusive time:\n${list(incl)}`);
}

/** The browser's work on the main thread by kind, summed over the steps. */
function printTrace(events) {
	const kinds = ['FunctionCall', 'HandlePostMessage', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC'];
	const sum = new Map(kinds.map((k) => [k, 0]));
	for (const e of events) if (e.ph === 'X' && sum.has(e.name)) sum.set(e.name, sum.get(e.name) + (e.dur ?? 0) / 1000);
	console.log(`\nBrowser work (trace):\n${[...sum].map(([k, t]) => `  ${t.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}`);
}

/** Sampled allocations by the allocating function, and by the functions up the stack (inclusive), in MiB over the steps. */
function printAllocations(profile, top) {
	const self = new Map();
	const incl = new Map();
	let total = 0;
	const walk = (node, stack) => {
		const key = sourceOf(node.callFrame);
		const here = node.selfSize / 1048576;
		total += here;
		self.set(key, (self.get(key) ?? 0) + here);
		const path = stack.includes(key) ? stack : [...stack, key];
		if (here) for (const k of path) incl.set(k, (incl.get(k) ?? 0) + here);
		for (const c of node.children ?? []) walk(c, path);
	};
	walk(profile.head, []);
	const list = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} MiB  ${k}`).join('\n');
	console.log(`\nAllocated (sampled), ${total.toFixed(1)} MiB in all; by function:\n${list(self)}\n\nInclusive:\n${list(incl)}`);
}

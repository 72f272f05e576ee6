// The browser half of `npm run bench`: loads one size of generated data through the page's
// real file input in headless Debian Chromium, then scripts the interactions and measures
// each latency inside the page (performance.now(), from the change event to the frame after
// the status turns `ready` and none of the view's further questions is pending). Memory:
// the renderer processes' resident set from /proc (the DuckDB worker, its WASM memory and
// the page all live in the renderer), and the page's JS heap from the Chrome DevTools
// Protocol.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { loadStep } from './load-steps.mjs';

export const CHROMIUM = CHROMIUM_PATH;
const ARGS = [
	...CHROMIUM_ARGS,
	// Let the tab grow to what DuckDB-WASM can address (4 GB) instead of V8's default limit.
	'--js-flags=--max-old-space-size=4096'
];

const KB = 1024;

function procStatus(pid) {
	try {
		const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const get = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * KB;
		return { rss: get('VmRSS'), hwm: get('VmHWM'), ppid: Number(/^PPid:\s+(\d+)/m.exec(s)?.[1] ?? 0) };
	} catch {
		return null;
	}
}

/** Chromium renderer processes started by this Node process (descendants of process.pid). */
function rendererPids() {
	const children = new Map();
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		const st = procStatus(d);
		if (!st) continue;
		const list = children.get(st.ppid) ?? [];
		list.push(Number(d));
		children.set(st.ppid, list);
	}
	const out = [];
	const walk = (pid) => {
		for (const c of children.get(pid) ?? []) {
			let cmd = '';
			try {
				cmd = fs.readFileSync(`/proc/${c}/cmdline`, 'utf8');
			} catch {
				/* gone */
			}
			if (cmd.includes('--type=renderer')) out.push(c);
			walk(c);
		}
	};
	walk(process.pid);
	return out;
}

/**
 * Samples the renderers' memory every `ms` until stopped; keeps the peak of the sum, overall
 * and per phase (`phase(name)` starts the next one), so a run tells whether the tab peaks
 * while loading, while building the tables or while the user filters.
 */
function memorySampler(ms = 200) {
	let peakRss = 0;
	let peakHwm = 0;
	let pids = [];
	let phase = 'start';
	const byPhase = {};
	const tick = () => {
		pids = rendererPids();
		let rss = 0;
		for (const p of pids) {
			const st = procStatus(p);
			if (!st) continue;
			rss += st.rss;
			peakHwm = Math.max(peakHwm, st.hwm);
		}
		peakRss = Math.max(peakRss, rss);
		byPhase[phase] = Math.max(byPhase[phase] ?? 0, rss);
	};
	const timer = setInterval(tick, ms);
	tick();
	return {
		phase(name) {
			tick();
			phase = name;
		},
		stop() {
			clearInterval(timer);
			tick();
			return { renderer_rss_peak_bytes: peakRss, renderer_hwm_bytes: peakHwm, renderers: pids.length, renderer_rss_peak_by_phase: byPhase };
		}
	};
}

async function withTimeout(promise, ms, what) {
	let timer;
	const guard = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} exceeded ${Math.round(ms / 1000)} s`)), ms);
	});
	try {
		return await Promise.race([promise, guard]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * In the page: sets a control, dispatches `change`; `ready_ms` when the view's report is
 * ready, `painted_ms` after the frame that follows the last of the view's further questions
 * (strata, Länder, monthly panels: `data-pending` back to 0), i.e. the last chart drawn.
 */
export function interactInPage({ control, value }) {
	const el = document.querySelector(`[data-testid="${control}"]`);
	const status = document.querySelector('[data-testid=status]');
	if (!el) return Promise.resolve({ error: `no control ${control}` });
	if (el.value === value) return Promise.resolve({ error: `${control} already ${value}` });
	const log = globalThis.__tmQueryLog;
	const logFrom = log ? log.length : 0;
	return new Promise((resolve) => {
		let t0 = 0;
		const mo = new MutationObserver(() => {
			const s = status.getAttribute('data-status');
			if (s !== 'ready' && s !== 'error') return;
			mo.disconnect();
			const ready = performance.now() - t0;
			// The view asks its further questions in effects after the report: a frame later
			// they are pending; the step ends once none is.
			const settle = () =>
				requestAnimationFrame(() =>
					setTimeout(() => {
						if (status.getAttribute('data-pending') !== '0') {
							const po = new MutationObserver(() => {
								if (status.getAttribute('data-pending') !== '0') return;
								po.disconnect();
								settle();
							});
							po.observe(status, { attributes: true, attributeFilter: ['data-pending'] });
							return;
						}
						const entries = log ? log.slice(logFrom) : [];
						resolve({
							status: s,
							ready_ms: ready,
							painted_ms: performance.now() - t0,
							queries: entries.length,
							query_ms: entries.reduce((a, e) => a + e.ms, 0)
						});
					}, 0)
				);
			settle();
		});
		mo.observe(status, { attributes: true, attributeFilter: ['data-status'] });
		t0 = performance.now();
		el.value = value;
		el.dispatchEvent(new Event('change', { bubbles: true }));
	});
}

/** In the page: the view's report is ready and stays so for a moment (after opening a view). */
export function settledInPage() {
	return new Promise((r) => setTimeout(() => r(document.querySelector('[data-testid=status]')?.getAttribute('data-status') === 'ready'), 300));
}

/**
 * Loads a bench folder through the page's file input and waits until its report is shown and
 * the monthly tables and cubes are built (for the profiling scripts; the benchmark times its
 * own load).
 */
export async function loadBenchFolder(page, folder, timeoutMs = 1_800_000) {
	const files = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')).files.map((f) => path.join(folder, f));
	await page.setInputFiles('[data-testid=file-input]', files);
	await page.waitForFunction(
		() => !document.querySelector('[data-testid=demo-badge]') && document.querySelector('[data-testid=status]')?.getAttribute('data-status') === 'ready',
		null,
		{ timeout: timeoutMs, polling: 1000 }
	);
	await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-aggregates') === 'true', null, { timeout: timeoutMs, polling: 1000 });
}

/** In the page: arms the load timer on the file input (before `setInputFiles`). */
function armLoadTimer() {
	globalThis.__tmLoad = new Promise((resolve) => {
		const input = document.querySelector('[data-testid=file-input]');
		const status = document.querySelector('[data-testid=status]');
		let t0 = 0;
		input.addEventListener(
			'change',
			() => {
				t0 = performance.now();
				globalThis.__tmQueryLog = [];
				const check = () => {
					const s = status.getAttribute('data-status');
					const drawn = document.querySelector('[data-indicator="flow.entries"]');
					const demo = document.querySelector('[data-testid=demo-badge]');
					if (s === 'error') return finish('error');
					if (s === 'ready' && drawn && !demo) return finish('ready');
				};
				let done = false;
				const mo = new MutationObserver(check);
				const finish = (s) => {
					if (done) return;
					done = true;
					mo.disconnect();
					const ready = performance.now() - t0;
					requestAnimationFrame(() =>
						setTimeout(() => resolve({ status: s, ready_ms: ready, painted_ms: performance.now() - t0, error: s === 'error' ? status.textContent : null }), 0)
					);
				};
				mo.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-status', 'data-indicator'] });
			},
			{ capture: true, once: true }
		);
	});
}

function quantile(sorted, q) {
	if (!sorted.length) return null;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summary(values) {
	const s = [...values].sort((a, b) => a - b);
	return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1) ?? null, min: s[0] ?? null };
}

/** Summarises the statements of the load by kind: where the load time goes. */
function loadBreakdown(log) {
	const kinds = {};
	for (const e of log) {
		const k = loadStep(e.sql, { byTable: true });
		kinds[k] = (kinds[k] ?? 0) + e.ms;
	}
	return Object.fromEntries(Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
}

/**
 * One browser session: load `files`, optionally run the interactions and the baseline
 * refreshes. Returns the figures; throws only on setup failure (a timeout is recorded).
 */
export async function runBrowser({ url, files, interactions, measureInteractions, timeoutMs, log = () => {} }) {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	const sampler = memorySampler();
	const result = { load: null, interactions: null, baseline_queries: null, memory: null, error: null };
	try {
		const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		page.on('pageerror', (e) => log(`  page error: ${String(e).slice(0, 200)}`));
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		let jsHeapPeak = 0;
		const heap = async () => {
			const { metrics } = await cdp.send('Performance.getMetrics');
			const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
			jsHeapPeak = Math.max(jsHeapPeak, used);
			return used;
		};
		await page.goto(url);
		// The demo loads first; wait for it, then load the files over it.
		await page.waitForFunction(
			() => document.querySelector('[data-testid=status]')?.getAttribute('data-status') === 'ready' && document.querySelector('[data-indicator="flow.entries"]'),
			null,
			{ timeout: 120_000 }
		);
		await page.evaluate(armLoadTimer);
		sampler.phase('load');
		await page.getByTestId('file-input').setInputFiles(files);
		const load = await withTimeout(page.evaluate(() => globalThis.__tmLoad), timeoutMs, 'loading');
		const loadLog = await page.evaluate(() => globalThis.__tmQueryLog ?? []);
		const workerMs = loadLog.reduce((a, e) => a + e.ms, 0);
		result.load = { ...load, worker_ms: Math.round(workerMs), breakdown: loadBreakdown(loadLog) };
		if (load.status !== 'ready') throw new Error(`load ended in ${load.status}: ${load.error}`);
		log(`  loaded in ${Math.round(load.painted_ms)} ms`);
		await heap();
		// The monthly event tables are built after the first chart; the interactions start once they exist.
		sampler.phase('tables');
		const tAgg = Date.now();
		await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-aggregates') === 'true', null, {
			timeout: timeoutMs
		});
		result.load.aggregates_ms = Date.now() - tAgg;
		log(`  monthly tables and case tallies ready ${result.load.aggregates_ms} ms later`);

		sampler.phase('interactions');
		if (measureInteractions) {
			await page.evaluate(() => (globalThis.__tmQueryLog = []));
			const steps = [];
			const deadline = Date.now() + timeoutMs;
			for (const step of interactions.steps) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error('interactions exceeded the time limit');
				const r = await withTimeout(page.evaluate(interactInPage, step), left, 'interaction');
				if (r.error) throw new Error(r.error);
				steps.push({ ...step, ...r });
				await heap();
			}
			const painted = steps.map((s) => s.painted_ms);
			result.interactions = { steps, painted: summary(painted), ready: summary(steps.map((s) => s.ready_ms)) };
			log(`  interactions p50 ${Math.round(result.interactions.painted.p50)} ms, p95 ${Math.round(result.interactions.painted.p95)} ms`);

			// Baseline refreshes with identical SQL: per-query times for the native comparison
			// (without the result cache, which would answer them without a query).
			await page.evaluate(() => (globalThis.__tmQueryCache = false));
			const runs = [];
			for (const step of interactions.baseline.steps) {
				await page.evaluate(() => (globalThis.__tmQueryLog = []));
				await withTimeout(page.evaluate(interactInPage, step), timeoutMs, 'baseline');
				runs.push(await page.evaluate(() => globalThis.__tmQueryLog));
			}
			const n = Math.min(...runs.map((r) => r.length));
			result.baseline_queries = Array.from({ length: n }, (_, i) => ({
				sql: runs[0][i].sql,
				params: runs[0][i].params,
				rows: runs[0][i].rows,
				result: runs[0][i].result,
				browser_ms: summary(runs.map((r) => r[i].ms)).p50
			}));
		}
		if (measureInteractions) {
			await page.evaluate(() => delete globalThis.__tmQueryCache);
			result.views = {};
			for (const route of interactions.views?.routes ?? []) {
				await page.locator(`nav a[href*="/${route}"]`).click();
				await page.waitForURL(new RegExp(`/${route}`));
				// Settled: the view's report is ready and stays so for a moment.
				await page.waitForFunction(settledInPage, null, { timeout: timeoutMs, polling: 100 });
				const steps = [];
				const deadline = Date.now() + timeoutMs;
				for (const step of interactions.steps) {
					const left = deadline - Date.now();
					if (left <= 0) throw new Error(`interactions on ${route} exceeded the time limit`);
					const r = await withTimeout(page.evaluate(interactInPage, step), left, 'interaction');
					if (r.error) throw new Error(r.error);
					steps.push({ ...step, ...r });
					await heap();
				}
				result.views[route] = { steps, painted: summary(steps.map((s) => s.painted_ms)), ready: summary(steps.map((s) => s.ready_ms)) };
				log(`  ${route}: interactions p50 ${Math.round(result.views[route].painted.p50)} ms, p95 ${Math.round(result.views[route].painted.p95)} ms`);
			}
		}
		await heap();
		result.memory = { js_heap_peak_bytes: jsHeapPeak };
	} catch (e) {
		result.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
		log(`  ${result.error}`);
	} finally {
		const mem = sampler.stop();
		result.memory = { ...(result.memory ?? {}), ...mem };
		await browser.close().catch(() => {});
	}
	return result;
}

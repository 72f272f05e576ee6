/**
 * One selection, asked again and again with the query cache off: for comparing two builds on
 * the steps that ask statements, where the benchmark's single pass is at the mercy of the
 * machine's hour. Loads a bench folder, waits for the monthly tables and cubes, then on each
 * view sets `--set` once and toggles `--toggle` on and off `rounds` times, printing each "on"
 * step's [painted ms, statements, their ms]. Not part of `npm run bench`.
 *
 *   npx vite build && mv build /tmp/a   # the same for the other build
 *   node scripts/repeat-step.mjs /tmp/a bench/data/10m-parquet 6
 *   node scripts/repeat-step.mjs /tmp/a bench/data/1m-parquet 6 --set filter-jobcenter_id=JC02 --toggle "filter-unit=Standort Mitte"
 */
import { chromium } from '@playwright/test';
import { interactInPage, loadBenchFolder, settledInPage } from '../bench/run-browser.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { createServer } from './serve.mjs';

const optionAt = (name) => process.argv.indexOf(name);
const control = (name, fallback) => {
	const at = optionAt(name);
	const [c, ...v] = (at > 0 ? process.argv[at + 1] : fallback).split('=');
	return { control: c, value: v.join('=') };
};
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--set', '--toggle'].includes(all[i - 1]));
const [build, folder, rounds = '6'] = positional;
const set = control('--set', 'filter-jobcenter_id=JC02');
const toggle = control('--toggle', 'filter-unit=Standort Mitte');
const ROUTES = ['', 'verlaeufe/', 'regionen/'];
const PORT = 4190;

const server = createServer(build).listen(PORT, '127.0.0.1');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
	await page.goto(`http://127.0.0.1:${PORT}/`);
	await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-status') === 'ready', null, { timeout: 60_000 });
	await loadBenchFolder(page, folder);
	// The warm-up runs after the tables; let it finish before the first step.
	await page.waitForTimeout(20_000);
	await page.evaluate(() => {
		globalThis.__tmQueryCache = false;
		globalThis.__tmQueryLog = [];
	});
	for (const route of ROUTES) {
		if (route) {
			await page.locator(`nav a[href*="/${route}"]`).click();
			await page.waitForURL(new RegExp(`/${route}`));
		}
		await page.waitForFunction(settledInPage, null, { timeout: 600_000, polling: 100 });
		await page.evaluate(interactInPage, set);
		const times = [];
		for (let i = 0; i < Number(rounds); i++) {
			const r = await page.evaluate(interactInPage, toggle);
			if (r.error) throw new Error(r.error);
			times.push([Math.round(r.painted_ms), r.queries, Math.round(r.query_ms)]);
			await page.evaluate(interactInPage, { control: toggle.control, value: '' });
		}
		await page.evaluate(interactInPage, { control: set.control, value: '' });
		console.log(`${route || 'uebersicht'} ${JSON.stringify(times)}`);
	}
} finally {
	await browser.close();
	server.close();
}

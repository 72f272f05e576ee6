/**
 * Where an interaction's time goes, in Node with the same DuckDB-WASM build the browser runs:
 * loads a bench folder, builds the monthly tables, then replays the benchmark's scripted
 * steps (bench/interactions.json) and runs, per step, what each view asks for (the report
 * of the view with the Übersicht's previous period, the Verläufe's referral times per
 * jobcenter, the Regionen's Länder and monthly panels). Prints per view and step the time,
 * and the slowest statements. Caches as in the app (query cache, cubes).
 *
 *   npx tsx scripts/profile-views.ts bench/data/1m-parquet [--views uebersicht,verlaeufe,regionen] [--top 15] [--cubes]
 *        [--steps bench/interactions-other.json]
 *
 * `--cubes` also lists each cube's rows and bytes, and the time spent re-adding cubes, by table and selection shape. For the
 * Regionen, each step's time is also split into report + Länder + monthly panels.
 * `--warm`: the dashboard's warm-up (state/warm-up.ts) runs after the tables, as in the app:
 * without it each view's first steps also pay for code that has not run yet.
 * `--split jobcenter_id` (or another stratum dimension): the Verläufe also split their curves
 * by it, as the page does when a split is chosen; each step's time is then report + split.
 */
import fs from 'node:fs';
import { createNodeEngine } from '../src/lib/data/engine-node';
import { loadDataset } from '../src/lib/data/loader';
import { buildAggregates } from '../src/lib/indicators/aggregates';
import { Cubes, type CubeCondition } from '../src/lib/indicators/cube';
import { buildReports, REPORT_SECTIONS } from '../src/lib/indicators/report';
import { VIEW_SECTIONS } from '../src/lib/state/view-sections';
import type { Ctx, Filters } from '../src/lib/indicators/context';
import { zusteuerungsdauerByJobcenter } from '../src/lib/indicators/durations';
import { groupsReport } from '../src/lib/indicators/groups';
import { strata } from '../src/lib/indicators/strata';
import type { StratumDimension } from '../src/lib/indicators/time-in-care';
import { regionalSeries } from '../src/lib/indicators/regional-series';
import { QueryCache } from '../src/lib/state/query-cache';
import { warmUp } from '../src/lib/state/warm-up';
import { defaultPeriod } from '../src/lib/indicators/context';
import { readBenchFolder, timed, type Timing } from './node-profile';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const opt = (name: string, dflt: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : dflt;
};
if (!dir) {
	console.error('usage: npx tsx scripts/profile-views.ts <bench folder> [--views a,b] [--top N]');
	process.exit(2);
}
const views = opt('views', 'uebersicht,verlaeufe,regionen').split(',');
const top = Number(opt('top', '12'));
const splitBy = opt('split', '') as StratumDimension | '';

/** Time per cube selection shape (table, keys, filter columns, stratum), when `--cubes` is given. */
const cubeTimes = new Map<string, { n: number; ms: number }>();
if (args.includes('--cubes')) {
	const get = Cubes.prototype.get;
	const wrapped = new WeakSet<object>();
	Cubes.prototype.get = function (this: Cubes, table: string) {
		const cube = get.call(this, table);
		if (!cube || wrapped.has(cube)) return cube;
		wrapped.add(cube);
		// Both forms of an answer (rows, columns), timed by selection shape.
		for (const form of ['select', 'selectColumns'] as const) {
			const ask = (cube[form] as (...a: unknown[]) => unknown).bind(cube);
			(cube as unknown as Record<string, unknown>)[form] = (where: readonly CubeCondition[], keys: readonly string[], measures: readonly string[], stratum?: { column: string }) => {
				const t0 = performance.now();
				const out = ask(where, keys, measures, stratum);
				const key = `${table} (${cube.size} rows) keys ${keys.join(',')} where ${where.map((w) => w.column).join(',') || '–'}${stratum ? ` by ${stratum.column}` : ''}${form === 'selectColumns' ? ' as columns' : ''}`;
				const e = cubeTimes.get(key) ?? { n: 0, ms: 0 };
				e.n++;
				e.ms += performance.now() - t0;
				cubeTimes.set(key, e);
				return out;
			};
		}
		return cube;
	};
}

const ROUTE: Record<string, string> = { uebersicht: '', verlaeufe: 'verlaeufe', regionen: 'regionen' };

async function main() {
	const files = readBenchFolder(dir!);
	const raw = await createNodeEngine();
	let t0 = performance.now();
	const ds = await loadDataset(raw, files);
	console.log(`load ${Math.round(performance.now() - t0)} ms`);
	t0 = performance.now();
	const cubes = new Cubes();
	const tallies = await buildAggregates(raw, ds.stichtag!.date, {}, undefined, cubes);
	console.log(`monthly tables and case tallies ${Math.round(performance.now() - t0)} ms`);
	const held = cubes.sizes();
	console.log(`cubes: ${held.length} tables, ${held.reduce((s, c) => s + c.rows, 0)} rows, ${Math.round(held.reduce((s, c) => s + c.bytes, 0) / 1e6)} MB; process RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
	if (args.includes('--cubes')) for (const c of held) console.log(`  ${c.table}: ${c.rows} rows, ${(c.bytes / 1e6).toFixed(1)} MB`);
	if (args.includes('--warm')) {
		// As the dashboard after the tables (warm-up.ts), with the filter panel's options.
		t0 = performance.now();
		const distinct = async (col: string) => raw.query<{ value: string }>(`SELECT DISTINCT ${col} AS value FROM cases WHERE ${col} IS NOT NULL ORDER BY 1`);
		const options = { gender: await distinct('gender'), age_group: await distinct('age_group'), jobcenter_id: await distinct('jobcenter_id') };
		await warmUp(raw, ds, { tallies, cubes, options, period: defaultPeriod(ds.stichtag!.date), current: () => true });
		console.log(`warm-up ${Math.round(performance.now() - t0)} ms`);
	}
	const steps: { control: string; value: string }[] = JSON.parse(fs.readFileSync(opt('steps', 'bench/interactions.json'), 'utf8')).steps;

	for (const view of views) {
		const log: Timing[] = [];
		const cache = new QueryCache();
		const engine = cache.wrap(timed(raw, log));
		let filters: Filters = {};
		let from: string | undefined;
		let to: string | undefined;
		let k = 5;
		const times: number[] = [];
		const split: string[] = [];
		const run = async () => {
			const s = performance.now();
			// As the dashboard: the Übersicht's previous period comes with the report.
			const { report } = await buildReports(engine, ds, {
				aggregates: true,
				tallies,
				cubes,
				period: { from, to },
				k,
				filters,
				groupBy: view === 'regionen' ? 'jobcenter_id' : null,
				sections: VIEW_SECTIONS[ROUTE[view]] ?? REPORT_SECTIONS,
				previous: view === 'uebersicht'
			});
			const ctx: Ctx = { aggregates: true, tallies, cubes, period: report.period, k, filters, stichtag: ds.stichtag!.date, tables: ds.tables };
			if (view === 'verlaeufe') await zusteuerungsdauerByJobcenter(engine, ctx);
			if (view === 'verlaeufe' && splitBy) {
				const a = performance.now();
				await strata(engine, ctx, splitBy);
				split.push(`${Math.round(a - s)}+${Math.round(performance.now() - a)}`);
			}
			if (view === 'regionen') {
				const a = performance.now();
				await groupsReport(engine, ctx, 'state');
				const b = performance.now();
				const keys = (report.groups ?? []).filter((g) => !g.suppressed).map((g) => g.key);
				await regionalSeries(engine, ctx, 'jobcenter_id', keys, 'integration_share');
				split.push(`${Math.round(a - s)}+${Math.round(b - a)}+${Math.round(performance.now() - b)}`);
			}
			return performance.now() - s;
		};
		await run();
		for (const step of steps) {
			const [kind, name] = step.control.split(/-(.*)/);
			if (kind === 'filter') filters = step.value ? { ...filters, [name]: [step.value] } : Object.fromEntries(Object.entries(filters).filter(([f]) => f !== name));
			else if (step.control === 'period-from') from = step.value;
			else if (step.control === 'period-to') to = step.value;
			else if (step.control === 'k-input') k = Number(step.value);
			times.push(await run());
		}
		if (split.length) console.log(`${view} ${view === 'regionen' ? 'report+states+series' : 'report+split'}: ${split.join(' ')}`);
		const sorted = [...times].sort((a, b) => a - b);
		const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
		console.log(`\n${view}: p50 ${Math.round(q(0.5))} ms, p95 ${Math.round(q(0.95))} ms; steps ${times.map((t) => Math.round(t)).join(' ')}`);
		if (cubeTimes.size) {
			console.log('  cubes, by selection shape:');
			for (const [k2, e] of [...cubeTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
				console.log(`  ${Math.round(e.ms).toString().padStart(7)} ms ${String(e.n).padStart(4)}×  ${k2}`);
			cubeTimes.clear();
		}
		const mine = log;
		const bySql = new Map<string, { n: number; ms: number }>();
		for (const e of mine) {
			const key = e.sql.replace(/\s+/g, ' ').replace(/tm_ev_\d+/g, 'tm_ev_N').slice(0, 140);
			const s = bySql.get(key) ?? { n: 0, ms: 0 };
			s.n++;
			s.ms += e.ms;
			bySql.set(key, s);
		}
		console.log(`  statements: ${mine.length}, total ${Math.round(mine.reduce((s, e) => s + e.ms, 0))} ms; by statement shape:`);
		for (const [sql, s] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
			console.log(`  ${Math.round(s.ms).toString().padStart(7)} ms ${String(s.n).padStart(4)}×  ${sql}`);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

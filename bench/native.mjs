// The native reference of `npm run bench`: the same typed tables, built from the same Parquet
// files with native DuckDB's built-in read_parquet, and the very queries the browser ran for
// the default view (SQL text and bound parameters from the page's query log), each timed as
// the median of several runs. The results are compared with the browser's, so the ratio
// compares equal work.
//
//   node --import tsx bench/native.mjs --data bench/data/1m-parquet --queries q.json --out n.json
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { MACROS_SQL } from '../src/lib/data/macros.ts';
import { schemaSql } from '../src/lib/data/schema.ts';
import { STORAGE_SETTINGS } from '../src/lib/data/engine.ts';
import { aggregatesBuildSql } from '../src/lib/indicators/aggregates.ts';

const arg = (name) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? process.argv[i + 1] : undefined;
};
const dir = arg('--data');
const queries = JSON.parse(fs.readFileSync(arg('--queries'), 'utf8'));
const out = arg('--out');
const runs = Number(arg('--runs') ?? 5);

const q = (s) => "'" + s.replace(/'/g, "''") + "'";
const file = (n) => q(path.resolve(dir, n));

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const t0 = performance.now();
// The same storage as the app: contract tables compressed, the rest not.
for (const sql of STORAGE_SETTINGS) await conn.run(sql);
await conn.run(MACROS_SQL);
await conn.run(schemaSql());
// The demo's files hold canonical codes and valid rows only, so the typed tables are plain
// casts (the checks below compare every result with the browser's).
await conn.run(`INSERT INTO cases SELECT 2, CAST(row_number() OVER () AS INTEGER), case_id, person_id, jobcenter_id, unit, program, caseworker_id,
	referral_date, entry_date, exit_date, CASE WHEN exit_date IS NULL THEN NULL ELSE coalesce(exit_reason, 'sonstiges') END,
	age_group, gender, profile, needs_count, appointments, employability_entry, employability_exit, participation_entry,
	participation_exit, coalesce(extended, false) FROM read_parquet(${file('cases.parquet')})`);
await conn.run(`INSERT INTO case_referrals SELECT DISTINCT case_id, reason FROM (SELECT case_id, trim(unnest(string_split_regex(referral_reasons, '[|,;]'))) AS reason FROM read_parquet(${file('cases.parquet')})) WHERE reason <> ''`);
if (fs.existsSync(path.join(dir, 'measures.parquet')))
	await conn.run(`INSERT INTO measures SELECT 3, CAST(row_number() OVER () AS INTEGER), case_id, measure, legal_basis, coalesce(aims_employability, false), start_date, end_date, employability_start, employability_end FROM read_parquet(${file('measures.parquet')})`);
if (fs.existsSync(path.join(dir, 'milestones.parquet')))
	await conn.run(`INSERT INTO milestones SELECT 4, CAST(row_number() OVER () AS INTEGER), case_id, milestone, date FROM read_parquet(${file('milestones.parquet')})`);
if (fs.existsSync(path.join(dir, 'stock.parquet')))
	await conn.run(`INSERT INTO stock SELECT 5, CAST(row_number() OVER () AS INTEGER), jobcenter_id, tm_month(month), elb_stock, fm_staff_fte FROM read_parquet(${file('stock.parquet')})`);
if (fs.existsSync(path.join(dir, 'jobcenters.csv')))
	await conn.run(`INSERT INTO jobcenters SELECT 0, CAST(row_number() OVER () AS INTEGER), jobcenter_id, name, state, org_type, comparison_type, area_type, ags FROM read_csv(${file('jobcenters.csv')}, all_varchar = true)`);
const loadMs = performance.now() - t0;
// The monthly event tables and case tallies the browser builds after loading (the views read them).
// The generator's meta.csv names the Stichtag (the browser reads the same).
const stichtag = (
	await (await conn.run(`SELECT CAST(max(tm_date(value)) AS VARCHAR) AS d FROM read_csv(${file('meta.csv')}, all_varchar = true) WHERE lower(trim(key)) = 'stichtag'`)).getRowObjects()
)[0].d;
const t1 = performance.now();
const [{ n: cases }] = (await (await conn.run('SELECT count(*)::INTEGER AS n FROM cases')).getRowObjects());
for (const s of aggregatesBuildSql(stichtag, cases)) await conn.run(s.sql, s.params.length ? s.params : undefined);
const aggregatesMs = performance.now() - t1;

const plain = (v) => {
	if (typeof v === 'bigint') return Number(v);
	if (v && typeof v === 'object' && 'toString' in v && !Array.isArray(v)) return String(v);
	return v;
};
function same(a, b) {
	if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
	if (typeof a === 'number' || typeof b === 'number') return Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(a)));
	return String(a) === String(b);
}
const sortKey = (r) => JSON.stringify(Object.values(r));

const results = [];
for (const item of queries) {
	const times = [];
	let rows = [];
	for (let i = 0; i < runs + 1; i++) {
		const t = performance.now();
		const reader = await conn.runAndReadAll(item.sql, item.params.map((p) => (typeof p === 'number' && Number.isInteger(p) ? p : p)));
		const ms = performance.now() - t;
		if (i > 0) times.push(ms);
		else rows = reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
	}
	times.sort((a, b) => a - b);
	let match = null;
	if (item.result) {
		const a = [...item.result].sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
		const b = [...rows].sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
		match = a.length === b.length && a.every((r, i) => Object.keys(r).every((k) => same(r[k], b[i][k])));
	} else match = item.rows === rows.length;
	results.push({ native_ms: times[Math.floor(times.length / 2)], rows: rows.length, match });
}
fs.writeFileSync(out, JSON.stringify({ load_ms: loadMs, aggregates_ms: aggregatesMs, queries: results }, null, 1));

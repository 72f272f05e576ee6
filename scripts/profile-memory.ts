/**
 * Where the memory goes, in Node with the same DuckDB-WASM build the browser runs: the
 * process's resident set (the WASM memory is part of it and never shrinks), DuckDB's own
 * accounting and the database sizes after loading a bench folder, after the monthly tables
 * and after the case tallies, with the build times and the largest built tables.
 *
 *   npx tsx scripts/profile-memory.ts bench/data/5m-parquet [--chunk-rows 500000]
 */
import { createNodeEngine } from '../src/lib/data/engine-node';
import { loadDataset } from '../src/lib/data/loader';
import { buildAggregates } from '../src/lib/indicators/aggregates';
import { readBenchFolder } from './node-profile';

const folder = process.argv[2];
const chunkAt = process.argv.indexOf('--chunk-rows');
const chunkRows = chunkAt > 0 ? Number(process.argv[chunkAt + 1]) : undefined;
const engine = await createNodeEngine();

async function mem(label: string): Promise<void> {
	const m = process.memoryUsage();
	const duckdb = await engine.query<{ tag: string; mb: number }>(
		'SELECT tag, (memory_usage_bytes / 1e6)::INTEGER AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 20e6 ORDER BY 2 DESC'
	);
	const sizes = await engine.query<{ database_name: string; memory_usage: string }>('SELECT database_name, memory_usage FROM pragma_database_size()');
	console.log(label, `rss ${(m.rss / 1e6) | 0} MB, arrayBuffers ${(m.arrayBuffers / 1e6) | 0} MB`, JSON.stringify(duckdb), JSON.stringify(sizes));
}

await mem('start');
const ds = await loadDataset(engine, readBenchFolder(folder), { chunkRows });
await mem('loaded');
const t0 = performance.now();
const since = () => Math.round(performance.now() - t0);
// The Node engine runs each statement synchronously, so the snapshot falls between the builds.
await buildAggregates(engine, ds.stichtag!.date, {
	events: () => void mem('events').then(() => console.log('monthly tables', since(), 'ms')),
	tally: (name) => console.log(name, since(), 'ms')
});
await mem('tallies');
const rows = await engine.query<{ t: string; n: number }>(
	"SELECT table_name AS t, estimated_size::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'tm_%' ORDER BY n DESC LIMIT 12"
);
console.log(rows.map((r) => `${r.t} ${r.n}`).join('\n'));

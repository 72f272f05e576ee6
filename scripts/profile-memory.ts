/**
 * Where the memory goes, in Node with the same DuckDB-WASM build the browser runs: the
 * process's resident set (the WASM memory is part of it and never shrinks), DuckDB's own
 * accounting and the database sizes after loading a bench folder, after the monthly tables
 * and after the case tallies, with the build times and the largest built tables.
 *
 *   npx tsx scripts/profile-memory.ts bench/data/5m-parquet [--chunk-rows 500000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createNodeEngine } from '../src/lib/data/engine-node';
import { loadDataset } from '../src/lib/data/loader';
import { buildAggregates } from '../src/lib/indicators/aggregates';
const folder = process.argv[2];
const chunkAt = process.argv.indexOf('--chunk-rows');
const chunkRows = chunkAt > 0 ? Number(process.argv[chunkAt + 1]) : undefined;
const names: string[] = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')).files;
const engine = await createNodeEngine();
const mem = async (label: string) => {
  const m = process.memoryUsage();
  const d = await engine.query<{ tag: string; mb: number }>("SELECT tag, (memory_usage_bytes/1e6)::INTEGER AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 20e6 ORDER BY 2 DESC");
  const sizes = await engine.query<{ database_name: string; memory_usage: string }>("SELECT database_name, memory_usage FROM pragma_database_size()");
  console.log(label, `rss ${(m.rss / 1e6) | 0} MB, arrayBuffers ${(m.arrayBuffers / 1e6) | 0} MB`, JSON.stringify(d), JSON.stringify(sizes));
};
await mem('start');
const files = names.map((n) => ({ name: n, bytes: new Uint8Array(fs.readFileSync(path.join(folder, n))) }));
const ds = await loadDataset(engine, files, { chunkRows });
await mem('loaded');
const t0 = performance.now();
await buildAggregates(engine, ds.stichtag!.date, { events: () => mem('events').then(() => console.log(Math.round(performance.now() - t0))), tally: (n) => console.log(n, Math.round(performance.now() - t0)) });
await mem('tallies');
const rows = await engine.query<{ t: string; n: number }>("SELECT table_name AS t, estimated_size::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'tm_%' ORDER BY n DESC LIMIT 12");
console.log(rows.map((r) => `${r.t} ${r.n}`).join('\n'));

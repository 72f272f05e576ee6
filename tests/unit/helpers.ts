/**
 * Shared helpers for the data-layer and indicator tests: one real DuckDB-WASM engine per
 * test file (about 1 s to start), CSV text as bytes, and short ways to load and query.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';
import type { Engine } from '../../src/lib/data/engine';
import { createNodeEngine } from '../../src/lib/data/engine-node';
import { loadDataset, type Dataset, type LoadOptions, type SourceFile } from '../../src/lib/data/loader';
import { buildAggregates, readCubes } from '../../src/lib/indicators/aggregates';
import type { Cubes } from '../../src/lib/indicators/cube';
import { TALLY_NAMES } from '../../src/lib/indicators/tallies';
import type { FileReport } from '../../src/lib/indicators/types';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIALECTS = path.join(ROOT, 'tests/fixtures/dialects');

/** UTF-8 bytes of a CSV written inline; a leading newline and leading tabs (indentation) are dropped, so write tab-separated text with `\t` and no empty first field. */
export function csv(text: string): Uint8Array {
	const lines = text.replace(/^\n/, '').split('\n').map((l) => l.replace(/^\t+/, ''));
	return new TextEncoder().encode(lines.join('\n'));
}

export function file(name: string, text: string): SourceFile {
	return { name, bytes: csv(text) };
}

export function fixture(dir: string, name: string): SourceFile {
	return { name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))) };
}

/**
 * Creates the engine once for the calling test file. Every `loadDataset` recreates the
 * typed tables, so the tests of one file can share it as long as they run in sequence.
 */
export function useEngine(): () => Engine {
	let engine: Engine | undefined;
	beforeAll(async () => {
		engine = await createNodeEngine();
	});
	return () => {
		if (!engine) throw new Error('engine not started');
		return engine;
	};
}

export async function load(engine: Engine, files: SourceFile[], opts: LoadOptions = {}): Promise<Dataset> {
	return loadDataset(engine, files, opts);
}

export const DEMO = path.join(ROOT, 'data/demo');

/** The demo data's files (data/demo), as the dashboard loads them. */
export function demoFiles(): SourceFile[] {
	return fs
		.readdirSync(DEMO)
		.filter((f) => /\.(parquet|csv)$/.test(f))
		.map((f) => fixture(DEMO, f));
}

/** Cases per part when the demo's tables are built: whole jobcenters and jobcenters split by age group, as at ten million cases (see parts.ts). */
export const DEMO_PARTS = { events: 2000, tallies: 2000 };

/** Loads the demo data once for the calling test file and builds its monthly tables and tallies (aggregates.ts). */
export function useDemo(engine: () => Engine): () => Dataset {
	let ds: Dataset | undefined;
	beforeAll(async () => {
		ds = await load(engine(), demoFiles());
		await buildAggregates(engine(), ds.stichtag!.date, {}, DEMO_PARTS);
	}, 60_000);
	return () => {
		if (!ds) throw new Error('demo not loaded');
		return ds;
	};
}

/** The cubes of the demo's monthly tables and tallies, as the dashboard holds them (register after useDemo). */
export function useCubes(engine: () => Engine): () => Cubes {
	let cubes: Cubes | undefined;
	beforeAll(async () => {
		cubes = await readCubes(engine(), TALLY_NAMES);
	}, 60_000);
	return () => {
		if (!cubes) throw new Error('cubes not read');
		return cubes;
	};
}

/** The file report of `name`, failing loudly when it is not there. */
export function reportOf(ds: Dataset, name: string): FileReport {
	const r = ds.load.files.find((f) => f.file === name);
	if (!r) throw new Error(`no report for ${name}`);
	return r;
}

/** `SELECT key, count(*)` as a plain object, for comparing distributions. */
export async function countBy(engine: Engine, sql: string, params: unknown[] = []): Promise<Record<string, number>> {
	const rows = await engine.query<{ k: string; n: number }>(sql, params);
	return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
}

/** The rejected rows of a file, ordered by record, as [rec or line, reason]. */
export async function rejectedRows(engine: Engine, fileIndex = 0): Promise<{ rec: number | null; line: number | null; reason: string; raw: string | null }[]> {
	return engine.query(
		'SELECT rec, line, reason, raw FROM rejected_rows WHERE file = ? ORDER BY coalesce(rec, line), reason',
		[fileIndex]
	);
}

/** Checks that the file's ledger balances: every row accepted or rejected. */
export function balanced(r: FileReport): boolean {
	const sum = Object.values(r.rejected_reasons).reduce((a, b) => a + b, 0);
	return r.rows === r.accepted + r.rejected && sum === r.rejected;
}

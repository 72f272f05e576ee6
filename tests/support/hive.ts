/**
 * The demo data as a Hive-partitioned layout, the way a Land or the BA would publish it:
 * cases by jobcenter and entry year (with a wide free-text column the contract does not use,
 * which a reader that fetches only contract columns never downloads), stock by jobcenter, measures and milestones as single files, the
 * jobcenters and meta tables as CSV. Written by native DuckDB (`PARTITION_BY`), so the
 * partition columns are in the folder names only, not in the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const DEMO = path.resolve('data/demo');
export const JOBCENTERS = ['JC01', 'JC02', 'JC03', 'JC04', 'JC05', 'JC06', 'JC07', 'JC08'];

const q = (s: string) => "'" + s.replace(/'/g, "''") + "'";

/** Runs statements in native DuckDB and returns the rows of the last one. */
export async function native(sql: string[]): Promise<Record<string, unknown>[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	try {
		let rows: Record<string, unknown>[] = [];
		for (const s of sql) rows = (await conn.runAndReadAll(s)).getRowObjectsJS() as Record<string, unknown>[];
		return rows;
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

export const demo = (name: string) => `read_parquet(${q(path.join(DEMO, name))})`;

export async function writeHiveLayout(dir: string): Promise<void> {
	fs.mkdirSync(dir, { recursive: true });
	const to = (p: string) => q(path.join(dir, p));
	await native([
		`COPY (SELECT *, year(entry_date) AS year, concat_ws(' ', 'Verlauf', md5(case_id), md5(case_id || 'a'), md5(case_id || 'b'), md5(case_id || 'c'), md5(case_id || 'd'), md5(case_id || 'e')) AS bemerkung FROM ${demo('cases.parquet')})
			TO ${to('cases')} (FORMAT parquet, PARTITION_BY (jobcenter_id, year))`,
		`COPY (SELECT * FROM ${demo('stock.parquet')}) TO ${to('stock')} (FORMAT parquet, PARTITION_BY (jobcenter_id))`
	]);
	for (const t of ['measures', 'milestones']) {
		fs.mkdirSync(path.join(dir, t), { recursive: true });
		await native([`COPY (SELECT * FROM ${demo(t + '.parquet')}) TO ${to(t + '/part-0.parquet')} (FORMAT parquet)`]);
	}
	for (const t of ['jobcenters', 'meta']) {
		fs.mkdirSync(path.join(dir, t), { recursive: true });
		fs.copyFileSync(path.join(DEMO, t + '.csv'), path.join(dir, t, t + '.csv'));
	}
}

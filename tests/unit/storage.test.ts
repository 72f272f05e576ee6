import { describe, expect, it } from 'vitest';
import { compressTables } from '../../src/lib/data/schema';
import type { Engine } from '../../src/lib/data/engine';
import { buildReports } from '../../src/lib/indicators/report';
import { csv, demoFiles, load, useEngine } from './helpers';

/** Where each table of a load is: `memory` (uncompressed) or `tm` (compressed), by name. */
async function placed(engine: Engine): Promise<Record<string, string[]>> {
	const rows = await engine.query<{ db: string; name: string }>(
		"SELECT database_name AS db, table_name AS name FROM duckdb_tables() WHERE table_name IN ('cases', 'measures', 'milestones', 'case_referrals') ORDER BY 2, 1"
	);
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[r.name] ??= []).push(r.db);
	return out;
}

/** A table's rows in their stored order, as text. */
async function rowsOf(engine: Engine, table: string): Promise<string[]> {
	return (await engine.query<{ r: string }>(`SELECT CAST(t AS VARCHAR) AS r FROM ${table} t`)).map((x) => x.r);
}

describe('storage: filled uncompressed, compressed after the first chart', () => {
	const engine = useEngine();

	it('moves every row, in its order, into the compressed database; the report stays the same', async () => {
		const ds = await load(engine(), demoFiles());
		expect(ds.compressLater).toBe(true);
		// The twin in `memory` holds the rows; the table in `tm` is empty until the move.
		expect(await placed(engine())).toEqual({ case_referrals: ['memory', 'tm'], cases: ['memory', 'tm'], measures: ['memory', 'tm'], milestones: ['memory', 'tm'] });
		const [{ n: before }] = await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM tm.main.cases');
		expect(before).toBe(0);
		const cases = await rowsOf(engine(), 'cases');
		const referrals = await rowsOf(engine(), 'case_referrals');
		expect(cases.length).toBe(ds.tables.cases);
		const { report } = await buildReports(engine(), ds);

		expect(await compressTables(engine())).toBe(true);
		expect(await placed(engine())).toEqual({ case_referrals: ['tm'], cases: ['tm'], measures: ['tm'], milestones: ['tm'] });
		expect(await rowsOf(engine(), 'cases')).toEqual(cases);
		expect(await rowsOf(engine(), 'case_referrals')).toEqual(referrals);
		expect((await buildReports(engine(), ds)).report).toEqual(report);
		// Nothing left to move.
		expect(await compressTables(engine())).toBe(true);
	});

	it('stops before the next table once a newer load began', async () => {
		await load(engine(), demoFiles());
		const twins = async () =>
			(await engine().query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'memory' AND table_name <> 'rejected_rows'"))[0].n;
		const before = await twins();
		expect(before).toBe(7); // the six contract tables and the referral reasons
		let asked = 0;
		expect(await compressTables(engine(), () => ++asked <= 2)).toBe(false);
		// Two tables moved; the others still uncompressed, where unqualified names find them.
		expect(await twins()).toBe(5);
		expect(await compressTables(engine())).toBe(true);
		expect(await twins()).toBe(0);
	});

	it('compresses while filling when the files may hold more rows than the limit; a CSV counts by its size', async () => {
		const ds = await load(engine(), demoFiles(), { compressLaterMaxRows: 1000 });
		expect(ds.compressLater).toBe(false);
		expect(await placed(engine())).toEqual({ case_referrals: ['tm'], cases: ['tm'], measures: ['tm'], milestones: ['tm'] });
		// 73 bytes: three rows at 32 bytes a row (rounded up), whatever the file holds.
		const bytes = csv('case_id,person_id,jobcenter_id\nC1,P1,JC01\nC2,P2,JC01\nC3,P3,JC01\nC4,P4,JC0');
		expect(bytes.byteLength).toBe(73);
		const small = { name: 'cases.csv', bytes };
		expect((await load(engine(), [small], { compressLaterMaxRows: 3 })).compressLater).toBe(true);
		expect((await load(engine(), [small], { compressLaterMaxRows: 2 })).compressLater).toBe(false);
	});
});

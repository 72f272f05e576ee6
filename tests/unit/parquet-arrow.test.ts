/**
 * The fast Parquet path (parquet-wasm, src/lib/data/parquet-arrow.ts) must give exactly what
 * the general path (hyparquet) gives, take only the files it can, and leave the rest (and its
 * own failures) to the general path.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it } from 'vitest';
import { plainColumn, useParquetDecoder, wholeRowGroups, type ParquetDecoder } from '../../src/lib/data/parquet-arrow';
import type { SourceFile } from '../../src/lib/data/loader';
import { buildReport } from '../../src/lib/indicators/report';
import { demoFiles, load, useEngine } from './helpers';

const engine = useEngine();

/** The engine's decoder, counted; and the general path (no decoder) for comparison. */
let restore: ParquetDecoder | null | undefined;
function countCalls(): { calls: number } {
	const seen = { calls: 0 };
	const real = useParquetDecoder(null)!;
	restore ??= real;
	useParquetDecoder((r) => {
		seen.calls++;
		return real(r);
	});
	return seen;
}
function generalPath(): void {
	const real = useParquetDecoder(null);
	restore ??= real;
}
afterEach(() => {
	if (restore !== undefined) useParquetDecoder(restore);
	restore = undefined;
});

const snapshot = async () => {
	const out: Record<string, unknown[]> = {};
	for (const t of ['cases', 'measures', 'milestones', 'case_referrals', 'rejected_rows'])
		out[t] = await engine().query(`SELECT CAST(t AS VARCHAR) AS r FROM (SELECT * FROM ${t}) t ORDER BY ALL`);
	return out;
};

describe('which parts the fast path takes', () => {
	it('takes whole row groups only', () => {
		expect(wholeRowGroups([4, 4, 2], 0, 10)).toEqual([0, 1, 2]);
		expect(wholeRowGroups([4, 4, 2], 4, 8)).toEqual([1]);
		expect(wholeRowGroups([4, 4, 2], 8, 10)).toEqual([2]);
		expect(wholeRowGroups([4, 4, 2], 0, 3)).toBeNull();
		expect(wholeRowGroups([7], 3, 6)).toBeNull();
		expect(wholeRowGroups([], 0, 0)).toEqual([]);
	});

	it('takes plain UTF-8, DATE, INT32 and BOOLEAN columns only', () => {
		const el = (e: object) => ({ name: 'x', repetition_type: 'OPTIONAL', ...e }) as never;
		expect(plainColumn(el({ type: 'BYTE_ARRAY', converted_type: 'UTF8' }))).toBe(true);
		expect(plainColumn(el({ type: 'BYTE_ARRAY', logical_type: { type: 'STRING' } }))).toBe(true);
		expect(plainColumn(el({ type: 'BYTE_ARRAY' }))).toBe(false);
		expect(plainColumn(el({ type: 'BYTE_ARRAY', converted_type: 'JSON' }))).toBe(false);
		expect(plainColumn(el({ type: 'INT32', converted_type: 'DATE' }))).toBe(true);
		expect(plainColumn(el({ type: 'INT32' }))).toBe(true);
		expect(plainColumn(el({ type: 'INT32', converted_type: 'INT_8' }))).toBe(false);
		expect(plainColumn(el({ type: 'INT64' }))).toBe(false);
		expect(plainColumn(el({ type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }))).toBe(false);
		expect(plainColumn(el({ type: 'BOOLEAN' }))).toBe(true);
		expect(plainColumn(el({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REPEATED' }))).toBe(false);
		expect(plainColumn(undefined)).toBe(false);
	});
});

describe('the fast path gives what the general path gives', () => {
	it('for the demo, from bytes and from Blobs, and its report', async () => {
		generalPath();
		const general = await load(engine(), demoFiles());
		const generalTables = await snapshot();
		const generalReport = await buildReport(engine(), general, {});

		const seen = countCalls();
		const fast = await load(engine(), demoFiles());
		// cases, measures and milestones of the demo are Parquet with plain columns only.
		expect(seen.calls).toBe(3);
		expect(fast.load).toEqual(general.load);
		expect(fast.tables).toEqual(general.tables);
		expect(await snapshot()).toEqual(generalTables);
		expect(await buildReport(engine(), fast, {})).toEqual(generalReport);

		const asBlob = (f: SourceFile): SourceFile => ('bytes' in f ? { name: f.name, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) } : f);
		const blobs = await load(engine(), demoFiles().map(asBlob));
		expect(seen.calls).toBe(6);
		expect(blobs.load).toEqual(general.load);
		expect(await snapshot()).toEqual(generalTables);
	});

	it('when the decoder fails, the general path loads the file', async () => {
		generalPath();
		const general = await load(engine(), demoFiles());
		const generalTables = await snapshot();
		let calls = 0;
		useParquetDecoder(async () => {
			calls++;
			throw new Error('out of memory');
		});
		const ds = await load(engine(), demoFiles());
		expect(calls).toBe(3);
		expect(ds.load).toEqual(general.load);
		expect(await snapshot()).toEqual(generalTables);
	});

	it('leaves a file with a column it does not take (a TIMESTAMP) to the general path', async () => {
		const pq = new Uint8Array(
			parquetWriteBuffer({
				columnData: [
					{ name: 'case_id', data: ['A1', 'A2'] },
					{ name: 'jobcenter_id', data: ['JC1', 'JC2'] },
					{ name: 'entry_date', data: [new Date('2023-01-02T00:00:00Z'), new Date('2023-02-03T00:00:00Z')] }
				],
				schema: [
					{ name: 'root', num_children: 3 },
					{ name: 'case_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
					{ name: 'jobcenter_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
					{ name: 'entry_date', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' }
				]
			})
		);
		const seen = countCalls();
		const ds = await load(engine(), [{ name: 'cases.parquet', bytes: pq }]);
		expect(seen.calls).toBe(0);
		expect(ds.load.files[0]).toMatchObject({ rows: 2, accepted: 2 });
		expect(await engine().query('SELECT CAST(entry_date AS VARCHAR) AS d FROM cases ORDER BY _rec')).toEqual([{ d: '2023-01-02' }, { d: '2023-02-03' }]);
	});
});

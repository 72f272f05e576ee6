/**
 * Files as they arrive (DATA.md "Files and formats", "Validation"): a file that cannot be
 * read gets one clear German sentence and the others still load; Parquet from our own
 * writer loads like the CSV it mirrors; real Parquet files from other writers are read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { inspect, stage, UnreadableFile } from '../../src/lib/data/read';
import { rowRanges } from '../../src/lib/data/loader';
import { csv, file, load, useEngine } from './helpers';

const CASES_CSV = `case_id;jobcenter_id;referral_date;entry_date;exit_date;exit_reason;employability_entry
A1;Jobcenter Süd;2022-12-15;2023-01-02;2023-03-01;Arbeitsaufnahme;2
A2;Jobcenter Süd;;2023-01-03;;;
A3;Jobcenter Nord;2023-01-01;2023-01-04;2023-05-01;Reha;4
A4;Jobcenter Nord;;2023-01-05;;;1
A5;Jobcenter Nord;;2023-01-06;2023-01-05;Reha;3`;

const d = (s: string | null) => (s ? new Date(s + 'T00:00:00Z') : null);
const str = (name: string, required = true) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: required ? 'REQUIRED' : 'OPTIONAL' }) as const;

/** The same five cases as CASES_CSV, with DATE, TIMESTAMP and INT32 columns. */
function casesParquet(opts: { codec?: 'SNAPPY' | 'UNCOMPRESSED'; rowGroupSize?: number } = {}): Uint8Array {
	const buf = parquetWriteBuffer({
		codec: opts.codec,
		rowGroupSize: opts.rowGroupSize,
		columnData: [
			{ name: 'case_id', data: ['A1', 'A2', 'A3', 'A4', 'A5'] },
			{ name: 'jobcenter_id', data: ['Jobcenter Süd', 'Jobcenter Süd', 'Jobcenter Nord', 'Jobcenter Nord', 'Jobcenter Nord'] },
			{ name: 'referral_date', data: [d('2022-12-15'), null, d('2023-01-01'), null, null] },
			{ name: 'entry_date', data: ['2023-01-02', '2023-01-03', '2023-01-04', '2023-01-05', '2023-01-06'].map(d) },
			{ name: 'exit_date', data: ['2023-03-01', null, '2023-05-01', null, '2023-01-05'].map(d) },
			{ name: 'exit_reason', data: ['Arbeitsaufnahme', null, 'Reha', null, 'Reha'] },
			{ name: 'employability_entry', data: [2, null, 4, 1, 3] }
		],
		schema: [
			{ name: 'root', num_children: 7 },
			str('case_id'),
			str('jobcenter_id'),
			{ name: 'referral_date', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
			{ name: 'entry_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
			{ name: 'exit_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
			str('exit_reason', false),
			{ name: 'employability_entry', type: 'INT32', repetition_type: 'OPTIONAL' }
		]
	});
	return new Uint8Array(buf);
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

const engine = useEngine();

describe('unreadable files', () => {
	it('get one sentence each, and the good file in the same load still loads', async () => {
		const pq = casesParquet();
		// Footer intact, first page header overwritten: the columns are listed, the data not readable.
		const garbled = casesParquet({ codec: 'UNCOMPRESSED' });
		garbled.fill(0xff, 4, 24);
		const ds = await load(engine(), [
			{ name: 'leer.csv', bytes: new Uint8Array(0) },
			file('nur-leerzeilen.csv', '\n  \n\n'),
			{ name: 'bild.png', bytes: PNG },
			{ name: 'abgeschnitten.parquet', bytes: pq.subarray(0, Math.floor(pq.length / 2)) },
			file('text.parquet', 'case_id;jobcenter_id;entry_date\nB1;JC;2023-01-01'),
			{ name: 'kaputte-seiten.parquet', bytes: garbled },
			file('cases.csv', CASES_CSV)
		]);
		expect(ds.load.files.map((f) => [f.file, f.error])).toEqual([
			['leer.csv', 'Die Datei ist leer.'],
			['nur-leerzeilen.csv', 'Die Datei ist leer.'],
			['bild.png', 'Die Datei ist weder CSV noch Parquet (sie enthält Binärdaten).'],
			['abgeschnitten.parquet', 'Die Parquet-Datei ist unvollständig (abgeschnitten) und kann nicht gelesen werden.'],
			['text.parquet', 'Die Datei heißt .parquet, ist aber keine Parquet-Datei.'],
			['kaputte-seiten.parquet', expect.stringMatching(/^Die Parquet-Datei kann nicht gelesen werden \(.+\)\.$/)],
			['cases.csv', null]
		]);
		for (const f of ds.load.files.slice(0, 6)) {
			expect(f.error).toMatch(/^[A-ZÄÖÜ][^\n]*\.$/); // one sentence, no stack trace
			expect([f.rows, f.accepted, f.rejected]).toEqual([0, 0, 0]);
		}
		// The garbled file was recognised from its footer, but nothing of it was loaded.
		expect(ds.load.files.map((f) => f.table)).toEqual([null, null, null, null, null, 'cases', 'cases']);
		expect(ds.load.files[6]).toMatchObject({ table: 'cases', rows: 5, accepted: 4, rejected: 1 });
		expect(ds.tables.cases).toBe(4);
	});

	it('reads UTF-16 with a byte order mark', async () => {
		const text = 'case_id;jobcenter_id;entry_date\r\nA1;Jobcenter Süd;2023-01-02\r\n';
		const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
		const ds = await load(engine(), [{ name: 'utf16.csv', bytes: le }]);
		expect(ds.files[0].encoding).toBe('utf-16le');
		expect(await engine().query('SELECT jobcenter_id FROM cases')).toEqual([{ jobcenter_id: 'Jobcenter Süd' }]);
	});
});

describe('Parquet written by hyparquet-writer', () => {
	const snapshot = () =>
		engine().query(
			`SELECT _rec, case_id, jobcenter_id, CAST(referral_date AS VARCHAR) AS referral_date, CAST(entry_date AS VARCHAR) AS entry_date,
			        CAST(exit_date AS VARCHAR) AS exit_date, exit_reason, employability_entry::INTEGER AS bf FROM cases ORDER BY _rec`
		);

	it.each([
		['snappy, one row group', {}],
		['uncompressed, row groups of two', { codec: 'UNCOMPRESSED', rowGroupSize: 2 }]
	] as const)('loads like the CSV equivalent (%s)', async (_label, opts) => {
		const fromCsv = await load(engine(), [{ name: 'cases.csv', bytes: csv(CASES_CSV) }]);
		const csvRows = await snapshot();
		const fromPq = await load(engine(), [{ name: 'cases.parquet', bytes: casesParquet(opts) }]);
		expect(fromPq.files[0].format).toBe('parquet');
		const strip = (r: (typeof fromPq.load.files)[0]) => ({ ...r, file: '' });
		expect(strip(fromPq.load.files[0])).toEqual(strip(fromCsv.load.files[0]));
		expect(fromPq.load.files[0]).toMatchObject({ rows: 5, accepted: 4, rejected: 1, rejected_reasons: { exit_before_entry: 1 } });
		expect(await snapshot()).toEqual(csvRows);
		expect(csvRows[0]).toEqual({ _rec: 1, case_id: 'A1', jobcenter_id: 'Jobcenter Süd', referral_date: '2022-12-15', entry_date: '2023-01-02', exit_date: '2023-03-01', exit_reason: 'arbeit_ausbildung', bf: 2 });
		expect(fromPq.stichtag).toEqual(fromCsv.stichtag);
	});

	it('stages a Parquet file in parts of whole row groups, cutting only a row group larger than a part', async () => {
		expect(rowRanges(10, 5, [4, 4, 2])).toEqual([
			{ start: 0, end: 4 },
			{ start: 4, end: 8 },
			{ start: 8, end: 10 }
		]);
		expect(rowRanges(7, 3, [7])).toEqual([
			{ start: 0, end: 3 },
			{ start: 3, end: 6 },
			{ start: 6, end: 7 }
		]);
		expect(rowRanges(0, 3, [])).toEqual([{ start: 0, end: 0 }]);
		// Row groups of two, parts of three rows: parts of one row group each, the same load.
		const whole = await load(engine(), [{ name: 'cases.parquet', bytes: casesParquet({ rowGroupSize: 2 }) }]);
		const wholeRows = await snapshot();
		const parted = await load(engine(), [{ name: 'cases.parquet', bytes: casesParquet({ rowGroupSize: 2 }) }], { chunkRows: 3 });
		expect(parted.load).toEqual(whole.load);
		expect(await snapshot()).toEqual(wholeRows);
		expect(wholeRows.length).toBe(4);
	});

	it('keeps the rejection reasons and warnings of typed DATE, INT32 and BOOLEAN columns, exactly as their text would', async () => {
		// Typed columns are validated without going through text; each bad value still gets its
		// own reason, and everything equals the CSV holding the text the staging used to write.
		const day = (s: string) => {
			const [y, m, dd] = s.split('-').map(Number);
			return Date.UTC(y, m - 1, dd) / 86400000;
		};
		const pq = new Uint8Array(parquetWriteBuffer({
			columnData: [
				{ name: 'case_id', data: ['A1', 'A2', 'A3', 'A4', 'A5', 'A1', 'A7', 'A8'] },
				{ name: 'jobcenter_id', data: ['JC1', 'JC1', 'JC1', 'JC2', 'JC2', 'JC2', 'JC2', 'JC2'] },
				{ name: 'entry_date', data: ['2023-01-02', null, '2023-01-04', '2023-01-05', '2023-01-06', '2023-01-07', '10000-01-01', '0999-03-04'].map((v) => (v ? day(v) : null)) },
				{ name: 'exit_date', data: ['2023-03-01', null, null, null, '2023-01-05', null, null, null].map((v) => (v ? day(v) : null)) },
				{ name: 'exit_reason', data: ['Reha', null, null, 'Reha', 'Reha', null, null, null] },
				{ name: 'needs_count', data: [3, 1, 0, -2, 1, 1, 1, null] },
				{ name: 'employability_entry', data: [2, 1, 7, 4, 3, 1, 1, null] },
				{ name: 'extended', data: [true, false, null, null, true, false, true, null] },
				{ name: 'zg_sucht', data: [true, null, false, true, true, true, false, true] }
			],
			schema: [
				{ name: 'root', num_children: 9 },
				str('case_id'),
				str('jobcenter_id'),
				{ name: 'entry_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
				{ name: 'exit_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
				str('exit_reason', false),
				{ name: 'needs_count', type: 'INT32', repetition_type: 'OPTIONAL' },
				{ name: 'employability_entry', type: 'INT32', repetition_type: 'OPTIONAL' },
				{ name: 'extended', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
				{ name: 'zg_sucht', type: 'BOOLEAN', repetition_type: 'OPTIONAL' }
			]
		}));
		const text = `case_id;jobcenter_id;entry_date;exit_date;exit_reason;needs_count;employability_entry;extended;zg_sucht
			A1;JC1;2023-01-02;2023-03-01;Reha;3;2;true;true
			A2;JC1;;;;1;1;false;
			A3;JC1;2023-01-04;;;0;7;;false
			A4;JC2;2023-01-05;;Reha;-2;4;;true
			A5;JC2;2023-01-06;2023-01-05;Reha;1;3;true;true
			A1;JC2;2023-01-07;;;1;1;false;true
			A7;JC2;+010000-01;;;1;1;true;false
			A8;JC2;0999-03-04;;;;;;true`;
		const tables = async () => ({
			cases: await engine().query(
				`SELECT _rec, case_id, jobcenter_id, CAST(entry_date AS VARCHAR) AS entry, CAST(exit_date AS VARCHAR) AS exit, exit_reason,
				        needs_count, employability_entry::INTEGER AS bf, extended FROM cases ORDER BY _rec`
			),
			referrals: await engine().query('SELECT case_id, reason FROM case_referrals ORDER BY ALL'),
			rejected: await engine().query('SELECT rec, reason, raw FROM rejected_rows ORDER BY rec')
		});
		const fromCsv = await load(engine(), [{ name: 'cases.csv', bytes: csv(text) }]);
		const csvTables = await tables();
		const fromPq = await load(engine(), [{ name: 'cases.parquet', bytes: pq }]);
		const pqTables = await tables();
		expect(fromPq.load.files[0]).toMatchObject({
			rows: 8,
			accepted: 3,
			rejected: 5,
			rejected_reasons: {
				'missing_value:entry_date': 1,
				'score_out_of_range:employability_entry': 1,
				exit_before_entry: 1,
				duplicate_case_id: 1,
				'invalid_date:entry_date': 1
			},
			warnings: { 'invalid_value:needs_count': 1 }
		});
		const strip = (r: (typeof fromPq.load.files)[0]) => ({ ...r, file: '' });
		expect(strip(fromPq.load.files[0])).toEqual(strip(fromCsv.load.files[0]));
		expect(pqTables).toEqual(csvTables);
		// In parts of three rows (the duplicate of row 1 is in the second part): the same.
		const parts = await load(engine(), [{ name: 'cases.parquet', bytes: pq }], { chunkRows: 3 });
		expect(parts.load).toEqual(fromPq.load);
		expect(await tables()).toEqual(pqTables);
		expect(pqTables.cases.map((c) => [c.case_id, c.extended])).toEqual([['A1', true], ['A4', false], ['A8', false]]);
		expect(pqTables.rejected.find((r) => r.rec === 7)).toEqual({ rec: 7, reason: 'invalid_date:entry_date', raw: 'A7 | JC2 | +010000-01 |  |  | 1 | 1 | true' });
	});

	it('reads BOOLEAN columns of a measures file', async () => {
		const measures = new Uint8Array(parquetWriteBuffer({
			columnData: [
				{ name: 'case_id', data: ['A1', 'A3', 'A9'], type: 'STRING' },
				{ name: 'massnahme', data: ['§16a Suchtberatung', '§45 AktivCenter', '§16d AGH'], type: 'STRING' },
				{ name: 'ermoeglichung', data: [true, false, true], type: 'BOOLEAN' },
				{ name: 'beginn', data: ['01.02.2023', '2023-02-01', '2023-02-01'], type: 'STRING' }
			]
		}));
		const ds = await load(engine(), [{ name: 'cases.csv', bytes: csv(CASES_CSV) }, { name: 'massnahmen.parquet', bytes: measures }]);
		expect(ds.load.files[1]).toMatchObject({ table: 'measures', rows: 3, accepted: 2, rejected: 1, rejected_reasons: { unknown_case_id: 1 } });
		expect(await engine().query('SELECT case_id, measure, aims_employability AS a, CAST(start_date AS VARCHAR) AS s FROM measures ORDER BY _rec')).toEqual([
			{ case_id: 'A1', measure: '§16a Suchtberatung', a: true, s: '2023-02-01' },
			{ case_id: 'A3', measure: '§45 AktivCenter', a: false, s: '2023-02-01' }
		]);
	});
});

const CORPUS = path.resolve('../shared/fixtures/parquet-testing');

/** Row counts of the Apache parquet-testing files, as their writers recorded them. */
const ROWS: Record<string, number> = {
	'alltypes_dictionary.parquet': 2,
	'alltypes_plain.parquet': 8,
	'alltypes_plain.snappy.parquet': 2,
	'byte_stream_split.zstd.parquet': 300,
	'concatenated_gzip_members.parquet': 513,
	'datapage_v2.snappy.parquet': 5,
	'delta_length_byte_array.parquet': 1000,
	'hadoop_lz4_compressed.parquet': 4,
	'int96_from_spark.parquet': 6,
	'large_string_map.brotli.parquet': 2,
	'lz4_raw_compressed.parquet': 4,
	'nation.dict-malformed.parquet': 25,
	'nested_lists.snappy.parquet': 3,
	'non_hadoop_lz4_compressed.parquet': 4,
	'nulls.snappy.parquet': 8,
	'rle-dict-uncompressed-corrupt-checksum.parquet': 1000
};
const ENCRYPTED = 'uniform_encryption.parquet.encrypted';
/**
 * What hyparquet cannot decode: a dictionary page that claims more values than it holds,
 * and a map column of 2 GiB uncompressed strings (decoding it takes > 1 GB of memory, so it
 * is not decoded here; only its footer is read, as the loader does for unmapped files).
 */
const UNDECODABLE = ['nation.dict-malformed.parquet'];
const TOO_BIG_TO_DECODE = ['large_string_map.brotli.parquet'];

describe.skipIf(!fs.existsSync(CORPUS))('Parquet files from other writers (../shared/fixtures/parquet-testing)', () => {
	const read = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS, name))) });

	it('has the files this test knows', () => {
		expect(fs.readdirSync(CORPUS).filter((f) => f !== 'README.md').sort()).toEqual([...Object.keys(ROWS), ENCRYPTED].sort());
	});

	it('reads every readable file as no table, and the encrypted one gets one sentence', async () => {
		const names = [...Object.keys(ROWS), ENCRYPTED];
		const ds = await load(engine(), [...names.map(read), file('cases.csv', CASES_CSV)]);
		for (const [i, name] of names.entries()) {
			const r = ds.load.files[i];
			if (name === ENCRYPTED) {
				expect(r.error).toMatch(/verschlüsselt/);
				expect(r.error).not.toContain('\n');
				continue;
			}
			expect([name, r.error, r.table, r.rows, r.accepted, r.rejected]).toEqual([name, null, null, ROWS[name], 0, ROWS[name]]);
			expect(r.rejected_reasons).toEqual({ unrecognised_table: ROWS[name] });
		}
		expect(ds.load.files.at(-1)).toMatchObject({ file: 'cases.csv', error: null, accepted: 4 });
	});

	it.each(Object.keys(ROWS).filter((f) => !TOO_BIG_TO_DECODE.includes(f)))('decodes every column of %s', async (name) => {
		const { bytes } = read(name);
		const inspected = await inspect(engine(), name, bytes);
		expect(inspected.rows).toBe(ROWS[name]);
		const select = inspected.headers.map((h, i) => ({ source: h, as: `c${i}` }));
		const staging = stage(engine(), inspected, select, 'tm_corpus');
		if (UNDECODABLE.includes(name)) {
			await expect(staging).rejects.toBeInstanceOf(UnreadableFile);
			await expect(staging).rejects.toThrow(/^Die Parquet-Datei kann nicht gelesen werden \(.+\)\.$/);
			return;
		}
		expect((await staging).rows).toBe(ROWS[name]);
		const [{ n }] = await engine().query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM tm_corpus');
		expect(n).toBe(ROWS[name]);
	});
});

/**
 * Hive-partitioned Parquet by URL, against a real HTTP server on loopback (range requests,
 * CORS, an S3 listing) and the real DuckDB-WASM engine: pruning loads exactly the chosen
 * partitions, only footers and contract columns travel, and the numbers equal a local load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDataServer, filesUnder, writeManifest, type Served } from '../../scripts/serve-data';
import { listRemote, openRemote, parseS3List, partitionOf, prune, type RemotePart } from '../../src/lib/data/remote';
import { buildReport } from '../../src/lib/indicators/report';
import type { SourceFile } from '../../src/lib/data/loader';
import { DEMO, demo, native, writeHiveLayout } from '../support/hive';
import { load, reportOf, useEngine } from './helpers';

const engine = useEngine();
let root: string;
let base: string;
let log: Served[];
let close: () => void;

beforeAll(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-remote-'));
	// The same layout twice: a static server with a manifest, and an S3 bucket without one.
	await writeHiveLayout(path.join(root, 'daten', 'hive'));
	fs.cpSync(path.join(root, 'daten', 'hive'), path.join(root, 'static', 'hive'), { recursive: true });
	writeManifest(path.join(root, 'static', 'hive'));
	const s = createDataServer(root, { allowOrigins: [], pageSize: 7 });
	log = s.log;
	await new Promise<void>((ok) => s.server.listen(0, '127.0.0.1', ok));
	base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
	close = () => s.server.close();
});

afterAll(() => {
	close?.();
	fs.rmSync(root, { recursive: true, force: true });
});

/** Every number to 12 significant digits. */
function rounded(v: unknown): unknown {
	if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
	if (Array.isArray(v)) return v.map(rounded);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
	return v;
}

const sizeOf = (p: RemotePart) => fs.statSync(path.join(root, new URL(p.url).pathname.split('/').map(decodeURIComponent).join('/'))).size;

describe('layout', () => {
	test('partition keys and the table come from the path; Hive escapes are undone', () => {
		expect(partitionOf('cases/jobcenter_id=JC01/year=2024/data_0.parquet')).toEqual({ table: 'cases', partition: { jobcenter_id: 'JC01', year: '2024' } });
		expect(partitionOf('table=stock/jobcenter_id=A%2FB/x.parquet')).toEqual({ table: 'stock', partition: { jobcenter_id: 'A/B' } });
		expect(partitionOf('jobcenters.csv')).toEqual({ table: null, partition: {} });
	});

	test('pruning by values and by a numeric range; files without the key are kept', () => {
		const parts = ['cases/jobcenter_id=JC01/year=9/a.parquet', 'cases/jobcenter_id=JC01/year=10/a.parquet', 'cases/jobcenter_id=JC02/year=10/a.parquet', 'jobcenters/j.csv'].map(
			(p) => ({ path: p, url: p, format: 'parquet' as const, ...partitionOf(p) })
		);
		const kept = (sel: Parameters<typeof prune>[1]) => prune(parts, sel).map((p) => p.path);
		expect(kept({ jobcenter_id: ['JC01'], year: { from: '10' } })).toEqual(['cases/jobcenter_id=JC01/year=10/a.parquet', 'jobcenters/j.csv']);
		expect(kept({ year: { to: '9' } })).toEqual(['cases/jobcenter_id=JC01/year=9/a.parquet', 'jobcenters/j.csv']);
		expect(kept({ jobcenter_id: [] })).toEqual(['jobcenters/j.csv']);
	});

	test('an S3 listing page: keys with entities, sizes, and the continuation token', () => {
		const page = parseS3List(
			'<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a/x=M&amp;S/p.parquet</Key><Size>12</Size></Contents>' +
				'<Contents><Key>b.csv</Key><Size>3</Size></Contents><NextContinuationToken>t&lt;1</NextContinuationToken></ListBucketResult>'
		);
		expect(page).toEqual({ entries: [{ key: 'a/x=M&S/p.parquet', size: 12 }, { key: 'b.csv', size: 3 }], next: 't<1' });
	});
});

describe('loading by URL', () => {
	test('a pruned selection loads exactly its partitions, by range requests, contract columns only', async () => {
		const listing = await listRemote(`${base}/static/hive/`);
		expect(listing.keys.jobcenter_id).toEqual(['JC01', 'JC02', 'JC03', 'JC04', 'JC05', 'JC06', 'JC07', 'JC08']);
		expect(listing.keys.year).toEqual(['2021', '2022', '2023', '2024']);
		const parts = prune(listing.parts, { jobcenter_id: ['JC01', 'JC03'], year: { from: '2023' } });
		// cases: 2 jobcenters × 2 years; stock: 2 jobcenters; measures, milestones, jobcenters, meta.
		expect(parts).toHaveLength(4 + 2 + 4);
		log.length = 0;
		const ds = await load(engine(), await openRemote(parts));

		const [want] = await native([
			`SELECT (SELECT count(*) FROM ${demo('cases.parquet')} WHERE jobcenter_id IN ('JC01', 'JC03') AND year(entry_date) >= 2023)::INTEGER AS cases,
				(SELECT count(*) FROM ${demo('stock.parquet')} WHERE jobcenter_id IN ('JC01', 'JC03'))::INTEGER AS stock`
		]);
		expect(ds.tables.cases).toBe(want.cases);
		expect(ds.tables.stock).toBe(want.stock);
		const cases = ds.load.files.filter((f) => f.file.startsWith('cases/'));
		expect(cases.map((f) => f.mapping['jobcenter_id'])).toEqual(['jobcenter_id', 'jobcenter_id', 'jobcenter_id', 'jobcenter_id']);
		expect(cases.every((f) => f.ignored_columns.includes('bemerkung') && f.ignored_columns.includes('year'))).toBe(true);
		const [{ jcs }] = await engine().query<{ jcs: string }>(`SELECT string_agg(DISTINCT jobcenter_id, ',' ORDER BY jobcenter_id) AS jcs FROM cases`);
		expect(jcs).toBe('JC01,JC03');

		// Only GETs (sizes came with the manifest), none for other partitions, every Parquet read a 206 range.
		expect(log.every((r) => r.method === 'GET')).toBe(true);
		expect(log.filter((r) => /JC0[245678]|year=202[12]/.test(r.path))).toEqual([]);
		const parquet = log.filter((r) => r.path.endsWith('.parquet'));
		expect(parquet.length).toBeGreaterThan(0);
		expect(parquet.every((r) => r.range !== null && r.status === 206)).toBe(true);
		const casesParts = parts.filter((p) => p.path.startsWith('cases/'));
		const casesSize = casesParts.reduce((s, p) => s + sizeOf(p), 0);
		const casesSent = parquet.filter((r) => r.path.includes('/cases/')).reduce((s, r) => s + r.bytes, 0);
		// The free-text column is most of each file and is never fetched.
		expect(casesSent).toBeLessThan(casesSize * 0.6);
		const allSize = parts.filter((p) => p.format === 'parquet').reduce((s, p) => s + sizeOf(p), 0);
		expect(parquet.reduce((s, r) => s + r.bytes, 0)).toBeLessThan(allSize);
	});

	test('the whole layout from an S3 listing gives the same report as the demo files loaded locally', async () => {
		log.length = 0;
		const listing = await listRemote(`${base}/daten/hive/`);
		expect(listing.parts).toHaveLength(filesUnder(path.join(root, 'daten', 'hive')).length);
		// 44 keys at 7 per page: the listing followed the continuation tokens.
		expect(log.filter((r) => r.path.startsWith('/daten?list-type=2')).length).toBe(Math.ceil(listing.parts.length / 7));
		const remote = await load(engine(), await openRemote(listing.parts));
		expect(remote.load.files.every((f) => f.error === null && f.rejected === 0)).toBe(true);
		const opts = { groupBy: 'jobcenter_id' as const };
		const fromServer = await buildReport(engine(), remote, opts);

		const local: SourceFile[] = ['cases.parquet', 'measures.parquet', 'milestones.parquet', 'stock.parquet', 'jobcenters.csv', 'meta.csv'].map((n) => ({
			name: n,
			bytes: new Uint8Array(fs.readFileSync(path.join(DEMO, n)))
		}));
		const here = await load(engine(), local);
		const fromFiles = await buildReport(engine(), here, opts);
		expect(remote.tables).toEqual(here.tables);
		expect(fromServer.flow?.entries).toBeGreaterThan(0);
		// Equal but for the last bits of sums of doubles, which follow the (partitioned) row order.
		expect(rounded({ ...fromServer, load: null })).toEqual(rounded({ ...fromFiles, load: null }));
		expect(fromServer.flow).toEqual(fromFiles.flow);
		expect(fromServer.groups).toEqual(fromFiles.groups);
	});

	test('a file holding its partition key: empty cells take the path value, a different value refuses the file', async () => {
		const dir = path.join(root, 'daten', 'mixed', 'cases');
		for (const jc of ['JC01', 'JC02']) fs.mkdirSync(path.join(dir, `jobcenter_id=${jc}`), { recursive: true });
		const rows = `SELECT * REPLACE (CASE WHEN case_id = (SELECT min(case_id) FROM ${demo('cases.parquet')} WHERE jobcenter_id = 'JC01') THEN NULL ELSE jobcenter_id END AS jobcenter_id)
			FROM ${demo('cases.parquet')} WHERE jobcenter_id = 'JC01' ORDER BY case_id LIMIT 10`;
		await native([`COPY (${rows}) TO '${path.join(dir, 'jobcenter_id=JC01', 'ok.parquet')}' (FORMAT parquet)`]);
		await native([`COPY (${rows}) TO '${path.join(dir, 'jobcenter_id=JC02', 'wrong.parquet')}' (FORMAT parquet)`]);

		const ds = await load(engine(), await openRemote((await listRemote(`${base}/daten/mixed/`)).parts));
		expect(reportOf(ds, 'cases/jobcenter_id=JC01/ok.parquet')).toMatchObject({ rows: 10, accepted: 10, rejected: 0, error: null });
		expect(reportOf(ds, 'cases/jobcenter_id=JC02/wrong.parquet').error).toBe(
			'Der Pfad der Datei nennt jobcenter_id=JC02, die Datei enthält aber jobcenter_id = JC01; sie liegt im falschen Ordner.'
		);
		const [{ n }] = await engine().query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cases WHERE jobcenter_id = 'JC01'`);
		expect(n).toBe(10);
	});

	test('a server that is not there gives a sentence key, not a stack', async () => {
		await expect(listRemote('http://127.0.0.1:1/daten/')).rejects.toMatchObject({ key: 'unreachable' });
		await expect(listRemote(`${base}/static/nichts.json`)).rejects.toMatchObject({ key: 'noListing', params: { status: 404 } });
	});
});

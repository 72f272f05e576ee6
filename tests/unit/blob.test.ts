/**
 * Files the user drops arrive as Blobs: a Parquet file is read by ranges (the page never
 * holds it whole), a CSV file whole. Both must load exactly as from their bytes, and a broken
 * file must still get its own sentence.
 */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/lib/data/loader';
import { buildReport } from '../../src/lib/indicators/report';
import { demoFiles, load, useEngine } from './helpers';

const engine = useEngine();

const asBlob = (f: SourceFile): SourceFile => ('bytes' in f ? { name: f.name, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) } : f);

describe('files dropped as Blobs', () => {
	it('load the demo exactly as its bytes do (Parquet by ranges, CSV whole)', async () => {
		const bytes = demoFiles();
		expect(bytes.map((f) => f.name)).toEqual(expect.arrayContaining(['cases.parquet', 'jobcenters.csv']));
		const fromBytes = await load(engine(), bytes);
		const reportFromBytes = await buildReport(engine(), fromBytes, {});
		const fromBlobs = await load(engine(), bytes.map(asBlob));
		expect(fromBlobs.load).toEqual(fromBytes.load);
		expect(fromBlobs.tables).toEqual(fromBytes.tables);
		expect(await buildReport(engine(), fromBlobs, {})).toEqual(reportFromBytes);
		expect(fromBlobs.tables.cases).toBeGreaterThan(1000);
	});

	it('in parts, as a large file is staged', async () => {
		const fromBytes = await load(engine(), demoFiles(), { chunkRows: 5000 });
		const fromBlobs = await load(engine(), demoFiles().map(asBlob), { chunkRows: 5000 });
		expect(fromBlobs.load).toEqual(fromBytes.load);
		expect(fromBlobs.tables).toEqual(fromBytes.tables);
	});

	it('give a cut-off, an encrypted and an empty file their own sentence', async () => {
		const cases = demoFiles().find((f) => f.name === 'cases.parquet') as { name: string; bytes: Uint8Array };
		const cut = cases.bytes.slice(0, cases.bytes.length - 100);
		const encrypted = new Uint8Array(cases.bytes);
		encrypted.set([0x50, 0x41, 0x52, 0x45], encrypted.length - 4); // "PARE": an encrypted footer
		const ds = await load(engine(), [
			{ name: 'cut.parquet', blob: new Blob([cut]) },
			{ name: 'secret.parquet', blob: new Blob([encrypted]) },
			{ name: 'empty.csv', blob: new Blob([]) }
		]);
		const error = (name: string) => ds.load.files.find((f) => f.file === name)?.error;
		expect(error('cut.parquet')).toBe('Die Parquet-Datei ist unvollständig (abgeschnitten) und kann nicht gelesen werden.');
		expect(error('secret.parquet')).toBe('Die Parquet-Datei ist verschlüsselt und kann ohne Schlüssel nicht gelesen werden.');
		expect(error('empty.csv')).toBe('Die Datei ist leer.');
	});
});

/**
 * Orchestrates one run of the demo generator: cases, measures and milestones are drawn
 * person by person and written block by block (one Parquet row group per block), then the
 * monthly stock, the jobcenters, the meta table with the Stichtag, and a manifest. The same
 * options give byte-identical files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JOBCENTERS } from './config';
import { parseIsoDate } from './dates';
import { CaseGenerator, newBuffers, type Buffers } from './cases';
import { Rng } from './random';
import { openSink, writeCsvTable, type OutputFormat, type TableSink } from './sinks';
import { StockCounter, stockTable } from './stock';
import { CASES_TABLE, JOBCENTERS_TABLE, MEASURES_TABLE, META_TABLE, MILESTONES_TABLE, TableBuffer } from './tables';
import { buildWorld } from './world';

export interface DemoOptions {
	cases: number;
	seed: number;
	outDir: string;
	format: OutputFormat;
	/** YYYY-MM-DD */
	stichtag: string;
}

export interface DemoResult {
	files: string[];
	rows: { cases: number; measures: number; milestones: number; stock: number; jobcenters: number };
}

/** Cases per block (and per Parquet row group): bounds the memory for any --cases. */
export const BLOCK_CASES = 50000;

const STREAMED = ['cases', 'measures', 'milestones', 'stock'] as const;
type Streamed = (typeof STREAMED)[number];

export function validateOptions(o: DemoOptions): void {
	if (!Number.isSafeInteger(o.cases) || o.cases < 1) throw new Error(`--cases must be a whole number ≥ 1, got ${o.cases}.`);
	if (!Number.isSafeInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
		throw new Error(`--seed must be a whole number between 0 and 4294967295, got ${o.seed}.`);
	if (o.format !== 'parquet' && o.format !== 'csv') throw new Error(`--format must be parquet or csv, got ${o.format}.`);
	if (parseIsoDate(o.stichtag) === null) throw new Error(`--stichtag must be a date YYYY-MM-DD, got ${o.stichtag}.`);
}

function jobcentersTable(): TableBuffer<typeof JOBCENTERS_TABLE> {
	const buffer = new TableBuffer(JOBCENTERS_TABLE);
	for (const jc of JOBCENTERS)
		buffer.append({
			jobcenter_id: jc.id,
			name: jc.name,
			state: jc.state,
			org_type: jc.orgType,
			comparison_type: jc.comparisonType,
			area_type: jc.areaType,
			ags: jc.ags
		});
	return buffer;
}

function metaTable(stichtag: string): TableBuffer<typeof META_TABLE> {
	const buffer = new TableBuffer(META_TABLE);
	buffer.append({ key: 'stichtag', value: stichtag });
	return buffer;
}

/** Removes this generator's files of the other format, so a directory never holds both. */
function removeOtherFormat(outDir: string, format: OutputFormat): void {
	const other = format === 'parquet' ? 'csv' : 'parquet';
	for (const table of STREAMED) fs.rmSync(path.join(outDir, `${table}.${other}`), { force: true });
}

export function generateDemo(options: DemoOptions): DemoResult {
	validateOptions(options);
	const { outDir, format } = options;
	fs.mkdirSync(outDir, { recursive: true });
	removeOtherFormat(outDir, format);

	const stichtag = parseIsoDate(options.stichtag) as number;
	const world = buildWorld({ cases: options.cases, seed: options.seed, stichtag });
	const file = (table: Streamed) => `${table}.${format}`;
	const sinks: Record<Exclude<Streamed, 'stock'>, TableSink> = {
		cases: openSink(path.join(outDir, file('cases')), CASES_TABLE, format),
		measures: openSink(path.join(outDir, file('measures')), MEASURES_TABLE, format),
		milestones: openSink(path.join(outDir, file('milestones')), MILESTONES_TABLE, format)
	};
	const rows = { cases: 0, measures: 0, milestones: 0, stock: 0, jobcenters: JOBCENTERS.length };
	const buffers: Buffers = newBuffers();
	const flush = () => {
		for (const table of ['cases', 'measures', 'milestones'] as const) {
			rows[table] += buffers[table].length;
			sinks[table].write(buffers[table]);
			buffers[table].clear();
		}
	};

	const stock = new StockCounter(world);
	const generator = new CaseGenerator(world, new Rng(options.seed), buffers, stock);
	while (generator.generated < options.cases) {
		generator.person();
		if (buffers.cases.length >= BLOCK_CASES) flush();
	}
	flush();
	for (const sink of Object.values(sinks)) sink.close();

	const stockBuffer = stockTable(world, stock, new Rng((options.seed ^ 0x5bd1e995) >>> 0));
	rows.stock = stockBuffer.length;
	const stockSink = openSink(path.join(outDir, file('stock')), stockBuffer.def, format);
	stockSink.write(stockBuffer);
	stockSink.close();

	writeCsvTable(path.join(outDir, 'jobcenters.csv'), jobcentersTable());
	writeCsvTable(path.join(outDir, 'meta.csv'), metaTable(options.stichtag));

	const files = [...STREAMED.map(file), 'jobcenters.csv', 'meta.csv'];
	const manifest = { files, generated: { cases: options.cases, seed: options.seed, stichtag: options.stichtag } };
	fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
	return { files, rows };
}

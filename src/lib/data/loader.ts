/**
 * Loads a set of files into the typed tables: read → recognise and map → stage → validate.
 * A file that cannot be read gets one sentence and the others go on. The load report it
 * returns is the `load` part of the report JSON, the same in the browser and the CLI.
 */
import { TABLES, type TableName } from './contract';
import { MACROS_SQL } from './macros';
import { finish, propose, type Proposal, type SavedMapping } from './mapping';
import { dropPrefetched } from './parquet-arrow';
import { UnreadableFile, inspect, inspectBlob, inspectRemote, prefetchPart, release, rowGroupSizes, sentence, stage, type Inspected, type RemoteParquet, type RowRange } from './read';
import { schemaSql } from './schema';
import { COMPRESS_LATER_MAX_ROWS, type Engine } from './engine';
import { validateStaged, type ValidationResult } from './validate';
import type { FileReport, LoadReport, StichtagInfo } from '../indicators/types';

/**
 * A file by its bytes (the demo, the report command), a file the user dropped (the browser's
 * Blob, read by ranges), or a Parquet file on a data server (remote.ts).
 */
export type SourceFile = { name: string; bytes: Uint8Array } | { name: string; blob: Blob } | { name: string; remote: RemoteParquet };

export interface LoadOptions {
	/** Mappings saved earlier, applied when a file's headers match. */
	saved?: SavedMapping[];
	/** Choices made in the mapping dialog for this load, by file name. */
	overrides?: Record<string, { table: TableName; mapping: Record<string, string> }>;
	/** A Stichtag the user set; a `meta` table still wins (DATA.md). */
	stichtag?: string | null;
	/** Rows per part of a Parquet file (default CHUNK_ROWS; smaller in tests). */
	chunkRows?: number;
	/** Up to how many rows in all files the tables are compressed only later (default COMPRESS_LATER_MAX_ROWS; smaller in tests). */
	compressLaterMaxRows?: number;
}

export interface LoadedFile {
	report: FileReport;
	headers: string[];
	proposal: Proposal | null;
	format: 'csv' | 'parquet' | null;
	encoding?: string;
	delimiter?: string;
}

export interface Dataset {
	load: LoadReport;
	files: LoadedFile[];
	stichtag: StichtagInfo | null;
	/** Rows per typed table; 0 means the table was not supplied. */
	tables: Record<TableName, number>;
	/** The tables were filled uncompressed: `compressTables` (schema.ts) moves them once the first chart is drawn. */
	compressLater: boolean;
}

const ORDER: (TableName | null)[] = [...TABLES.map((t) => t.name), null];

function emptyReport(file: string): FileReport {
	return {
		file,
		table: null,
		rows: 0,
		accepted: 0,
		rejected: 0,
		ignored_columns: [],
		refused_columns: [],
		warnings: {},
		error: null,
		rejected_reasons: {},
		mapping: {},
		unmapped_columns: []
	};
}

export async function loadDataset(engine: Engine, files: SourceFile[], opts: LoadOptions = {}): Promise<Dataset> {
	await engine.exec(MACROS_SQL);

	const inspected: { src: SourceFile; file?: Inspected; proposal?: Proposal; error?: string; index: number }[] = [];
	for (const [index, src] of files.entries()) {
		try {
			const file =
				'remote' in src
					? await inspectRemote(src.name, src.remote)
					: 'blob' in src
						? await inspectBlob(engine, src.name, src.blob)
						: await inspect(engine, src.name, src.bytes);
			const o = opts.overrides?.[src.name];
			const proposal = o ? finish(file.headers, o.table, o.mapping, false) : propose(file.headers, src.name, opts.saved);
			inspected.push({ src, file, proposal, index });
		} catch (e) {
			inspected.push({ src, error: e instanceof UnreadableFile ? e.message : sentence('Die Datei kann nicht gelesen werden', e), index });
		}
	}
	const compressLater = estimatedRows(inspected) <= (opts.compressLaterMaxRows ?? COMPRESS_LATER_MAX_ROWS);
	await engine.exec(schemaSql(compressLater));

	// Tables that others refer to load first (cases before measures), whatever the drop order.
	const order = (t: TableName | null | undefined) => ORDER.indexOf(t ?? null);
	const queue = [...inspected].sort((a, b) => order(a.proposal?.table) - order(b.proposal?.table) || a.index - b.index);

	const results: LoadedFile[] = new Array(files.length);
	// While a file's last part is validated, the next file's first part is decoded.
	const prefetchFirst = (item: (typeof queue)[number] | undefined) => {
		if (!item?.file || !item.proposal?.complete || item.file.format !== 'parquet') return;
		prefetchPart(item.file, selectOf(item.proposal), partsOf(item.file, opts.chunkRows ?? CHUNK_ROWS)[0]!);
	};
	try {
		for (const [k, item] of queue.entries()) {
			const report = emptyReport(item.src.name);
			const loaded: LoadedFile = { report, headers: item.file?.headers ?? [], proposal: item.proposal ?? null, format: item.file?.format ?? null, encoding: item.file?.encoding, delimiter: item.file?.delimiter };
			results[item.index] = loaded;
			if (item.error || !item.file || !item.proposal) {
				report.error = item.error ?? 'Die Datei kann nicht gelesen werden.';
				continue;
			}
			try {
				await loadOne(engine, item.file, item.proposal, item.index, report, opts.chunkRows ?? CHUNK_ROWS, () => prefetchFirst(queue[k + 1]));
			} catch (e) {
				report.error = e instanceof UnreadableFile ? e.message : sentence('Die Datei kann nicht geladen werden', e);
				report.accepted = 0;
				report.rejected = report.rows;
			} finally {
				await release(engine, item.file);
			}
		}
	} finally {
		dropPrefetched();
	}

	const stichtag = await resolveStichtag(engine, opts.stichtag ?? null);
	if (stichtag) await warnAfterStichtag(engine, stichtag, results);

	const tables = {} as Record<TableName, number>;
	for (const t of TABLES) {
		const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t.name}`);
		tables[t.name] = n;
	}
	const rejected_reasons: Record<string, number> = {};
	for (const r of results) for (const [k, v] of Object.entries(r.report.rejected_reasons)) rejected_reasons[k] = (rejected_reasons[k] ?? 0) + v;
	return { load: { files: results.map((r) => r.report), rejected_reasons }, files: results, stichtag, tables, compressLater };
}

/**
 * Bytes per row of the shortest rows a CSV export has (the milestones: case id, code, date
 * take about 37): dividing by it rather overestimates a CSV file's rows, so a load that may
 * be large is compressed as it is filled.
 */
const CSV_BYTES_PER_ROW = 32;

/** The rows a load's files hold: a Parquet file's footer says, a CSV file's size suggests. */
function estimatedRows(files: readonly { src: SourceFile; file?: Inspected }[]): number {
	let rows = 0;
	for (const { src, file } of files) {
		if (!file) continue;
		if (file.format === 'parquet') rows += file.rows ?? 0;
		else rows += Math.ceil(('bytes' in src ? src.bytes.byteLength : 'blob' in src ? src.blob.size : 0) / CSV_BYTES_PER_ROW);
	}
	return rows;
}

/** The parts a file is staged in: whole row groups of about `chunk` rows for Parquet, the whole file for CSV. */
const partsOf = (file: Inspected, chunk: number): (RowRange | null)[] =>
	file.format === 'parquet' ? rowRanges(file.rows ?? 0, chunk, rowGroupSizes(file)) : [null];

const selectOf = (proposal: Proposal) => Object.entries(proposal.mapping).map(([source, as]) => ({ source, as }));

async function loadOne(
	engine: Engine,
	file: Inspected,
	proposal: Proposal,
	index: number,
	report: FileReport,
	chunk: number,
	onLastPart: () => void
): Promise<void> {
	report.table = proposal.table;
	report.mapping = proposal.mapping;
	report.refused_columns = proposal.refused;
	report.ignored_columns = proposal.ignored;
	report.unmapped_columns = proposal.ignored;
	const select = selectOf(proposal);
	const stg = `tm_stage_${index}`;
	// Without a complete mapping nothing is loaded, but the rows are still counted.
	const rows = file.rows ?? 0;
	const parts = partsOf(file, chunk);
	const first = file.format === 'parquet' && proposal.complete ? parts[0]! : undefined;
	const staged = await stage(engine, file, proposal.complete ? select : [], stg, first);
	if (first) staged.rows = rows;
	report.rows = staged.rows;
	if (!proposal.complete) {
		const reason = proposal.table ? `missing_column:${proposal.missingRequired[0]}` : 'unrecognised_table';
		report.rejected = staged.rows;
		report.rejected_reasons = staged.rows ? { [reason]: staged.rows } : {};
		await engine.exec(`DROP TABLE IF EXISTS ${stg}`);
		return;
	}
	const present = new Set(Object.values(proposal.mapping));
	const german = file.format === 'csv' && file.delimiter !== ',';
	// The first part is staged already; the others follow one by one, each decoded while the
	// one before is validated.
	const ahead = (i: number) => (parts[i] ? prefetchPart(file, select, parts[i]!) : onLastPart());
	ahead(1);
	const v = await validateStaged(engine, proposal.table!, stg, present, index, german, staged.facts);
	await engine.exec(`DROP TABLE IF EXISTS ${stg}`);
	for (let i = 1; i < parts.length; i++) {
		const { facts } = await stage(engine, file, select, stg, parts[i]!);
		ahead(i + 1);
		add(v, await validateStaged(engine, proposal.table!, stg, present, index, german, facts));
		await engine.exec(`DROP TABLE IF EXISTS ${stg}`);
	}
	const reasons = { ...v.rejectedReasons };
	if (staged.malformed.length) {
		reasons['malformed_line'] = staged.malformed.length;
		for (const m of staged.malformed)
			await engine.query('INSERT INTO rejected_rows VALUES (?, NULL, ?, ?, ?)', [index, m.line, 'malformed_line', m.raw]);
	}
	report.accepted = v.accepted;
	report.rejected = v.rejected + staged.malformed.length;
	report.rejected_reasons = reasons;
	report.warnings = v.warnings;
	if (Object.keys(v.unknownCodes).length) report.unknown_codes = v.unknownCodes;
}

/**
 * Parquet files are staged and validated in parts of about this many rows, so the memory a
 * load needs does not grow with the file (at 5M cases in Node, the process after loading:
 * 1.3 GB with parts of 250k rows, 2.0 GB with parts of 1M). Every rule works across parts as
 * across files: a duplicate of an earlier part is found in the typed table, record numbers
 * count from the file's first row.
 */
export const CHUNK_ROWS = 500_000;

/**
 * Parts of about `size` rows made of whole row groups, since a row group cut in two is
 * decoded twice; only a row group larger than `size` is cut (memory comes first).
 */
export function rowRanges(rows: number, size: number, groups: readonly number[]): RowRange[] {
	const out: RowRange[] = [];
	let start = 0;
	let end = 0;
	for (const g of groups) {
		if (end > start && end - start + g > size) {
			out.push({ start, end });
			start = end;
		}
		end += g;
		while (end - start > size) {
			out.push({ start, end: start + size });
			start += size;
		}
	}
	if (end > start) out.push({ start, end });
	return out.length ? out.map((r) => ({ start: Math.min(r.start, rows), end: Math.min(r.end, rows) })) : [{ start: 0, end: 0 }];
}

/** Adds the counts of one part to those of the file. */
function add(into: ValidationResult, part: ValidationResult): void {
	const sum = (a: Record<string, number>, b: Record<string, number>) => {
		for (const [k, n] of Object.entries(b)) a[k] = (a[k] ?? 0) + n;
	};
	into.accepted += part.accepted;
	into.rejected += part.rejected;
	sum(into.rejectedReasons, part.rejectedReasons);
	sum(into.warnings, part.warnings);
	sum(into.unknownCodes, part.unknownCodes);
	// The report lists the 50 most frequent unknown codes, as validateStaged does per part.
	into.unknownCodes = Object.fromEntries(
		Object.entries(into.unknownCodes)
			.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
			.slice(0, 50)
	);
}

/** DATA.md: the `meta` table, else the user's date, else the latest date in the data. */
async function resolveStichtag(engine: Engine, user: string | null): Promise<StichtagInfo | null> {
	const meta = await engine.query<{ d: string | null }>(
		`SELECT CAST(max(tm_date(value)) AS VARCHAR) AS d FROM meta WHERE lower(trim(key)) = 'stichtag'`
	);
	if (meta[0]?.d) return { date: meta[0].d, source: 'meta' };
	if (user && /^\d{4}-\d{2}-\d{2}$/.test(user)) return { date: user, source: 'user' };
	const [r] = await engine.query<{ d: string | null }>(
		`SELECT CAST(greatest(
			(SELECT max(greatest(entry_date, coalesce(exit_date, entry_date), coalesce(referral_date, entry_date))) FROM cases),
			(SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM measures),
			(SELECT max(date) FROM milestones)) AS VARCHAR) AS d`
	);
	return r?.d ? { date: r.d, source: 'data' } : null;
}

async function warnAfterStichtag(engine: Engine, s: StichtagInfo, files: LoadedFile[]): Promise<void> {
	if (s.source === 'data') return;
	const rows = await engine.query<{ f: number; n: number }>(
		`SELECT _file AS f, count(*)::INTEGER AS n FROM (
			SELECT _file FROM cases WHERE entry_date > ?::DATE OR exit_date > ?::DATE OR referral_date > ?::DATE
			UNION ALL SELECT _file FROM measures WHERE start_date > ?::DATE OR end_date > ?::DATE
			UNION ALL SELECT _file FROM milestones WHERE date > ?::DATE) GROUP BY 1`,
		[s.date, s.date, s.date, s.date, s.date, s.date]
	);
	for (const r of rows) if (files[r.f]) files[r.f].report.warnings['date_after_stichtag'] = r.n;
}

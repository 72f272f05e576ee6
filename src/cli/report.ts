/**
 * The headless report (INDICATORS.md): `npm run --silent report -- [options] FILE...`.
 * Same loading and indicator code as the browser, on the same DuckDB-WASM build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createNodeEngine } from '../lib/data/engine-node';
import { loadDataset, type SourceFile } from '../lib/data/loader';
import { FILTER_NAMES, type FilterName, type Filters } from '../lib/indicators/context';
import { GROUP_DIMENSIONS, isGroupDimension, type GroupDimension } from '../lib/indicators/groups';
import { buildReport } from '../lib/indicators/report';

class UsageError extends Error {}

interface Args {
	files: string[];
	from?: string;
	to?: string;
	stichtag?: string;
	k?: number;
	groupBy?: GroupDimension;
	filters: Filters;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseArgs(argv: string[]): Args {
	const a: Args = { files: [], filters: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new UsageError(`Option ${arg} braucht einen Wert.`);
			return v;
		};
		const date = () => {
			const v = value();
			// The format alone lets 2023-02-30 through; the calendar must know the day too.
			const t = Date.parse(v + 'T00:00:00Z');
			if (!DATE.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
				throw new UsageError(`${arg} erwartet ein Datum im Format JJJJ-MM-TT, nicht „${v}“.`);
			return v;
		};
		if (arg === '--from') a.from = date();
		else if (arg === '--to') a.to = date();
		else if (arg === '--stichtag') a.stichtag = date();
		else if (arg === '--k') {
			const v = Number(value());
			if (!Number.isInteger(v) || v < 1) throw new UsageError('--k erwartet eine ganze Zahl ≥ 1.');
			a.k = v;
		} else if (arg === '--group-by') {
			const v = value();
			if (!isGroupDimension(v)) throw new UsageError(`--group-by erwartet eine der Gruppierungen ${GROUP_DIMENSIONS.join(', ')}, nicht „${v}“.`);
			a.groupBy = v;
		}
		else if (arg === '--filter') {
			const v = value();
			const eq = v.indexOf('=');
			const name = v.slice(0, eq) as FilterName;
			if (eq < 1 || !(FILTER_NAMES as readonly string[]).includes(name))
				throw new UsageError(`--filter erwartet name=wert mit name aus: ${FILTER_NAMES.join(', ')}.`);
			(a.filters[name] ??= []).push(v.slice(eq + 1));
		} else if (arg.startsWith('--')) throw new UsageError(`Unbekannte Option ${arg}.`);
		else a.files.push(arg);
	}
	if (a.from && a.to && a.from > a.to) throw new UsageError(`--from (${a.from}) liegt nach --to (${a.to}).`);
	if (a.files.length === 0) throw new UsageError('Keine Datei angegeben: report [Optionen] DATEI...');
	return a;
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const sources: SourceFile[] = [];
	for (const f of args.files) {
		if (!fs.existsSync(f) || !fs.statSync(f).isFile()) throw new UsageError(`Die Datei ${f} gibt es nicht.`);
		sources.push({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) });
	}
	const engine = await createNodeEngine();
	const ds = await loadDataset(engine, sources, { stichtag: args.stichtag ?? null });
	if (!ds.load.files.some((f) => f.error === null && f.accepted > 0))
		throw new UsageError('Keine der Dateien enthält verwertbare Daten: ' + ds.load.files.map((f) => `${f.file}: ${f.error ?? 'keine gültigen Zeilen'}`).join('; '));
	const report = await buildReport(engine, ds, { period: { from: args.from, to: args.to }, k: args.k, filters: args.filters, groupBy: args.groupBy });
	process.stdout.write(JSON.stringify(report, null, 2) + '\n');
	return 0;
}

main().then(
	// exitCode, not exit(): a piped stdout is written asynchronously and exit() would cut it.
	(code) => {
		process.exitCode = code;
	},
	(e) => {
		process.stderr.write((e instanceof UsageError ? e.message : 'Der Bericht konnte nicht erstellt werden: ' + (e instanceof Error ? e.message.split('\n')[0] : String(e))) + '\n');
		process.exitCode = e instanceof UsageError ? 2 : 1;
	}
);

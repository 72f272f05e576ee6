/**
 * Deterministic demo data for the Teilhabe-Monitor: synthetic, anonymous case-management
 * records of eight fictional jobcenters in the tables of DATA.md.
 *
 *   node --import tsx scripts/generate-demo.ts [--cases N] [--seed S] [--out DIR]
 *        [--format parquet|csv] [--stichtag YYYY-MM-DD]
 *
 * Defaults: 20000 cases, seed 20241231, out data/demo, parquet, Stichtag 2024-12-31.
 * The same arguments always give byte-identical files.
 */
import { DEFAULT_CASES, DEFAULT_SEED, DEFAULT_STICHTAG } from './demo/config';
import { generateDemo, type DemoOptions } from './demo/generate';
import type { OutputFormat } from './demo/sinks';

const USAGE = `Usage: node --import tsx scripts/generate-demo.ts [options]

  --cases N               number of case rows (default ${DEFAULT_CASES})
  --seed S                seed of the random generator, 0–4294967295 (default ${DEFAULT_SEED})
  --out DIR               output directory (default data/demo)
  --format parquet|csv    format of cases, measures, milestones, stock (default parquet)
  --stichtag YYYY-MM-DD   reference date; entries cover the 48 months up to it (default ${DEFAULT_STICHTAG})
  --help                  show this text`;

function wholeNumber(flag: string, value: string): number {
	if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a whole number, got "${value}".`);
	return Number(value);
}

export function parseArgs(argv: string[]): DemoOptions | 'help' {
	const options: DemoOptions = {
		cases: DEFAULT_CASES,
		seed: DEFAULT_SEED,
		outDir: 'data/demo',
		format: 'parquet',
		stichtag: DEFAULT_STICHTAG
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return 'help';
		const eq = arg.indexOf('=');
		const flag = eq > 0 ? arg.slice(0, eq) : arg;
		const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value.`);
		switch (flag) {
			case '--cases':
				options.cases = wholeNumber(flag, value);
				break;
			case '--seed':
				options.seed = wholeNumber(flag, value);
				break;
			case '--out':
				options.outDir = value;
				break;
			case '--format':
				options.format = value as OutputFormat;
				break;
			case '--stichtag':
				options.stichtag = value;
				break;
			default:
				throw new Error(`Unknown option ${flag} (see --help).`);
		}
	}
	return options;
}

function main(): void {
	let options: DemoOptions | 'help';
	try {
		options = parseArgs(process.argv.slice(2));
		if (options === 'help') {
			console.log(USAGE);
			return;
		}
		const started = performance.now();
		const result = generateDemo(options);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		const counts = Object.entries(result.rows)
			.map(([table, n]) => `${table} ${n}`)
			.join(', ');
		console.log(`Wrote ${result.files.length} files and manifest.json to ${options.outDir} in ${seconds} s (${counts}).`);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exitCode = 1;
	}
}

main();

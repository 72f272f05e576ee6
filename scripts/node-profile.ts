/**
 * What the Node profiles (scripts/profile-*.ts) share: a bench folder's files as the loader
 * takes them, and an engine that logs the time of every statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../src/lib/data/engine';
import type { SourceFile } from '../src/lib/data/loader';

/** The files of a bench folder (bench/data/<size>-<format>), in the order of its manifest. */
export function readBenchFolder(dir: string): SourceFile[] {
	const folder = path.resolve(dir);
	const manifest = path.join(folder, 'manifest.json');
	const names: string[] = fs.existsSync(manifest)
		? JSON.parse(fs.readFileSync(manifest, 'utf8')).files
		: fs.readdirSync(folder).filter((f) => /\.(csv|parquet)$/i.test(f));
	return names.map((n) => ({ name: n, bytes: new Uint8Array(fs.readFileSync(path.join(folder, n))) }));
}

export interface Timing {
	sql: string;
	ms: number;
}

/** `engine`, with each call's SQL (or what it did) and time appended to `log`. */
export function timed(engine: Engine, log: Timing[]): Engine {
	const wrap =
		<A extends unknown[], R>(label: (...a: A) => string, fn: (...a: A) => Promise<R>) =>
		async (...a: A): Promise<R> => {
			const t0 = performance.now();
			try {
				return await fn(...a);
			} finally {
				log.push({ sql: label(...a), ms: performance.now() - t0 });
			}
		};
	return {
		query: wrap((sql: string) => sql, engine.query.bind(engine)) as Engine['query'],
		queryColumns: wrap((sql: string) => sql, engine.queryColumns.bind(engine)),
		exec: wrap((sql: string) => sql, engine.exec.bind(engine)),
		registerFile: wrap((name: string) => `-- registerFile ${name}`, engine.registerFile.bind(engine)),
		dropFile: wrap((name: string) => `-- dropFile ${name}`, engine.dropFile.bind(engine)),
		insertArrow: wrap((t: string) => `-- insertArrow ${t}`, engine.insertArrow.bind(engine))
	};
}

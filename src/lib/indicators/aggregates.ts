/**
 * What is built once after loading, so that interactions re-add small counts instead of
 * reading the cases: the monthly event tables (events.ts, for the period indicators) and
 * the case tallies as of the Stichtag (tallies.ts, for the durations). Until they exist,
 * and wherever they would not give the same numbers, the indicators read the case rows.
 */
import type { Engine } from '../data/engine';
import type { Sql } from './context';
import { buildSql as eventsBuildSql, heldEventCubes } from './events';
import { stockCube } from './jobcenter-stock';
import { ALL_CASES, caseParts } from './parts';
import { Cubes } from './cube';
import { TALLY_NAMES, heldTallyCubes, tallyBuildSql, type TallyName } from './tallies';

/**
 * Cases per part of a build (see parts.ts). A tally joins every milestone row of its part,
 * so its parts are small; grouping the cases for the monthly tables needs less memory, and
 * each part scans the cases once more, so theirs are larger. At 5M cases in Node: the process
 * peaks at 1.9 GB instead of 2.5 GB (one part per jobcenter) for a build of 119 s instead of 75 s.
 */
export const PART_CASES = { events: 2_000_000, tallies: 500_000 };

/** Every statement, in build order (the native benchmark times them all). */
export function aggregatesBuildSql(stichtag: string, cases: number, parts: readonly Sql[] = ALL_CASES): Sql[] {
	return [...eventsBuildSql(parts), ...TALLY_NAMES.flatMap((name) => tallyBuildSql(name, stichtag, cases, parts))];
}

async function run(engine: Engine, statements: Sql[], current: () => boolean): Promise<void> {
	for (const s of statements) {
		if (!current()) return;
		if (s.params.length) await engine.query(s.sql, s.params);
		else await engine.exec(s.sql);
	}
}

export interface AggregatesProgress {
	/** The monthly event tables are complete. */
	events(): void;
	/** One more tally is complete. */
	tally(name: TallyName): void;
	/** Still wanted: a newer load stops the build. */
	current(): boolean;
}

/**
 * Builds them for the dataset's Stichtag, reporting each part as it is ready, so the
 * Übersicht need not wait for the durations. A tally that fails (out of memory, most
 * likely) is left out and its indicators keep reading the cases; the event tables failing
 * stops the build (the error is thrown). With `cubes`, each tally's small tables are read into
 * the page as soon as it is built (see cube.ts); one that cannot be is read by SQL instead.
 */
export async function buildAggregates(
	engine: Engine,
	stichtag: string,
	progress: Partial<AggregatesProgress> = {},
	partCases = PART_CASES,
	cubes?: Cubes
): Promise<TallyName[]> {
	const current = progress.current ?? (() => true);
	if (!current()) return [];
	await cubes?.loadJobcenters(engine);
	// The stock table is small and asked on every jobcenter filter (jobcenter-stock.ts).
	await cubes?.load(engine, [stockCube()]);
	await run(engine, eventsBuildSql(await caseParts(engine, partCases.events)), current);
	if (!current()) return [];
	if (cubes) await cubes.load(engine, await heldEventCubes(engine));
	if (!current()) return [];
	progress.events?.();
	const parts = await caseParts(engine, partCases.tallies);
	const cases = await caseCount(engine);
	const built: TallyName[] = [];
	for (const name of TALLY_NAMES) {
		if (!current()) break;
		try {
			await run(engine, tallyBuildSql(name, stichtag, cases, parts), current);
			if (!current()) break;
			if (cubes) await cubes.load(engine, await heldTallyCubes(engine, name, cases));
			built.push(name);
			progress.tally?.(name);
		} catch {
			// Left out: the case rows answer instead.
		}
	}
	return built;
}

/** The cubes of built tables, read at once (the tests; the dashboard reads each as it is built). */
export async function readCubes(engine: Engine, tallies: readonly TallyName[]): Promise<Cubes> {
	const cubes = new Cubes();
	await cubes.loadJobcenters(engine);
	const cases = await caseCount(engine);
	const tallySources = await Promise.all(tallies.map((name) => heldTallyCubes(engine, name, cases)));
	await cubes.load(engine, [stockCube(), ...(await heldEventCubes(engine)), ...tallySources.flat()]);
	return cubes;
}

/** The number of case rows (which tally levels are built depends on it). */
async function caseCount(engine: Engine): Promise<number> {
	const [{ n }] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
	return n;
}

/**
 * Tables built from the cases part by part (the monthly tables' full level and the case
 * tallies): at ten million cases one statement over all of them would hold the DuckDB worker
 * (and every query the user asks meanwhile) for many seconds and need memory for all of them
 * at once (the tallies join every milestone row). A part
 * is a set of whole jobcenters, or of age groups of one jobcenter, so no group spans two parts.
 */
import type { Engine } from '../data/engine';
import type { Sql } from './context';

/** All cases in one part. */
export const ALL_CASES: readonly Sql[] = [{ sql: 'TRUE', params: [] }];

/** Created from the first part's rows, the others inserted, in the parts' order. */
export function tableByParts(table: string, select: (part: Sql) => Sql, parts: readonly Sql[]): Sql[] {
	return parts.map((part, i) => {
		const s = select(part);
		return { sql: `${i === 0 ? `CREATE OR REPLACE TABLE ${table} AS` : `INSERT INTO ${table}`} ${s.sql}`, params: s.params };
	});
}

/**
 * Jobcenters in id order, packed into parts of about `maxCases` cases; a larger jobcenter is
 * split by age group (every level's groups include both, so still no group spans two parts);
 * cases without a jobcenter or age group form parts of their own.
 */
export async function caseParts(engine: Engine, maxCases: number): Promise<Sql[]> {
	const cells = await engine.query<{ id: string | null; age: string | null; n: number }>(
		'SELECT jobcenter_id AS id, age_group AS age, count(*)::INTEGER AS n FROM cases GROUP BY ALL ORDER BY 1 NULLS LAST, 2 NULLS LAST'
	);
	const parts: Sql[] = [];
	const list = (values: string[]) => values.map(() => '?').join(', ');
	// Whole jobcenters, packed.
	let ids: string[] = [];
	let size = 0;
	const flush = () => {
		if (ids.length) parts.push({ sql: `c.jobcenter_id IN (${list(ids)})`, params: ids });
		ids = [];
		size = 0;
	};
	const jobcenters = [...new Set(cells.map((c) => c.id))];
	for (const id of jobcenters) {
		const mine = cells.filter((c) => c.id === id);
		const n = mine.reduce((s, c) => s + c.n, 0);
		if (id === null) {
			flush();
			parts.push({ sql: 'c.jobcenter_id IS NULL', params: [] });
		} else if (n <= maxCases) {
			if (size > 0 && size + n > maxCases) flush();
			ids.push(id);
			size += n;
		} else {
			flush();
			let ages: string[] = [];
			let inPart = 0;
			const flushAges = () => {
				if (ages.length) parts.push({ sql: `c.jobcenter_id = ? AND c.age_group IN (${list(ages)})`, params: [id, ...ages] });
				ages = [];
				inPart = 0;
			};
			for (const c of mine) {
				if (c.age === null) {
					flushAges();
					parts.push({ sql: 'c.jobcenter_id = ? AND c.age_group IS NULL', params: [id] });
					continue;
				}
				if (inPart > 0 && inPart + c.n > maxCases) flushAges();
				ages.push(c.age);
				inPart += c.n;
			}
			flushAges();
		}
	}
	flush();
	return parts.length ? parts : [...ALL_CASES];
}

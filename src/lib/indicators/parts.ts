/**
 * Tables built from the cases part by part (the case tallies, tallies.ts): at ten million
 * cases their join with every milestone row would hold the DuckDB worker (and every query
 * the user asks meanwhile) for many seconds and need memory for all of them at once. A part
 * is a set of whole jobcenters (`c.jobcenter_id IN (…)`), so no group spans two parts.
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
 * Jobcenters in id order, packed into parts of about `maxCases` cases (a larger jobcenter is
 * a part of its own); cases without a jobcenter form the last part.
 */
export async function caseParts(engine: Engine, maxCases: number): Promise<Sql[]> {
	const rows = await engine.query<{ id: string | null; n: number }>(
		'SELECT jobcenter_id AS id, count(*)::INTEGER AS n FROM cases GROUP BY 1 ORDER BY 1 NULLS LAST'
	);
	const parts: Sql[] = [];
	let ids: string[] = [];
	let size = 0;
	const flush = () => {
		if (ids.length) parts.push({ sql: `c.jobcenter_id IN (${ids.map(() => '?').join(', ')})`, params: ids });
		ids = [];
		size = 0;
	};
	for (const r of rows) {
		if (r.id === null) {
			flush();
			parts.push({ sql: 'c.jobcenter_id IS NULL', params: [] });
			continue;
		}
		if (size > 0 && size + r.n > maxCases) flush();
		ids.push(r.id);
		size += r.n;
	}
	flush();
	return parts.length ? parts : [...ALL_CASES];
}

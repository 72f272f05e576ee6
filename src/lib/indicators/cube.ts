/**
 * A pre-aggregated table (a tally or a monthly event table; the largest levels only while
 * they are small enough, see events.ts and tallies.ts) held in the page as columns, re-added
 * under the filters in JavaScript.
 *
 * Why: such a table has a few thousand to a few million rows, and DuckDB-WASM spends
 * 2–10 ms per statement on it, most of it not on the rows (planning, operators, the trip to
 * the worker). A loop over typed arrays re-adds the same rows in well under a millisecond
 * per ten thousand rows, so an interaction no longer waits for the database at all.
 *
 * It answers exactly what the SQL read of the table answers (`SELECT keys, sum(m) … WHERE
 * column IN (…) GROUP BY ALL`): `tests/unit/cube.test.ts` compares the two, and the report
 * equality tests (aggregates.test.ts, report-periods.test.ts) read every table both ways.
 */
import type { Columns, Engine } from '../data/engine';
import { CASE_FILTERS, JOBCENTER_FILTERS, type FilterName, type Filters } from './context';

/**
 * Codes as narrow as the list of values allows: most columns have fewer than 256 values
 * (a jobcenter, a month, an age group), and the codes were most of a cube's bytes.
 */
type Codes = Uint8Array | Uint16Array | Int32Array;

/** A column as codes into the list of its distinct values. */
interface Coded {
	codes: Codes;
	values: unknown[];
	/** value → code (values are primitives: strings, numbers, booleans, null). */
	index: Map<unknown, number>;
}

/** A condition: the column's value is one of `values` (SQL `IN`: never NULL). */
export interface CubeCondition {
	column: string;
	values: readonly unknown[];
}

/** A further grouping: a column's value, mapped (e.g. a jobcenter to its Land), NULL → ''. */
export interface CubeStratum {
	column: string;
	as: string;
	map?: (value: unknown) => unknown;
	/** Names the map, so that its result can be remembered (a map without a name is not). */
	mapName?: string;
}

/**
 * A selection's answer as columns: per group, its value of each key (and of the stratum, as
 * `stratum.as`) and its sum of each measure. No object per group: a curve per jobcenter at
 * 1M is tens of thousands of groups, and the objects were a third of a large selection's
 * time and most of what the garbage collector had to move afterwards.
 */
export interface CubeColumns {
	/** Groups. */
	length: number;
	values: Record<string, unknown[]>;
	/** NaN where the SQL sum is NULL. */
	sums: Record<string, Float64Array>;
}

/** A table to read into a cube: its measures, and how a column is read where not as it is. */
export interface CubeSource {
	table: string;
	measures: readonly string[];
	/** An SQL expression per column read otherwise than as it is; it must give a number (read as DOUBLE). */
	columns?: Record<string, string>;
}

const MEMO_SIZE = 32;
/** Rows per statement when a cube is read. */
const LOAD_ROWS = 100_000;
/** Numbers the temporary tables of distinct values, one per read (two reads never share one). */
let reads = 0;
/** Column types read as numbers; every other column (texts, flags) as positions in its list of distinct values. */
const NUMBER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)\b/;

export class Cube {
	readonly size: number;
	private readonly coded: Map<string, Coded>;
	/** Additive measures; NaN where the SQL value is NULL (a sum of only NULLs is NULL). */
	private readonly sums: Map<string, Float64Array>;
	/** Recent answers, as rows or as columns (kept apart: either is asked for again in its own form). */
	private readonly memo = new Map<string, unknown[] | CubeColumns>();
	private readonly index = new Map<string, { start: Int32Array; rows: Int32Array }>();

	private constructor(size: number, coded: Map<string, Coded>, sums: Map<string, Float64Array>) {
		this.size = size;
		this.coded = coded;
		this.sums = sums;
	}

	/**
	 * Reads a table into a cube: per slice of rows one statement, whose columns arrive as
	 * typed arrays (Engine.queryColumns), never as an object per row. A text or flag column
	 * (or any other not a number) arrives as positions in the list of its distinct values,
	 * which become its codes (the list is kept in a temporary table, so no value becomes SQL
	 * text); a number as a DOUBLE with NaN for NULL. Decoding each string from Arrow had taken
	 * three quarters of a read, and an object per row most of the rest: at 1M cases the
	 * monthly tables' full level (2.7M rows) took 20 s to read that way.
	 */
	static async load(engine: Engine, table: string, measures: readonly string[], columns: Record<string, string> = {}, sliceRows = LOAD_ROWS): Promise<Cube> {
		// The columns of the table the name finds, as every query does (a load's table may have
		// a twin in the other database until it is compressed: see data/schema.ts).
		const cols = await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`);
		if (!cols.length) throw new Error(`no table ${table}`);
		const names = cols.map((c) => c.column_name);
		const byPosition = cols
			.filter((c) => !NUMBER_TYPE.test(c.column_type) && !measures.includes(c.column_name) && !(c.column_name in columns))
			.map((c) => c.column_name);
		const dictTable = `tm_cube_dict_${++reads}`;
		let dicts: Record<string, unknown[] | null> = {};
		if (byPosition.length) {
			await engine.exec(
				`CREATE OR REPLACE TEMP TABLE ${dictTable} AS SELECT ${byPosition.map((c) => `list(DISTINCT ${quoteId(c)}) AS ${quoteId(c)}`).join(', ')} FROM ${table}`
			);
			[dicts] = await engine.query<Record<string, unknown[]>>(`SELECT * FROM ${dictTable}`);
		}
		// A position is 0-based, -1 for NULL (the list has none). A number, or a sum (a list of
		// HUGEINT would not arrive as numbers), as DOUBLE; NaN stands for NULL.
		const expr = (name: string) =>
			byPosition.includes(name)
				? `coalesce(list_position((SELECT ${quoteId(name)} FROM ${dictTable}), ${quoteId(name)}), 0)::INTEGER - 1`
				: `coalesce(CAST(${columns[name] ?? quoteId(name)} AS DOUBLE), 'NaN'::DOUBLE)`;
		const select = names.map((n) => `${expr(n)} AS ${quoteId(n)}`).join(', ');
		// In slices of rows: DuckDB's memory in the browser never shrinks after a peak, and one
		// result of a million rows would make one.
		const [{ rows }] = await engine.query<{ rows: number }>(`SELECT (max(rowid) + 1)::BIGINT AS rows FROM ${table}`);
		// Each slice goes into its column's final form as it arrives and is garbage then: held
		// together until the end, the slices of a large table were its size again on top of
		// the cube (in Node at 2M cases the peak while building 2466 → 2423 MiB).
		const total = rows ?? 0;
		const fills = new Map<string, Fill>(
			names.map((n) => [n, measures.includes(n) ? sumFill(total) : byPosition.includes(n) ? positionFill(total, dicts[n] ?? []) : valueFill(total)])
		);
		let size = 0;
		for (let from = 0; from < total; from += sliceRows) {
			const slice: Columns = await engine.queryColumns(`SELECT ${select} FROM ${table} WHERE rowid >= ? AND rowid < ?`, [from, from + sliceRows]);
			for (const n of names) fills.get(n)!.add(slice[n] as ArrayLike<number>, size);
			size += slice[names[0]]?.length ?? 0;
		}
		if (byPosition.length) await engine.exec(`DROP TABLE IF EXISTS ${dictTable}`);

		const coded = new Map<string, Coded>();
		const sums = new Map<string, Float64Array>();
		for (const [n, fill] of fills) {
			const done = fill.done(size);
			if (done instanceof Float64Array) sums.set(n, done);
			else coded.set(n, done);
		}
		return new Cube(size, coded, sums);
	}

	/** The bytes its arrays hold (codes, sums, indexes), for the profiles. */
	get bytes(): number {
		let b = 0;
		for (const c of this.coded.values()) b += c.codes.byteLength;
		for (const a of this.sums.values()) b += a.byteLength;
		for (const p of this.index.values()) b += p.rows.byteLength + p.start.byteLength;
		return b;
	}

	/** Builds the index of the named columns it has now (see postings), instead of on a first interaction. */
	indexColumns(names: readonly string[]): void {
		for (const name of names) if (this.coded.has(name)) this.postings(name);
	}

	/**
	 * Re-adds the cube a few ways and throws the results away. V8 turns a loop into fast code
	 * only after it has run a while: cold, one pass over 280k rows took 20–45 ms in Node, warm
	 * 4–8 ms. Done while the tables are built, so the user's first filters do not pay for it.
	 */
	warmUp(): void {
		const filters = CASE_FILTERS.filter((f) => this.coded.has(f));
		const keys = [...this.coded.keys()].filter((c) => !filters.includes(c as never)).slice(0, 2);
		const measures = [...this.sums.keys()];
		if (!keys.length || !measures.length) return;
		const one = (column: string): CubeCondition => ({ column, values: [this.column(column).values.find((v) => v !== null)] });
		const wheres: CubeCondition[][] = [[], ...filters.slice(-2).map((f) => [one(f)]), filters.slice(-2).map(one)];
		const strata: (CubeStratum | undefined)[] = [undefined, this.coded.has('jobcenter_id') ? { column: 'jobcenter_id', as: '_' } : undefined];
		for (const where of wheres) for (const stratum of strata) rowsOf(this.add(where, keys, measures, stratum), stratum, keys, measures);
	}

	/**
	 * One row per distinct combination of `keys` (and the stratum, as `stratum.as`) among the
	 * rows meeting every condition, with the sum of each measure (NULL when all are NULL).
	 */
	select<T>(where: readonly CubeCondition[], keys: readonly string[], measures: readonly string[], stratum?: CubeStratum): T[] {
		// Callers may sort or extend the list they get; the remembered one stays as it was.
		return this.remembered('rows', where, keys, measures, stratum, () => rowsOf<T>(this.add(where, keys, measures, stratum), stratum, keys, measures)).slice();
	}

	/** The same answer as columns (see CubeColumns); callers must not change it. */
	selectColumns(where: readonly CubeCondition[], keys: readonly string[], measures: readonly string[], stratum?: CubeStratum): CubeColumns {
		return this.remembered('columns', where, keys, measures, stratum, () => this.add(where, keys, measures, stratum));
	}

	/**
	 * A refresh asks the same tally several times (the curves, the competing risks, the
	 * milestones), and going back to a filter asks it again: the last answers are kept.
	 */
	private remembered<A extends unknown[] | CubeColumns>(
		form: string,
		where: readonly CubeCondition[],
		keys: readonly string[],
		measures: readonly string[],
		stratum: CubeStratum | undefined,
		compute: () => A
	): A {
		const memo = stratum?.map && !stratum.mapName ? null : JSON.stringify([form, where, keys, measures, stratum]);
		const hit = memo === null ? undefined : this.memo.get(memo);
		if (hit) {
			this.memo.delete(memo!);
			this.memo.set(memo!, hit);
			return hit as A;
		}
		const out = compute();
		if (memo !== null) {
			this.memo.set(memo, out);
			if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
		}
		return out;
	}

	/**
	 * Column at a time: the rows that pass, then their groups' keys column by column, their
	 * slots, then each measure's sums. One loop with every test, key and measure in it had
	 * been as fast warm, but V8 compiled it for the shapes it had seen (narrow codes of one
	 * width, a stratum or none, every row or a list of rows) and threw it away at each new
	 * one: in Node at 1M, after the warm-up, the first selection of the monthly exits by
	 * jobcenter under a program and a gender took 43 ms, the next ones 5 ms (now 6–7 ms each
	 * time). Each small loop below sees few shapes and stays compiled.
	 */
	private add(where: readonly CubeCondition[], keys: readonly string[], measures: readonly string[], stratum?: CubeStratum): CubeColumns {
		// Which rows pass: per condition, which codes of its column are allowed.
		const tests: Test[] = [];
		for (const c of where) {
			const col = this.column(c.column);
			const ok = new Uint8Array(col.values.length);
			for (const v of c.values) {
				const code = col.index.get(v);
				if (code !== undefined && v !== null) ok[code] = 1;
			}
			tests.push({ column: c.column, codes: col.codes, ok });
		}
		const start = this.rowsToVisit(tests);
		let rows: Int32Array | null = start?.rows ?? null;
		let m = rows ? rows.length : this.size;
		for (let j = 0; j < tests.length; j++) {
			if (j === start?.test) continue;
			if (rows) m = passingOf(tests[j].codes, tests[j].ok, rows, m);
			else m = passingAll(tests[j].codes, tests[j].ok, (rows = new Int32Array(this.size)), this.size);
		}
		rows ??= identity(this.size);

		// The group of a row: its stratum value (mapped) and its key codes, as one number.
		const strat = stratum ? stratumCodes(this.column(stratum.column), stratum) : null;
		const keyCols = keys.map((k) => this.column(k));
		let space = strat ? strat.values.length : 1;
		for (const k of keyCols) space *= k.values.length;
		// Int32 keys while they fit, which is nearly always.
		const key = space < 2 ** 31 ? new Int32Array(m) : new Float64Array(m);
		if (strat) mappedCodes(strat.of, strat.codes, rows, m, key);
		for (const k of keyCols) widen(key, k.values.length, k.codes, rows, m);
		// A group's slot: found by direct index while the groups are few enough to count through
		// (then it takes its key's place).
		const dense = space <= 1 << 22;
		const first = new Int32Array(Math.min(m, space));
		const slot = dense ? (key as Int32Array) : new Int32Array(m);
		const groups = dense ? slotsDense(slot, m, space, rows, first) : slotsSparse(key, m, rows, slot, first);

		const out: Record<string, Float64Array> = {};
		for (const name of measures) {
			const a = this.sums.get(name);
			if (!a) throw new Error(`no measure ${name}`);
			out[name] = sumBySlot(a, rows, slot, m, groups);
		}

		// Plain loops: a closure per group and key was a fifth to a third of a large selection's time.
		const values: Record<string, unknown[]> = {};
		if (strat) {
			const v = new Array<unknown>(groups);
			for (let s = 0; s < groups; s++) v[s] = strat.values[strat.codes[strat.of[first[s]]]];
			values[stratum!.as] = v;
		}
		for (let j = 0; j < keys.length; j++) {
			const { codes, values: dict } = keyCols[j];
			const v = new Array<unknown>(groups);
			for (let s = 0; s < groups; s++) v[s] = dict[codes[first[s]]];
			values[keys[j]] = v;
		}
		return { length: groups, values, sums: out };
	}

	/**
	 * The rows a selection can match, in table order within each value: those of the allowed
	 * values of its most selective condition (`test`, which they all meet), when that is less
	 * than half the cube (a jobcenter's rows are an eighth of the demo's). Null: every row.
	 */
	private rowsToVisit(tests: readonly Test[]): { rows: Int32Array; test: number } | null {
		let best: { start: Int32Array; rows: Int32Array; ok: Uint8Array; count: number; test: number } | null = null;
		for (let j = 0; j < tests.length; j++) {
			const p = this.postings(tests[j].column);
			const ok = tests[j].ok;
			let count = 0;
			for (let code = 0; code < ok.length; code++) if (ok[code]) count += p.start[code + 1] - p.start[code];
			if (!best || count < best.count) best = { ...p, ok, count, test: j };
		}
		if (!best || best.count >= this.size / 2) return null;
		const out = new Int32Array(best.count);
		let at = 0;
		for (let code = 0; code < best.ok.length; code++)
			if (best.ok[code]) {
				out.set(best.rows.subarray(best.start[code], best.start[code + 1]), at);
				at += best.start[code + 1] - best.start[code];
			}
		return { rows: out, test: best.test };
	}

	/** A column's rows by value (counting sort, built on first use): value c's rows are rows[start[c] … start[c+1]). */
	private postings(name: string): { start: Int32Array; rows: Int32Array } {
		let p = this.index.get(name);
		if (!p) {
			const { codes, values } = this.column(name);
			const start = new Int32Array(values.length + 1);
			for (let i = 0; i < this.size; i++) start[codes[i] + 1]++;
			for (let c = 0; c < values.length; c++) start[c + 1] += start[c];
			const next = start.slice(0, values.length);
			const rows = new Int32Array(this.size);
			for (let i = 0; i < this.size; i++) rows[next[codes[i]]++] = i;
			this.index.set(name, (p = { start, rows }));
		}
		return p;
	}

	private column(name: string): Coded {
		const c = this.coded.get(name);
		if (!c) throw new Error(`no column ${name}`);
		return c;
	}
}

/** A condition as the codes of its column and which of them pass. */
interface Test {
	column: string;
	codes: Codes;
	ok: Uint8Array;
}

/** The rows of `n` whose code passes, into `out`; how many. */
function passingAll(codes: Codes, ok: Uint8Array, out: Int32Array, n: number): number {
	let w = 0;
	for (let i = 0; i < n; i++) if (ok[codes[i]]) out[w++] = i;
	return w;
}

/** The first `m` of `rows` whose code passes, kept in place and in order; how many. */
function passingOf(codes: Codes, ok: Uint8Array, rows: Int32Array, m: number): number {
	let w = 0;
	for (let q = 0; q < m; q++) {
		const i = rows[q];
		if (ok[codes[i]]) rows[w++] = i;
	}
	return w;
}

function identity(n: number): Int32Array {
	const rows = new Int32Array(n);
	for (let i = 0; i < n; i++) rows[i] = i;
	return rows;
}

/**
 * A stratum as codes of its own: per code of its column (`of`), the code of its mapped value
 * (a jobcenter's Land), NULL as ''.
 */
function stratumCodes(col: Coded, stratum: CubeStratum): { of: Codes; codes: Int32Array; values: string[] } {
	const index = new Map<string, number>();
	const codes = new Int32Array(col.values.length);
	col.values.forEach((v, i) => {
		const mapped = stratum.map ? stratum.map(v) : v;
		const s = mapped === null || mapped === undefined ? '' : String(mapped);
		let c = index.get(s);
		if (c === undefined) index.set(s, (c = index.size));
		codes[i] = c;
	});
	return { of: col.codes, codes, values: [...index.keys()] };
}

/** Each row's key: its code's mapped code (a stratum). */
function mappedCodes(codes: Codes, map: Int32Array, rows: Int32Array, m: number, key: Int32Array | Float64Array): void {
	for (let q = 0; q < m; q++) key[q] = map[codes[rows[q]]];
}

/** Each row's key times a column's number of values, plus its code there. */
function widen(key: Int32Array | Float64Array, size: number, codes: Codes, rows: Int32Array, m: number): void {
	for (let q = 0; q < m; q++) key[q] = key[q] * size + codes[rows[q]];
}

/**
 * Each row's key replaced by its group (its slot), numbered as they first occur, and each
 * group's first row; how many groups.
 */
function slotsDense(keyToSlot: Int32Array, m: number, space: number, rows: Int32Array, first: Int32Array): number {
	const at = new Int32Array(space).fill(-1);
	let groups = 0;
	for (let q = 0; q < m; q++) {
		const k = keyToSlot[q];
		let s = at[k];
		if (s < 0) {
			s = at[k] = groups++;
			first[s] = rows[q];
		}
		keyToSlot[q] = s;
	}
	return groups;
}

/** The same into `slot`, for keys too many to count through. */
function slotsSparse(key: Int32Array | Float64Array, m: number, rows: Int32Array, slot: Int32Array, first: Int32Array): number {
	const at = new Map<number, number>();
	for (let q = 0; q < m; q++) {
		let s = at.get(key[q]);
		if (s === undefined) {
			at.set(key[q], (s = at.size));
			first[s] = rows[q];
		}
		slot[q] = s;
	}
	return at.size;
}

/** A measure's sum per group; NaN where every value is NULL (NaN), as SQL's sum. */
function sumBySlot(values: Float64Array, rows: Int32Array, slot: Int32Array, m: number, groups: number): Float64Array {
	const acc = new Float64Array(groups);
	const seen = new Uint8Array(groups);
	for (let q = 0; q < m; q++) {
		const v = values[rows[q]];
		if (v === v) {
			acc[slot[q]] += v;
			seen[slot[q]] = 1;
		}
	}
	for (let s = 0; s < groups; s++) if (!seen[s]) acc[s] = NaN;
	return acc;
}

/** An answer's groups as rows: the stratum, the keys, then the measures (NULL for NaN). */
function rowsOf<T>(cols: CubeColumns, stratum: CubeStratum | undefined, keys: readonly string[], measures: readonly string[]): T[] {
	const names = stratum ? [stratum.as, ...keys] : keys;
	const values = names.map((k) => cols.values[k]);
	const sums = measures.map((m) => cols.sums[m]);
	const out: T[] = new Array(cols.length);
	for (let s = 0; s < cols.length; s++) {
		const row: Record<string, unknown> = {};
		for (let j = 0; j < names.length; j++) row[names[j]] = values[j][s];
		for (let j = 0; j < sums.length; j++) {
			const v = sums[j][s];
			row[measures[j]] = v === v ? v : null;
		}
		out[s] = row as T;
	}
	return out;
}

/** Rows (as SQL returns them) as an answer's columns, for callers that read columns either way. */
export function columnsOfRows(rows: readonly Record<string, unknown>[], keys: readonly string[], measures: readonly string[]): CubeColumns {
	const values: Record<string, unknown[]> = {};
	for (const k of keys) values[k] = rows.map((r) => r[k]);
	const sums: Record<string, Float64Array> = {};
	for (const m of measures) sums[m] = Float64Array.from(rows, (r) => (r[m] === null || r[m] === undefined ? NaN : Number(r[m])));
	return { length: rows.length, values, sums };
}

/**
 * A column of a cube being read: its slices (numbers without NULLs: see Cube.load) added at
 * their row, then the column as a measure's sums or as codes.
 */
interface Fill {
	add(values: ArrayLike<number>, at: number): void;
	done(size: number): Float64Array | Coded;
}

/** Codes for `rows` rows as narrow as `values` distinct values allow. */
function codeArray(rows: number, values: number): Codes {
	if (values <= 1 << 8) return new Uint8Array(rows);
	if (values <= 1 << 16) return new Uint16Array(rows);
	return new Int32Array(rows);
}

/** A measure: its numbers as they are (NaN is NULL). */
function sumFill(rows: number): Fill {
	const out = new Float64Array(rows);
	return { add: (v, at) => out.set(v, at), done: (size) => (size === rows ? out : out.slice(0, size)) };
}

/** Positions in the list of distinct values as codes; -1 (NULL) becomes a code of its own, after the list's. */
function positionFill(rows: number, list: readonly unknown[]): Fill {
	const nullCode = list.length;
	const codes = codeArray(rows, list.length + 1);
	let nulls = false;
	return {
		add(v, at) {
			for (let i = 0; i < v.length; i++) {
				const p = v[i];
				if (p < 0) nulls = true;
				codes[at + i] = p < 0 ? nullCode : p;
			}
		},
		done(size) {
			const values = nulls ? [...list, null] : [...list];
			return { codes: size === rows ? codes : codes.slice(0, size), values, index: new Map(values.map((v, i) => [v, i])) };
		}
	};
}

/** Numbers as codes, in the order they first occur; NaN is NULL. */
function valueFill(rows: number): Fill {
	const index = new Map<unknown, number>();
	const values: unknown[] = [];
	const codes = new Int32Array(rows);
	return {
		add(v, at) {
			for (let i = 0; i < v.length; i++) {
				const x = v[i];
				const key = x === x ? x : null;
				let c = index.get(key);
				if (c === undefined) {
					c = values.length;
					index.set(key, c);
					values.push(key);
				}
				codes[at + i] = c;
			}
		},
		done(size) {
			const narrow = codeArray(size, values.length);
			narrow.set(codes.subarray(0, size));
			return { codes: narrow, values, index };
		}
	};
}

function quoteId(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The cubes of a loaded dataset by table name, and the jobcenters' attributes that filters
 * and groups on a Land or a type need. One instance per load.
 */
export class Cubes {
	private cubes = new Map<string, Cube>();
	private remembered = new Map<string, Promise<unknown>>();
	jobcenters: Record<string, unknown>[] = [];

	/**
	 * A result computed from this load's data, kept for the next question with the same key
	 * (the key must name everything the result depends on; the last 16 are kept).
	 */
	remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
		let p = this.remembered.get(key) as Promise<T> | undefined;
		if (p) this.remembered.delete(key);
		else p = compute();
		this.remembered.set(key, p);
		p.catch(() => this.remembered.delete(key));
		if (this.remembered.size > 16) this.remembered.delete(this.remembered.keys().next().value!);
		return p;
	}

	async loadJobcenters(engine: Engine): Promise<void> {
		this.jobcenters = await engine.query('SELECT * FROM jobcenters');
	}

	/** Reads the tables; one that cannot be read (out of memory, most likely) is left to SQL. */
	async load(engine: Engine, sources: readonly CubeSource[]): Promise<void> {
		let largest: Cube | null = null;
		for (const { table, measures, columns } of sources) {
			try {
				const cube = await Cube.load(engine, table, measures, columns);
				// The filters' columns, indexed while the tables are built rather than on the first interaction.
				cube.indexColumns(CASE_FILTERS);
				this.cubes.set(table, cube);
				if (!largest || cube.size > largest.size) largest = cube;
			} catch {
				// Read by SQL instead.
			}
		}
		// One cube of each batch is enough to teach V8 the loop every cube shares.
		largest?.warmUp();
	}

	get(table: string): Cube | undefined {
		return this.cubes.get(table);
	}

	/** Every cube's table, rows and bytes (for the profiles). */
	sizes(): { table: string; rows: number; bytes: number }[] {
		return [...this.cubes].map(([table, c]) => ({ table, rows: c.size, bytes: c.bytes }));
	}

	/** The jobcenter ids whose attribute is one of `values`. */
	jobcentersWhere(attribute: string, values: readonly unknown[]): string[] {
		const set = new Set(values);
		return this.jobcenters.filter((j) => set.has(j[attribute])).map((j) => String(j.jobcenter_id));
	}

	/** A jobcenter's attribute, for grouping by it. */
	attributeOf(attribute: string): (jobcenterId: unknown) => unknown {
		const by = new Map(this.jobcenters.map((j) => [j.jobcenter_id, j[attribute]]));
		return (id) => by.get(id) ?? null;
	}

	/** A group as a cube stratum: its column's value, or the jobcenter's attribute when it is one. */
	stratum(group: { column: string; attribute?: string }, as: string): CubeStratum {
		return { column: group.column, as, ...(group.attribute ? { map: this.attributeOf(group.attribute), mapName: group.attribute } : {}) };
	}
}

/**
 * The filters as cube conditions, or null where a cube cannot answer them (a referral
 * reason, a measure, an entry date: those need the case rows).
 */
export function cubeWhere(filters: Filters, cubes: Cubes): CubeCondition[] | null {
	const out: CubeCondition[] = [];
	for (const [f, v] of Object.entries(filters) as [FilterName, string[] | undefined][]) {
		if (!v?.length) continue;
		if ((CASE_FILTERS as readonly string[]).includes(f)) out.push({ column: f, values: v });
		else if ((JOBCENTER_FILTERS as readonly string[]).includes(f)) out.push({ column: 'jobcenter_id', values: cubes.jobcentersWhere(f, v) });
		else return null;
	}
	return out;
}

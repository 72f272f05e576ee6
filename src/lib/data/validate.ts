/**
 * Validation of one staged file against the contract, in SQL over the whole file at once.
 * Every staged row ends up in exactly one place: the typed table (accepted, possibly with
 * warnings) or `rejected_rows` with the first rule it broke (DATA.md, "nothing is lost").
 */
import { tableOf, utf8Vector } from './arrow';
import { REFERRAL_REASONS, TABLES, type ColumnSpec, type TableName } from './contract';
import { CODE_MAPPERS, mapReferralReason } from './codes';
import type { Engine } from './engine';
import { REFERRAL_FLAG_COLUMNS } from './mapping';
import { isoDateSql } from './read';
import { storedColumns } from './schema';
import { ident, literal } from './sql';
import type { TextFacts } from './text-facts';

export interface ValidationResult {
	accepted: number;
	rejected: number;
	rejectedReasons: Record<string, number>;
	warnings: Record<string, number>;
	unknownCodes: Record<string, number>;
}

/** The key of the table whose duplicates are rejected ("the later rows"). */
const UNIQUE_KEY: Partial<Record<TableName, string[]>> = {
	cases: ['case_id'],
	jobcenters: ['jobcenter_id'],
	stock: ['jobcenter_id', 'month']
};

/** Cap on distinct values looked up per code column; beyond it values count as unknown. */
const MAX_DISTINCT_CODES = 5000;

const q = ident;

/**
 * How a column arrives in the staged table. CSV columns, and Parquet columns of any other
 * type, are VARCHAR and parsed by the text macros. Plain Parquet DATE, INTEGER and BOOLEAN
 * columns are staged typed (read.ts); where the contract type fits, their value is used as
 * it is ("fast"), which gives exactly what the macros give on the text the staging used to
 * write (`YYYY-MM-DD`, `String(n)`, `true`/`false`): checked for every date of the years
 * 1–9999 and for every integer from -2,000,000 to 2,000,000 plus the extremes. Any other
 * combination is turned into that text and parsed like a CSV value.
 */
type Source =
	| { mode: 'absent' }
	| { mode: 'text'; raw: string }
	| { mode: 'fast'; type: string; parsed: (v: string) => string; canFail: boolean };

/** The text the staging wrote for a typed value (read.ts did this before it staged typed columns). */
function textOf(col: string, type: string): string {
	if (type === 'VARCHAR') return col;
	if (type === 'DATE') return isoDateSql(col);
	return `CAST(${col} AS VARCHAR)`;
}

function fastParse(c: ColumnSpec, type: string): { parsed: (v: string) => string; canFail: boolean } | null {
	if (type === 'DATE' && c.type === 'date') return { parsed: typedDate, canFail: true };
	if (type === 'INTEGER' && c.type === 'int') return { parsed: (v) => `CASE WHEN ${v} >= 0 THEN ${v} END`, canFail: true };
	if (type === 'INTEGER' && c.type === 'score')
		return { parsed: (v) => `CASE WHEN ${v} IN (1, 2, 3, 4) THEN CAST(${v} AS TINYINT) END`, canFail: true };
	if (type === 'INTEGER' && c.type === 'number') return { parsed: (v) => `CAST(${v} AS DOUBLE)`, canFail: false };
	// tm_bool: empty is false, 'true'/'false' are what they say; never unreadable.
	if (type === 'BOOLEAN' && c.type === 'bool') return { parsed: (v) => `coalesce(${v}, false)`, canFail: false };
	return null;
}

/**
 * A typed date as `tm_date(tm_blank(isoDateSql(v)))` reads it, written out: dates of the years
 * 1–9999 are themselves; of the year 0 the text is `0000-MM-DD`, which tm_date reads with
 * TRY_CAST; any other year's text starts with a sign, which no pattern of tm_date accepts.
 * The composed macros gave the same, but expanded into an expression so large that DuckDB
 * took 0.3–0.7 s to plan each part's validation (`tests/unit/validation.test.ts` compares the two).
 */
export function typedDate(v: string): string {
	const md = `'-' || lpad(CAST(month(${v}) AS VARCHAR), 2, '0') || '-' || lpad(CAST(day(${v}) AS VARCHAR), 2, '0')`;
	return `CASE WHEN ${v} >= DATE '0001-01-01' AND ${v} < DATE '10000-01-01' THEN ${v} WHEN year(${v}) = 0 THEN TRY_CAST('0000' || ${md} AS DATE) END`;
}

async function stagedTypes(engine: Engine, stg: string): Promise<Record<string, string>> {
	const rows = await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE ${q(stg)}`);
	return Object.fromEntries(rows.map((r) => [r.column_name, r.column_type.toUpperCase()]));
}

/** Code columns with at most this many distinct values are mapped by a CASE with bound values, not a join. */
const MAX_CASE_CODES = 64;

export async function validateStaged(
	engine: Engine,
	table: TableName,
	stg: string,
	present: Set<string>,
	fileIndex: number,
	germanNumbers: boolean,
	facts: Record<string, TextFacts> = {}
): Promise<ValidationResult> {
	const spec = TABLES.find((t) => t.name === table)!;
	const cols = spec.columns.filter((c) => !(table === 'cases' && c.type === 'codes'));
	const has = (c: string) => present.has(c);
	const types = await stagedTypes(engine, stg);
	const typeOf = (c: string) => types[c] ?? 'VARCHAR';
	/** A staged VARCHAR column with no value that tm_blank would change (text-facts.ts). */
	const clean = (c: string) => typeOf(c) === 'VARCHAR' && facts[c]?.clean === true;
	/** A present column's text, trimmed, NULL when empty. */
	const blank = (c: string) => (clean(c) ? `s.${q(c)}` : `tm_blank(${textOf(`s.${q(c)}`, typeOf(c))})`);
	const sourceOf = (c: ColumnSpec): Source => {
		if (!has(c.name)) return { mode: 'absent' };
		const type = typeOf(c.name);
		const fast = type === 'VARCHAR' ? null : fastParse(c, type);
		if (fast) return { mode: 'fast', type, ...fast };
		return { mode: 'text', raw: blank(c.name) };
	};
	const sources = new Map(cols.map((c) => [c.name, sourceOf(c)]));
	/** The raw text of a present column as the ledger shows it (trimmed, NULL when empty). */
	const rawText = (c: ColumnSpec) => `tm_blank(${textOf(`s.${q(c.name)}`, typeOf(c.name))})`;

	const codeCols = cols.filter((c) => c.type === 'code' && has(c.name));
	/** The distinct values of a column, when text-facts.ts found them and they are their own tm_blank. */
	const known = (c: string) => (clean(c) ? facts[c].distinct : null);
	const maps = await buildCodeMaps(engine, stg, codeCols.map((c) => ({ name: c.name, text: textOf('x', typeOf(c.name)), known: known(c.name) })));
	if (table === 'cases' && has('referral_reasons')) await buildReferralMap(engine, stg, textOf('x', typeOf('referral_reasons')), known('referral_reasons'));

	// 1. One pass over the staged rows: raw values (r), parsed values (p), and the first rule
	// each row breaks. Only the parsed values, a few raw texts and flags are stored; the raw
	// text of every column is read again from the staged table for the rejected rows only.
	const params: unknown[] = [];
	const level1: string[] = ['s._rec AS _rec'];
	const level2: string[] = ['_rec'];
	const level3: string[] = ['_rec'];
	const joins: string[] = [];
	let ordered = true;
	for (const c of cols) {
		const src = sources.get(c.name)!;
		const rawCol = q(c.name + '__raw');
		if (src.mode === 'absent') {
			level2.push(`NULL::VARCHAR AS ${rawCol}`, `${parsed(c, 'NULL::VARCHAR', germanNumbers)} AS ${q(c.name)}`);
		} else if (src.mode === 'fast') {
			level1.push(`s.${q(c.name)} AS ${rawCol}`);
			level2.push(rawCol, `${src.parsed(rawCol)} AS ${q(c.name)}`);
		} else {
			level1.push(`${src.raw} AS ${rawCol}`);
			let value: string;
			if (c.type === 'code') {
				const pairs = maps[c.name].filter((p) => p[1] !== null);
				if (maps[c.name].length <= MAX_CASE_CODES) {
					value = pairs.length ? `CASE ${rawCol} ${pairs.map(() => 'WHEN ? THEN ?').join(' ')} END` : 'NULL::VARCHAR';
					for (const p of pairs) params.push(p[0], p[1]);
				} else {
					// Many distinct values: a join, which does not keep the row order.
					await insertMap(engine, c.name, maps[c.name]);
					const alias = `m_${c.name}`;
					joins.push(`LEFT JOIN tm_map ${alias} ON ${alias}.col = ${literal(c.name)} AND ${alias}.raw = r.${rawCol}`);
					value = `${alias}.code`;
					ordered = false;
				}
			} else value = parsed(c, rawCol, germanNumbers);
			level2.push(rawCol, `${value} AS ${q(c.name)}`);
		}
		level3.push(q(c.name));
	}
	if (table === 'cases') {
		level3.push('exit_reason__raw');
		if (has('referral_reasons')) level1.push(`${blank('referral_reasons')} AS referral_reasons__raw`);
		level2.push(has('referral_reasons') ? 'referral_reasons__raw' : 'NULL::VARCHAR AS referral_reasons__raw');
		level3.push('referral_reasons__raw');
		for (const f of REFERRAL_FLAG_COLUMNS) {
			const t = typeOf(f);
			const v = !has(f) ? 'NULL::BOOLEAN' : t === 'BOOLEAN' ? `coalesce(s.${q(f)}, false)` : `tm_bool(${textOf(`s.${q(f)}`, t)})`;
			level1.push(`${v} AS ${q(f)}`);
			level2.push(q(f));
			level3.push(q(f));
		}
	}

	// The first rule each row breaks (DECISIONS.md: order of rejection rules).
	const canFail = (c: ColumnSpec) => {
		const src = sources.get(c.name)!;
		return src.mode === 'text' || (src.mode === 'fast' && src.canFail);
	};
	const bad = (c: ColumnSpec) => `${q(c.name + '__raw')} IS NOT NULL AND ${q(c.name)} IS NULL`;
	const rules: string[] = [];
	for (const c of cols.filter((c) => c.required)) {
		if (c.type === 'bool') continue; // x/empty booleans: empty is a valid "no"
		rules.push(`WHEN ${q(c.name + '__raw')} IS NULL THEN 'missing_value:${c.name}'`);
	}
	for (const c of cols) {
		if (!canFail(c)) continue; // an absent column, or a typed value that always parses
		if (c.type === 'date') rules.push(`WHEN ${bad(c)} THEN 'invalid_date:${c.name}'`);
		if (c.type === 'month') rules.push(`WHEN ${bad(c)} THEN 'invalid_month:${c.name}'`);
		if (c.type === 'score') rules.push(`WHEN ${bad(c)} THEN 'score_out_of_range:${c.name}'`);
		if (c.required && (c.type === 'number' || c.type === 'bool' || c.type === 'int'))
			rules.push(`WHEN ${bad(c)} THEN 'invalid_value:${c.name}'`);
		if (c.required && c.type === 'code' && c.name === 'milestone') rules.push(`WHEN ${bad(c)} THEN 'unknown_code:${c.name}'`);
	}
	if (table === 'cases') rules.push(`WHEN exit_date < entry_date THEN 'exit_before_entry'`);
	if (table === 'measures') rules.push(`WHEN end_date < start_date THEN 'end_before_start'`);
	if (table === 'stock') rules.push(`WHEN elb_stock < 0 OR fm_staff_fte < 0 THEN 'invalid_value:elb_stock'`);
	level3.push(`${rules.length ? `CASE ${rules.join(' ')} END` : 'NULL::VARCHAR'} AS _reason`);

	// Warnings on accepted rows: unreadable optional values, as flags counted in step 4.
	const warnCols: { key: string; flag: string }[] = [];
	for (const c of cols) {
		const key = !c.required && c.type === 'code' ? 'unknown_code:' : !c.required && ['int', 'bool', 'number'].includes(c.type) ? 'invalid_value:' : null;
		if (!key) continue;
		const flag = q(c.name + '__bad');
		warnCols.push({ key: key + c.name, flag: canFail(c) ? flag : '' });
		if (canFail(c)) level3.push(`${bad(c)} AS ${flag}`);
	}

	const inner = `SELECT ${level2.join(', ')} FROM (SELECT ${level1.join(', ')} FROM ${q(stg)} s) r ${joins.join(' ')}`;
	const ctas = `CREATE OR REPLACE TEMP TABLE tm_checked AS SELECT ${level3.join(', ')} FROM (${inner}) p${ordered ? '' : ' ORDER BY _rec'}`;
	if (params.length) await engine.query(ctas, params);
	else await engine.exec(ctas);

	// 2. Duplicates (the later rows) and references to unknown cases. Among the rows that pass
	// the other rules (their key is never NULL: every key column is required), a row is a
	// duplicate when an earlier row (smaller _rec) has the same key, or when the key is
	// already loaded from an earlier file. Only keys that occur twice are joined back.
	const key = UNIQUE_KEY[table];
	if (key) {
		const keyList = key.map(q).join(', ');
		const label = `'duplicate_${key.join('_')}'`;
		const same = (a: string, b: string) => key.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' AND ');
		await engine.exec(
			`UPDATE tm_checked SET _reason = ${label} FROM (SELECT ${keyList}, min(_rec) AS _first FROM tm_checked WHERE _reason IS NULL GROUP BY ${keyList} HAVING count(*) > 1) f
			 WHERE tm_checked._reason IS NULL AND ${same('f', 'tm_checked')} AND tm_checked._rec > f._first`
		);
		const [{ loaded }] = await engine.query<{ loaded: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS loaded`);
		if (loaded)
			await engine.exec(
				`UPDATE tm_checked SET _reason = ${label} WHERE _reason IS NULL AND EXISTS (SELECT 1 FROM ${table} t WHERE ${same('t', 'tm_checked')})`
			);
	}
	if (table === 'measures' || table === 'milestones')
		await engine.exec(
			`UPDATE tm_checked SET _reason = 'unknown_case_id' WHERE _reason IS NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = tm_checked.case_id)`
		);

	// 3. Accepted rows into the typed table, in record order (tm_checked is in that order).
	const out = storedColumns(table).map((c) => `${finalValue(table, c)} AS ${q(c.name)}`);
	const prov = table === 'meta' ? '' : `${fileIndex}, _rec, `;
	await engine.exec(`INSERT INTO ${table} SELECT ${prov}${out.join(', ')} FROM tm_checked WHERE _reason IS NULL`);
	if (table === 'cases') await insertReferrals(engine, present);

	// 4. The ledger and the warnings on accepted rows.
	const warn = warnCols.map((w) => `${w.flag ? `count(*) FILTER (WHERE _reason IS NULL AND ${w.flag})` : '0'} AS ${q(w.key)}`);
	if (table === 'cases') {
		warn.push(`count(*) FILTER (WHERE _reason IS NULL AND exit_date IS NOT NULL AND exit_reason__raw IS NULL) AS exit_without_reason`);
		warn.push(`count(*) FILTER (WHERE _reason IS NULL AND exit_date IS NULL AND exit_reason__raw IS NOT NULL) AS reason_without_exit`);
	}
	const [agg] = await engine.query<Record<string, number>>(
		`SELECT count(*) FILTER (WHERE _reason IS NULL)::INTEGER AS accepted, count(*) FILTER (WHERE _reason IS NOT NULL)::INTEGER AS rejected${warn.length ? ', ' + warn.join(', ') : ''} FROM tm_checked`
	);
	const warnings: Record<string, number> = {};
	for (const [k, v] of Object.entries(agg)) if (k !== 'accepted' && k !== 'rejected' && Number(v) > 0) warnings[k] = Number(v);
	if (table === 'cases' && has('referral_reasons')) {
		const [u] = await engine.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM tm_checked WHERE _reason IS NULL AND referral_reasons__raw IN (SELECT v FROM tm_refunknown)`
		);
		if (u.n > 0) warnings['unknown_code:referral_reasons'] = u.n;
	}
	let reasons: { reason: string; n: number }[] = [];
	if (Number(agg.rejected) > 0) {
		// 5. Rejected rows, with their raw values, for the download.
		const rawCols = cols.filter((c) => has(c.name)).map((c) => `coalesce(${rawText(c)}, '')`);
		await engine.exec(
			`INSERT INTO rejected_rows SELECT ${fileIndex}, c._rec, NULL, c._reason, ${rawCols.length ? `concat_ws(' | ', ${rawCols.join(', ')})` : 'NULL'}
			 FROM (SELECT _rec, _reason FROM tm_checked WHERE _reason IS NOT NULL) c JOIN ${q(stg)} s ON s._rec = c._rec ORDER BY c._rec`
		);
		reasons = await engine.query<{ reason: string; n: number }>(
			`SELECT _reason AS reason, count(*)::INTEGER AS n FROM tm_checked WHERE _reason IS NOT NULL GROUP BY 1 ORDER BY 1`
		);
	}
	const unknownCodes: Record<string, number> = {};
	if (table === 'cases' && has('exit_reason')) {
		const rows = await engine.query<{ v: string; n: number }>(
			`SELECT exit_reason__raw AS v, count(*)::INTEGER AS n FROM tm_checked WHERE _reason IS NULL AND exit_reason__raw IS NOT NULL AND exit_reason IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`
		);
		for (const r of rows) unknownCodes[r.v] = r.n;
	}
	await engine.exec('DROP TABLE IF EXISTS tm_checked; DROP TABLE IF EXISTS tm_reflists; DROP TABLE IF EXISTS tm_reftok; DROP TABLE IF EXISTS tm_refcodes; DROP TABLE IF EXISTS tm_refunknown;');
	return {
		accepted: Number(agg.accepted),
		rejected: Number(agg.rejected),
		rejectedReasons: Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
		warnings,
		unknownCodes
	};
}

function parsed(c: ColumnSpec, raw: string, german: boolean): string {
	switch (c.type) {
		case 'text':
		case 'codes':
			return raw;
		case 'date':
			return `tm_date(${raw})`;
		case 'month':
			return `tm_month(${raw})`;
		case 'score':
			return `tm_score(${raw})`;
		case 'int':
			return `tm_count(${raw})`;
		case 'bool':
			return `tm_bool(${raw})`;
		case 'number':
			return `tm_num(${raw}, ${german})`;
		case 'code':
			// Present code columns are mapped in validateStaged; an absent one is empty.
			return 'NULL::VARCHAR';
	}
}

/** The value stored for an accepted row: unknown exit reasons count as `sonstiges`. */
function finalValue(table: TableName, c: ColumnSpec): string {
	if (table === 'cases' && c.name === 'exit_reason')
		return `CASE WHEN exit_date IS NULL THEN NULL ELSE coalesce(exit_reason, 'sonstiges') END`;
	if (table === 'cases' && c.name === 'age_group')
		return `coalesce(age_group, CASE WHEN age IS NULL THEN NULL WHEN age < 25 THEN 'u25' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' ELSE '55+' END)`;
	return q(c.name);
}

async function insertMap(engine: Engine, col: string, pairs: [string, string | null][]): Promise<void> {
	if (pairs.length === 0) return;
	const t = tableOf({
		col: utf8Vector(pairs.map(() => col)),
		raw: utf8Vector(pairs.map((p) => p[0])),
		code: utf8Vector(pairs.map((p) => p[1]))
	});
	await engine.insertArrow('tm_map', t, false);
}

/** Distinct raw values per code column and their codes (`text` turns the staged value `x` into its text). */
async function buildCodeMaps(
	engine: Engine,
	stg: string,
	codeCols: { name: string; text: string; known: string[] | null }[]
): Promise<Record<string, [string, string | null][]>> {
	await engine.exec('CREATE OR REPLACE TEMP TABLE tm_map (col VARCHAR, raw VARCHAR, code VARCHAR)');
	const maps: Record<string, [string, string | null][]> = {};
	for (const { name, text, known } of codeCols) {
		const values =
			known ??
			(
				await engine.query<{ v: string }>(
					// Distinct raw values first (a plain hash aggregate), then trimmed: the same set.
					`SELECT DISTINCT tm_blank(${text}) AS v FROM (SELECT DISTINCT ${q(name)} AS x FROM ${q(stg)}) WHERE tm_blank(${text}) IS NOT NULL LIMIT ${MAX_DISTINCT_CODES}`
				)
			).map((r) => r.v);
		const mapper = CODE_MAPPERS[name];
		maps[name] = values.map((v) => [v, mapper ? mapper(v) : v]);
	}
	return maps;
}

// Referral reasons are split on any of | , ; — as string_split_regex(v, '[|,;]') does, but
// without a regular expression: ',' and ';' become '|' first. A column holds few distinct
// lists ("psychisch|sucht"), so they are split once per distinct value (tm_reftok), and
// rows find their codes by their whole value.
async function buildReferralMap(engine: Engine, stg: string, text: string, known: string[] | null): Promise<void> {
	// The distinct lists, from the staged table or from the facts found when it was decoded.
	let lists = `SELECT DISTINCT tm_blank(${text}) AS v FROM (SELECT DISTINCT referral_reasons AS x FROM ${q(stg)})`;
	if (known && !known.length) lists = 'SELECT NULL::VARCHAR AS v';
	else if (known) {
		await engine.exec('DROP TABLE IF EXISTS tm_reflists');
		await engine.insertArrow('tm_reflists', tableOf({ v: utf8Vector(known) }), true);
		lists = 'SELECT v FROM tm_reflists';
	}
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE tm_reftok AS SELECT v, trim(unnest(string_split(translate(v, ',;', '||'), '|'))) AS tok
		 FROM (${lists}) WHERE v IS NOT NULL`
	);
	const values = await engine.query<{ v: string }>(
		`SELECT DISTINCT tok AS v FROM tm_reftok WHERE tok <> '' LIMIT ${MAX_DISTINCT_CODES}`
	);
	await insertMap(engine, 'referral_reasons', values.map((r) => [r.v, mapReferralReason(r.v)]));
	// Per distinct value: its codes, and whether it holds a token that maps to none.
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE tm_refcodes AS SELECT DISTINCT t.v, m.code FROM tm_reftok t JOIN tm_map m ON m.col = 'referral_reasons' AND m.raw = t.tok WHERE m.code IS NOT NULL;
		 CREATE OR REPLACE TEMP TABLE tm_refunknown AS SELECT DISTINCT t.v FROM tm_reftok t LEFT JOIN tm_map m ON m.col = 'referral_reasons' AND m.raw = t.tok WHERE t.tok <> '' AND m.code IS NULL;`
	);
}

async function insertReferrals(engine: Engine, present: Set<string>): Promise<void> {
	const parts: string[] = [];
	if (present.has('referral_reasons'))
		parts.push(
			`SELECT c.case_id, m.code AS reason FROM tm_checked c JOIN tm_refcodes m ON m.v = c.referral_reasons__raw WHERE c._reason IS NULL`
		);
	for (const code of REFERRAL_REASONS) {
		const f = `zg_${code}`;
		if (present.has(f)) parts.push(`SELECT case_id, ${literal(code)} AS reason FROM tm_checked WHERE _reason IS NULL AND ${q(f)}`);
	}
	if (parts.length) await engine.exec(`INSERT INTO case_referrals SELECT DISTINCT case_id, reason FROM (${parts.join(' UNION ALL ')})`);
}

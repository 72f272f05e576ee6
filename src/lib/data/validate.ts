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
import { storedColumns } from './schema';
import { ident, literal } from './sql';

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

export async function validateStaged(
	engine: Engine,
	table: TableName,
	stg: string,
	present: Set<string>,
	fileIndex: number,
	germanNumbers: boolean
): Promise<ValidationResult> {
	const spec = TABLES.find((t) => t.name === table)!;
	const cols = spec.columns.filter((c) => !(table === 'cases' && c.type === 'codes'));
	const has = (c: string) => present.has(c);
	const raw = (c: string) => (has(c) ? `tm_blank(s.${q(c)})` : 'NULL::VARCHAR');

	await buildCodeMaps(engine, stg, cols.filter((c) => c.type === 'code' && has(c.name)).map((c) => c.name));
	if (table === 'cases' && has('referral_reasons')) await buildReferralMap(engine, stg);

	// 1. Parse every value; keep the raw text next to it to tell "empty" from "unreadable".
	const sel: string[] = ['s._rec AS _rec'];
	const joins: string[] = [];
	for (const c of cols) {
		sel.push(`${raw(c.name)} AS ${q(c.name + '__raw')}`);
		sel.push(`${parsed(c, raw(c.name), germanNumbers, joins)} AS ${q(c.name)}`);
	}
	if (table === 'cases') {
		sel.push(`${raw('referral_reasons')} AS referral_reasons__raw`);
		for (const f of REFERRAL_FLAG_COLUMNS) sel.push(`${has(f) ? `tm_bool(s.${q(f)})` : 'NULL::BOOLEAN'} AS ${q(f)}`);
	}
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE tm_parsed AS SELECT ${sel.join(', ')} FROM ${q(stg)} s ${joins.join(' ')}`
	);

	// 2. The first rule each row breaks.
	const rules: string[] = [];
	for (const c of cols.filter((c) => c.required)) {
		if (c.type === 'bool') continue; // x/empty booleans: empty is a valid "no"
		rules.push(`WHEN ${q(c.name + '__raw')} IS NULL THEN 'missing_value:${c.name}'`);
	}
	for (const c of cols) {
		const bad = `${q(c.name + '__raw')} IS NOT NULL AND ${q(c.name)} IS NULL`;
		if (c.type === 'date') rules.push(`WHEN ${bad} THEN 'invalid_date:${c.name}'`);
		if (c.type === 'month') rules.push(`WHEN ${bad} THEN 'invalid_month:${c.name}'`);
		if (c.type === 'score') rules.push(`WHEN ${bad} THEN 'score_out_of_range:${c.name}'`);
		if (c.required && (c.type === 'number' || c.type === 'bool' || c.type === 'int'))
			rules.push(`WHEN ${bad} THEN 'invalid_value:${c.name}'`);
		if (c.required && c.type === 'code' && c.name === 'milestone')
			rules.push(`WHEN ${bad} THEN 'unknown_code:${c.name}'`);
	}
	if (table === 'cases') rules.push(`WHEN exit_date < entry_date THEN 'exit_before_entry'`);
	if (table === 'measures') rules.push(`WHEN end_date < start_date THEN 'end_before_start'`);
	if (table === 'stock') rules.push(`WHEN elb_stock < 0 OR fm_staff_fte < 0 THEN 'invalid_value:elb_stock'`);
	const first = rules.length ? `CASE ${rules.join(' ')} END` : 'NULL::VARCHAR';

	// 3. Duplicates (the later rows) and references to unknown cases. Among the rows that pass
	// the other rules (their key is never NULL: every key column is required), a row is a
	// duplicate when an earlier row (smaller _rec) has the same key: the first record per key
	// comes from one grouped pass, which is much cheaper than a window over the wide rows.
	const key = UNIQUE_KEY[table];
	const later: string[] = [];
	let join = '';
	let firsts = '';
	if (key) {
		const keyList = key.map(q).join(', ');
		firsts = `, tm_first AS (SELECT ${keyList}, min(_rec) AS _first FROM p0 WHERE _r0 IS NULL GROUP BY ${keyList})`;
		join = `LEFT JOIN tm_first f ON ${key.map((k) => `f.${q(k)} = p.${q(k)}`).join(' AND ')}`;
		later.push(`WHEN p._rec > f._first THEN 'duplicate_${key.join('_')}'`);
		later.push(
			`WHEN EXISTS (SELECT 1 FROM ${table} t WHERE ${key.map((k) => `t.${q(k)} = p.${q(k)}`).join(' AND ')}) THEN 'duplicate_${key.join('_')}'`
		);
	}
	if (table === 'measures' || table === 'milestones')
		later.push(`WHEN NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = p.case_id) THEN 'unknown_case_id'`);
	const finalReason = later.length ? `CASE WHEN _r0 IS NOT NULL THEN _r0 ${later.join(' ')} END` : '_r0';
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE tm_checked AS WITH p0 AS MATERIALIZED (SELECT *, ${first} AS _r0 FROM tm_parsed)${firsts}
		 SELECT p.*, ${finalReason} AS _reason FROM p0 p ${join}`
	);

	// 4. Accepted rows into the typed table.
	const out = storedColumns(table).map((c) => `${finalValue(table, c)} AS ${q(c.name)}`);
	const prov = table === 'meta' ? '' : `${fileIndex}, _rec, `;
	await engine.exec(
		`INSERT INTO ${table} SELECT ${prov}${out.join(', ')} FROM tm_checked WHERE _reason IS NULL ORDER BY _rec`
	);
	if (table === 'cases') await insertReferrals(engine, present);

	// 5. Rejected rows, with their raw values, for the download.
	const rawCols = cols.filter((c) => has(c.name)).map((c) => `coalesce(${q(c.name + '__raw')}, '')`);
	await engine.exec(
		`INSERT INTO rejected_rows SELECT ${fileIndex}, _rec, NULL, _reason, ${rawCols.length ? `concat_ws(' | ', ${rawCols.join(', ')})` : 'NULL'} FROM tm_checked WHERE _reason IS NOT NULL`
	);

	// 6. The ledger and the warnings on accepted rows.
	const warn: string[] = [];
	for (const c of cols) {
		const bad = `${q(c.name + '__raw')} IS NOT NULL AND ${q(c.name)} IS NULL`;
		if (!c.required && c.type === 'code') warn.push(`count(*) FILTER (WHERE _reason IS NULL AND ${bad}) AS ${q('unknown_code:' + c.name)}`);
		if (!c.required && ['int', 'bool', 'number'].includes(c.type))
			warn.push(`count(*) FILTER (WHERE _reason IS NULL AND ${bad}) AS ${q('invalid_value:' + c.name)}`);
	}
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
			`SELECT count(DISTINCT p._rec)::INTEGER AS n FROM (SELECT _rec, trim(unnest(string_split(translate(referral_reasons__raw, ',;', '||'), '|'))) AS tok FROM tm_checked WHERE _reason IS NULL) p
			 LEFT JOIN tm_map m ON m.col = 'referral_reasons' AND m.raw = p.tok WHERE p.tok <> '' AND m.code IS NULL`
		);
		if (u.n > 0) warnings['unknown_code:referral_reasons'] = u.n;
	}
	const reasons = await engine.query<{ reason: string; n: number }>(
		`SELECT _reason AS reason, count(*)::INTEGER AS n FROM tm_checked WHERE _reason IS NOT NULL GROUP BY 1 ORDER BY 1`
	);
	const unknownCodes: Record<string, number> = {};
	if (table === 'cases' && has('exit_reason')) {
		const rows = await engine.query<{ v: string; n: number }>(
			`SELECT exit_reason__raw AS v, count(*)::INTEGER AS n FROM tm_checked WHERE _reason IS NULL AND exit_reason__raw IS NOT NULL AND exit_reason IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`
		);
		for (const r of rows) unknownCodes[r.v] = r.n;
	}
	await engine.exec('DROP TABLE IF EXISTS tm_parsed; DROP TABLE IF EXISTS tm_checked;');
	return {
		accepted: Number(agg.accepted),
		rejected: Number(agg.rejected),
		rejectedReasons: Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
		warnings,
		unknownCodes
	};
}

function parsed(c: ColumnSpec, raw: string, german: boolean, joins: string[]): string {
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
		case 'code': {
			if (raw.startsWith('NULL')) return 'NULL::VARCHAR';
			const alias = `m_${c.name}`;
			joins.push(`LEFT JOIN tm_map ${alias} ON ${alias}.col = ${literal(c.name)} AND ${alias}.raw = ${raw}`);
			return `${alias}.code`;
		}
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

async function buildCodeMaps(engine: Engine, stg: string, codeCols: string[]): Promise<void> {
	await engine.exec('CREATE OR REPLACE TEMP TABLE tm_map (col VARCHAR, raw VARCHAR, code VARCHAR)');
	for (const col of codeCols) {
		const values = await engine.query<{ v: string }>(
			// Distinct raw values first (a plain hash aggregate), then trimmed: the same set.
			`SELECT DISTINCT tm_blank(x) AS v FROM (SELECT DISTINCT ${q(col)} AS x FROM ${q(stg)}) WHERE tm_blank(x) IS NOT NULL LIMIT ${MAX_DISTINCT_CODES}`
		);
		const mapper = CODE_MAPPERS[col];
		await insertMap(engine, col, values.map((r) => [r.v, mapper ? mapper(r.v) : r.v]));
	}
}

// Referral reasons are split on any of | , ; — as string_split_regex(v, '[|,;]') does, but
// without a regular expression: ',' and ';' become '|' first.
async function buildReferralMap(engine: Engine, stg: string): Promise<void> {
	const values = await engine.query<{ v: string }>(
		`SELECT DISTINCT trim(t) AS v FROM (SELECT unnest(string_split(translate(tm_blank(referral_reasons), ',;', '||'), '|')) AS t FROM ${q(stg)}) WHERE trim(t) <> '' LIMIT ${MAX_DISTINCT_CODES}`
	);
	await insertMap(engine, 'referral_reasons', values.map((r) => [r.v, mapReferralReason(r.v)]));
}

async function insertReferrals(engine: Engine, present: Set<string>): Promise<void> {
	const parts: string[] = [];
	if (present.has('referral_reasons'))
		parts.push(
			`SELECT p.case_id, m.code AS reason FROM (SELECT case_id, trim(unnest(string_split(translate(referral_reasons__raw, ',;', '||'), '|'))) AS tok FROM tm_checked WHERE _reason IS NULL) p JOIN tm_map m ON m.col = 'referral_reasons' AND m.raw = p.tok WHERE m.code IS NOT NULL`
		);
	for (const code of REFERRAL_REASONS) {
		const f = `zg_${code}`;
		if (present.has(f)) parts.push(`SELECT case_id, ${literal(code)} AS reason FROM tm_checked WHERE _reason IS NULL AND ${q(f)}`);
	}
	if (parts.length) await engine.exec(`INSERT INTO case_referrals SELECT DISTINCT case_id, reason FROM (${parts.join(' UNION ALL ')})`);
}

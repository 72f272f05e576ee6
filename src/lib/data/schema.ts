/**
 * The typed tables the indicators query. They hold only contract columns, plus `_file`
 * and `_rec` (which file and which record a row came from), so every number can be
 * traced back to a line of a file.
 */
import { PLAIN_SCHEMA, TYPED_SCHEMA, type Engine } from './engine';
import { TABLES, type ColumnSpec, type TableName } from './contract';
import { ident } from './sql';

const SQL_TYPE: Record<ColumnSpec['type'], string> = {
	text: 'VARCHAR',
	code: 'VARCHAR',
	codes: 'VARCHAR',
	date: 'DATE',
	month: 'DATE',
	int: 'INTEGER',
	score: 'TINYINT',
	bool: 'BOOLEAN',
	number: 'DOUBLE'
};

/** Columns stored per table: `age` is banded into `age_group`, referral codes go to `case_referrals`. */
export function storedColumns(table: TableName): ColumnSpec[] {
	const spec = TABLES.find((t) => t.name === table)!;
	if (table === 'meta') return spec.columns;
	return spec.columns.filter((c) => c.name !== 'age' && c.type !== 'codes');
}

/** The tables a load fills: the contract tables and the referral reasons. */
function typedTables(): { name: string; columns: string }[] {
	const out = TABLES.map((t) => {
		const cols = storedColumns(t.name).map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`);
		const prov = t.name === 'meta' ? [] : ['_file INTEGER', '_rec INTEGER'];
		return { name: t.name, columns: [...prov, ...cols].join(', ') };
	});
	return [...out, { name: 'case_referrals', columns: 'case_id VARCHAR, reason VARCHAR' }];
}

/**
 * The empty tables of a load, in the compressed database `tm`. With `compressLater` (see
 * COMPRESS_LATER_MAX_ROWS) a twin of each in the uncompressed database takes the rows first:
 * unqualified names find it before the one in `tm` (the search path), until
 * `compressTables` moves the rows. A twin left from an earlier load is dropped either way.
 */
export function schemaSql(compressLater = false): string {
	const parts: string[] = [];
	for (const t of typedTables()) {
		parts.push(`DROP TABLE IF EXISTS ${PLAIN_SCHEMA}.${t.name};`);
		parts.push(`CREATE OR REPLACE TABLE ${TYPED_SCHEMA}.${t.name} (${t.columns});`);
		if (compressLater) parts.push(`CREATE TABLE ${PLAIN_SCHEMA}.${t.name} (${t.columns});`);
	}
	parts.push(
		'CREATE OR REPLACE TABLE rejected_rows (file INTEGER, rec INTEGER, line INTEGER, reason VARCHAR, raw VARCHAR);'
	);
	return parts.join('\n');
}

/**
 * Moves the rows of a load filled uncompressed into `tm`, table by table and in their order,
 * and stops once `current` says a newer load began (its tables are not these). Returns
 * whether all moved.
 */
export async function compressTables(engine: Engine, current: () => boolean = () => true): Promise<boolean> {
	const [database, schema] = PLAIN_SCHEMA.split('.');
	const twins = await engine.query<{ name: string }>('SELECT table_name AS name FROM duckdb_tables() WHERE database_name = ? AND schema_name = ?', [database, schema]);
	const plain = new Set(twins.map((r) => r.name));
	for (const t of typedTables()) {
		if (!plain.has(t.name)) continue;
		if (!current()) return false;
		// One call, so no other statement comes between the two (DuckDB writes one database per
		// transaction, so they are two): a statement fails whole, and until the twin is dropped
		// unqualified names find its rows, the same ones.
		await engine.exec(`INSERT INTO ${TYPED_SCHEMA}.${t.name} SELECT * FROM ${PLAIN_SCHEMA}.${t.name}; DROP TABLE ${PLAIN_SCHEMA}.${t.name};`);
	}
	return true;
}

/**
 * The typed tables the indicators query. They hold only contract columns, plus `_file`
 * and `_rec` (which file and which record a row came from), so every number can be
 * traced back to a line of a file.
 */
import { TYPED_SCHEMA } from './engine';
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

export function schemaSql(): string {
	const parts: string[] = [];
	for (const t of TABLES) {
		const cols = storedColumns(t.name).map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`);
		const prov = t.name === 'meta' ? [] : ['_file INTEGER', '_rec INTEGER'];
		parts.push(`CREATE OR REPLACE TABLE ${TYPED_SCHEMA}.${t.name} (${[...prov, ...cols].join(', ')});`);
	}
	parts.push(`CREATE OR REPLACE TABLE ${TYPED_SCHEMA}.case_referrals (case_id VARCHAR, reason VARCHAR);`);
	parts.push(
		'CREATE OR REPLACE TABLE rejected_rows (file INTEGER, rec INTEGER, line INTEGER, reason VARCHAR, raw VARCHAR);'
	);
	return parts.join('\n');
}

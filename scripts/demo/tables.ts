/**
 * The tables of DATA.md as the generator writes them: canonical English column names, one
 * storage kind per column, and a column-wise buffer (one array per column, no row objects
 * kept) that the sinks turn into Parquet row groups or CSV lines.
 */

export type ColumnKind = 'string' | 'date' | 'int' | 'double' | 'bool';
export type Cell = string | number | boolean | null;

export interface ColumnDef {
	name: string;
	kind: ColumnKind;
	/** REQUIRED in Parquet (never null). */
	required: boolean;
}

export interface TableDef<Name extends string = string> {
	name: string;
	columns: readonly { name: Name; kind: ColumnKind; required: boolean }[];
}

const c = <N extends string>(name: N, kind: ColumnKind, required = false) => ({ name, kind, required });

export const CASES_TABLE = {
	name: 'cases',
	columns: [
		c('case_id', 'string', true),
		c('person_id', 'string', true),
		c('jobcenter_id', 'string', true),
		c('unit', 'string'),
		c('program', 'string', true),
		c('caseworker_id', 'string'),
		c('referral_date', 'date'),
		c('entry_date', 'date', true),
		c('exit_date', 'date'),
		c('exit_reason', 'string'),
		c('referral_reasons', 'string'),
		c('age_group', 'string'),
		c('gender', 'string'),
		c('profile', 'string'),
		c('needs_count', 'int'),
		c('appointments', 'int'),
		c('employability_entry', 'int'),
		c('employability_exit', 'int'),
		c('participation_entry', 'int'),
		c('participation_exit', 'int'),
		c('extended', 'bool', true)
	]
} as const;

export const MEASURES_TABLE = {
	name: 'measures',
	columns: [
		c('case_id', 'string', true),
		c('measure', 'string', true),
		c('legal_basis', 'string', true),
		c('aims_employability', 'bool', true),
		c('start_date', 'date', true),
		c('end_date', 'date'),
		c('employability_start', 'int'),
		c('employability_end', 'int')
	]
} as const;

export const MILESTONES_TABLE = {
	name: 'milestones',
	columns: [c('case_id', 'string', true), c('milestone', 'string', true), c('date', 'date', true)]
} as const;

export const STOCK_TABLE = {
	name: 'stock',
	columns: [
		c('jobcenter_id', 'string', true),
		c('month', 'string', true),
		c('elb_stock', 'int', true),
		c('fm_staff_fte', 'double', true)
	]
} as const;

export const JOBCENTERS_TABLE = {
	name: 'jobcenters',
	columns: [
		c('jobcenter_id', 'string', true),
		c('name', 'string', true),
		c('state', 'string', true),
		c('org_type', 'string', true),
		c('comparison_type', 'string', true),
		c('area_type', 'string', true),
		c('ags', 'string', true)
	]
} as const;

export const META_TABLE = {
	name: 'meta',
	columns: [c('key', 'string', true), c('value', 'string', true)]
} as const;

type ColumnNames<T extends TableDef> = T['columns'][number]['name'];
export type Row<T extends TableDef> = Record<ColumnNames<T>, Cell>;

/** Column-wise storage for one block of rows of a table. */
export class TableBuffer<T extends TableDef> {
	readonly def: T;
	readonly columns: Cell[][];
	private readonly names: ColumnNames<T>[];

	constructor(def: T) {
		this.def = def;
		this.names = def.columns.map((col) => col.name);
		this.columns = def.columns.map(() => []);
	}

	get length(): number {
		return this.columns[0].length;
	}

	append(row: Row<T>): void {
		for (let i = 0; i < this.names.length; i++) this.columns[i].push(row[this.names[i]]);
	}

	column(name: ColumnNames<T>): Cell[] {
		return this.columns[this.names.indexOf(name)];
	}

	clear(): void {
		for (const col of this.columns) col.length = 0;
	}
}

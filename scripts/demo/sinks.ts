/**
 * Where the generated blocks go: a Parquet file (one row group per block, via
 * hyparquet-writer's incremental ParquetWriter) or a CSV file (UTF-8, comma, ISO dates).
 * Both stream, so the size of the demo is bounded by the block size, not by --cases.
 */
import fs from 'node:fs';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { isoDate } from './dates';
import type { Cell, ColumnKind, TableBuffer, TableDef } from './tables';

export type OutputFormat = 'parquet' | 'csv';

export interface TableSink {
	write(buffer: TableBuffer<TableDef>): void;
	close(): void;
}

/** The Parquet schema element of each storage kind. */
function schemaElement(name: string, kind: ColumnKind, required: boolean): SchemaElement {
	const repetition_type = required ? 'REQUIRED' : 'OPTIONAL';
	switch (kind) {
		case 'string':
			return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
		case 'date':
			return { name, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type };
		case 'int':
			return { name, type: 'INT32', repetition_type };
		case 'double':
			return { name, type: 'DOUBLE', repetition_type };
		case 'bool':
			return { name, type: 'BOOLEAN', repetition_type };
	}
}

export function parquetSchema(def: TableDef): SchemaElement[] {
	return [
		{ name: 'root', num_children: def.columns.length },
		...def.columns.map((col) => schemaElement(col.name, col.kind, col.required))
	];
}

export const CREATED_BY = 'teilhabe-monitor generate-demo';

class ParquetSink implements TableSink {
	private readonly writer: ParquetWriter;
	private readonly def: TableDef;

	constructor(path: string, def: TableDef) {
		this.def = def;
		this.writer = new ParquetWriter({
			writer: fileWriter(path),
			schema: parquetSchema(def),
			codec: 'SNAPPY',
			createdBy: CREATED_BY
		});
	}

	write(buffer: TableBuffer<TableDef>): void {
		const rows = buffer.length;
		if (rows === 0) return;
		const columnData = this.def.columns.map((col, i) => ({ name: col.name, data: buffer.columns[i] }));
		// One row group per block; the file writer flushes synchronously.
		void this.writer.write({ columnData, rowGroupSize: rows });
	}

	close(): void {
		void this.writer.finish();
	}
}

/** RFC 4180 quoting, only where needed. */
function csvText(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvCell(value: Cell, kind: ColumnKind): string {
	if (value === null) return '';
	switch (kind) {
		case 'date':
			return isoDate(value as number);
		case 'string':
			return csvText(value as string);
		default:
			return String(value);
	}
}

class CsvSink implements TableSink {
	private readonly fd: number;
	private readonly kinds: ColumnKind[];

	constructor(path: string, def: TableDef) {
		this.fd = fs.openSync(path, 'w');
		this.kinds = def.columns.map((col) => col.kind);
		fs.writeSync(this.fd, def.columns.map((col) => col.name).join(',') + '\n');
	}

	write(buffer: TableBuffer<TableDef>): void {
		const lines: string[] = [];
		const { columns } = buffer;
		for (let r = 0; r < buffer.length; r++) {
			const cells: string[] = [];
			for (let i = 0; i < columns.length; i++) cells.push(csvCell(columns[i][r], this.kinds[i]));
			lines.push(cells.join(','));
			if (lines.length === 20000) this.flush(lines);
		}
		this.flush(lines);
	}

	private flush(lines: string[]): void {
		if (lines.length === 0) return;
		fs.writeSync(this.fd, lines.join('\n') + '\n');
		lines.length = 0;
	}

	close(): void {
		fs.closeSync(this.fd);
	}
}

export function openSink(path: string, def: TableDef, format: OutputFormat): TableSink {
	return format === 'parquet' ? new ParquetSink(path, def) : new CsvSink(path, def);
}

/** Writes a small table as CSV in one go (jobcenters, meta). */
export function writeCsvTable(path: string, buffer: TableBuffer<TableDef>): void {
	const sink = new CsvSink(path, buffer.def);
	sink.write(buffer);
	sink.close();
}

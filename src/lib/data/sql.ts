/**
 * Strict quoting for the few places where a name, not a value, must appear in SQL text
 * (column names from a file header, table names we generate). Values are always bound as
 * parameters; `literal` exists only for constants the code itself chooses.
 */
export function ident(name: string): string {
	return '"' + name.replace(/"/g, '""') + '"';
}

export function literal(value: string): string {
	return "'" + value.replace(/'/g, "''") + "'";
}

/**
 * Which table a file holds and which of its columns are which contract column. The
 * proposal comes from names and aliases; a mapping the user made in the dialog is saved
 * under the file's header signature and applied again to the next export of that system.
 */
import {
	REFERRAL_REASONS,
	TABLES,
	isIdentifierLike,
	normaliseHeader,
	type TableName,
	type TableSpec
} from './contract';

export interface SavedMapping {
	signature: string;
	table: TableName;
	/** Source header (as in the file) → contract column. */
	mapping: Record<string, string>;
}

export interface Proposal {
	table: TableName | null;
	mapping: Record<string, string>;
	refused: string[];
	ignored: string[];
	missingRequired: string[];
	/** True when the table is known and all its required columns are mapped. */
	complete: boolean;
	fromSaved: boolean;
}

/** Per-case boolean referral columns (`zg_psychisch`, …) are contract columns too. */
export const REFERRAL_FLAG_COLUMNS = REFERRAL_REASONS.map((r) => `zg_${r}`);

export function signatureOf(headers: string[]): string {
	return headers.map(normaliseHeader).sort().join('|');
}

function matchColumns(headers: string[], spec: TableSpec): Record<string, string> {
	const mapping: Record<string, string> = {};
	const taken = new Set<string>();
	const candidates = spec.columns.map((c) => ({
		name: c.name,
		keys: new Set([c.name, ...c.aliases].map(normaliseHeader))
	}));
	if (spec.name === 'cases') for (const f of REFERRAL_FLAG_COLUMNS) candidates.push({ name: f, keys: new Set([f]) });
	// Exact canonical names first, then aliases, so `grund` cannot steal `exit_reason`.
	for (const pass of ['name', 'alias'] as const) {
		for (const h of headers) {
			if (mapping[h]) continue;
			const n = normaliseHeader(h);
			const hit = candidates.find(
				(c) => !taken.has(c.name) && (pass === 'name' ? c.name === n : c.keys.has(n))
			);
			if (hit) {
				mapping[h] = hit.name;
				taken.add(hit.name);
			}
		}
	}
	return mapping;
}

function required(spec: TableSpec): string[] {
	return spec.columns.filter((c) => c.required).map((c) => c.name);
}

export function propose(headers: string[], fileName: string, saved: SavedMapping[] = []): Proposal {
	const sig = signatureOf(headers);
	const remembered = saved.find((s) => s.signature === sig);
	if (remembered) {
		// The signature ignores case and spelling, so the saved source names are matched the same way.
		const byNorm = new Map(headers.map((h) => [normaliseHeader(h), h]));
		const mapping: Record<string, string> = {};
		for (const [h, c] of Object.entries(remembered.mapping)) {
			const here = byNorm.get(normaliseHeader(h));
			if (here) mapping[here] = c;
		}
		return finish(headers, remembered.table, mapping, true);
	}

	const base = normaliseHeader(fileName.replace(/\.[^.]+$/, ''));
	let best: { spec: TableSpec; mapping: Record<string, string>; score: number; complete: boolean } | null = null;
	for (const spec of TABLES) {
		const mapping = matchColumns(headers, spec);
		const mapped = new Set(Object.values(mapping));
		const req = required(spec);
		const complete = req.every((r) => mapped.has(r));
		// An incomplete table is only proposed when most of its required columns are there:
		// a lone `id` or `name` column does not make a file of something else a cases file.
		const plausible = complete || 2 * req.filter((r) => mapped.has(r)).length > req.length;
		const hint = spec.fileHints.some((h) => base.split('_').includes(h)) ? 0.5 : 0;
		// A complete table always beats an incomplete one; among equals, more matched
		// columns and a telling file name win.
		const score = (complete ? 1000 : 0) + mapped.size + hint;
		if (plausible && (!best || score > best.score)) best = { spec, mapping, score, complete };
	}
	if (!best) return finish(headers, null, {}, false);
	return finish(headers, best.spec.name, best.mapping, false);
}

/** Completes a proposal for a chosen table and mapping (also used after the dialog). */
export function finish(
	headers: string[],
	table: TableName | null,
	mapping: Record<string, string>,
	fromSaved: boolean
): Proposal {
	const spec = TABLES.find((t) => t.name === table);
	const clean: Record<string, string> = {};
	for (const [h, c] of Object.entries(mapping)) if (headers.includes(h) && c) clean[h] = c;
	const refused: string[] = [];
	const ignored: string[] = [];
	for (const h of headers) {
		if (clean[h]) continue;
		(isIdentifierLike(normaliseHeader(h)) ? refused : ignored).push(h);
	}
	// An identifier-like column is never loaded, even if someone mapped it by hand.
	for (const h of Object.keys(clean)) {
		if (isIdentifierLike(normaliseHeader(h)) && !isContractName(clean[h], h)) {
			delete clean[h];
			refused.push(h);
		}
	}
	const mapped = new Set(Object.values(clean));
	const missingRequired = spec ? required(spec).filter((r) => !mapped.has(r)) : [];
	return {
		table,
		mapping: clean,
		refused,
		ignored,
		missingRequired,
		complete: !!spec && missingRequired.length === 0,
		fromSaved
	};
}

/** `name` in the jobcenters table is the jobcenter's name, not a person's. */
function isContractName(column: string, header: string): boolean {
	return column === 'name' && normaliseHeader(header) === 'name';
}

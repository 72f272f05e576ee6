/** Column mappings the user made, kept in the browser for the next export of the same system. */
import type { SavedMapping } from '../data/mapping';

const KEY = 'teilhabe-monitor.mappings';

export function loadSavedMappings(): SavedMapping[] {
	try {
		const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
		return Array.isArray(v) ? v.filter(isSavedMapping) : [];
	} catch {
		return [];
	}
}

export function saveMapping(m: SavedMapping): void {
	const all = loadSavedMappings().filter((x) => x.signature !== m.signature);
	all.push(m);
	localStorage.setItem(KEY, JSON.stringify(all));
}

export function isSavedMapping(v: unknown): v is SavedMapping {
	const m = v as SavedMapping;
	return !!m && typeof m.signature === 'string' && typeof m.table === 'string' && typeof m.mapping === 'object';
}

/** The small JSON file a user can keep next to the export. */
export function mappingFile(m: SavedMapping): Blob {
	return new Blob([JSON.stringify({ kind: 'teilhabe-monitor-mapping', version: 1, ...m }, null, 2)], {
		type: 'application/json'
	});
}

/**
 * A saved analysis: a small JSON file with everything needed to see the same thing again
 * with the same export — view state, column mappings, outcome grouping, targets and slides.
 * It never holds data.
 */
import type { SavedMapping } from '../data/mapping';
import { isSavedMapping } from './mappings';
import { fromQuery, toQuery, type ViewState } from './url';

export const ANALYSIS_KIND = 'teilhabe-monitor-analysis';

export interface SavedAnalysis {
	kind: typeof ANALYSIS_KIND;
	version: 1;
	/** The view state as the URL query string (the same serialisation as the URL). */
	query: string;
	mappings: SavedMapping[];
	outcomeGrouping: Record<string, string>;
	targets: Record<string, number>;
	slides: string[];
}

export function analysisOf(parts: { view: ViewState; mappings: SavedMapping[]; outcomeGrouping: Record<string, string>; targets: Record<string, number>; slides: string[] }): SavedAnalysis {
	return {
		kind: ANALYSIS_KIND,
		version: 1,
		query: toQuery(parts.view),
		mappings: parts.mappings,
		outcomeGrouping: parts.outcomeGrouping,
		targets: parts.targets,
		slides: parts.slides
	};
}

/** Reads a saved analysis strictly: anything unexpected is dropped, a foreign file is null. */
export function parseAnalysis(text: string): (Omit<SavedAnalysis, 'query'> & { view: ViewState }) | null {
	let v: unknown;
	try {
		v = JSON.parse(text);
	} catch {
		return null;
	}
	const a = v as Partial<SavedAnalysis>;
	if (!a || a.kind !== ANALYSIS_KIND || a.version !== 1 || typeof a.query !== 'string') return null;
	const strings = (o: unknown) => (o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([, x]) => typeof x === 'string')) : {});
	const numbers = (o: unknown) => (o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([, x]) => typeof x === 'number' && Number.isFinite(x))) : {});
	return {
		kind: ANALYSIS_KIND,
		version: 1,
		view: fromQuery(a.query),
		mappings: Array.isArray(a.mappings) ? a.mappings.filter(isSavedMapping) : [],
		outcomeGrouping: strings(a.outcomeGrouping) as Record<string, string>,
		targets: numbers(a.targets) as Record<string, number>,
		slides: Array.isArray(a.slides) ? a.slides.filter((s): s is string => typeof s === 'string') : []
	};
}

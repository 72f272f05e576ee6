/** Saved analyses round-trip and refuse foreign files. */
import { describe, expect, it } from 'vitest';
import { analysisOf, parseAnalysis } from '../../src/lib/state/analysis';

const parts = {
	view: { lang: 'de' as const, k: 7, from: '2024-01-01', to: '2024-06-30', filters: { gender: ['w'] }, group: 'unit', mine: null },
	mappings: [{ signature: 'kennung|start', table: 'cases' as const, mapping: { Kennung: 'case_id', Start: 'entry_date' } }],
	outcomeGrouping: { reha: 'integration' },
	targets: { integration_share: 0.15, betreuungsschluessel: 75 },
	slides: ['exit_reasons', 'series']
};

describe('saved analysis', () => {
	it('round-trips state, mappings, grouping, targets and slides', () => {
		const text = JSON.stringify(analysisOf(parts));
		expect(JSON.parse(text).query).toBe('k=7&from=2024-01-01&to=2024-06-30&group=unit&f.gender=w');
		const back = parseAnalysis(text)!;
		expect(back.view).toEqual(parts.view);
		expect(back.mappings).toEqual(parts.mappings);
		expect(back.outcomeGrouping).toEqual({ reha: 'integration' });
		expect(back.targets).toEqual({ integration_share: 0.15, betreuungsschluessel: 75 });
		expect(back.slides).toEqual(['exit_reasons', 'series']);
	});

	it('refuses files that are not a saved analysis and drops malformed parts', () => {
		expect(parseAnalysis('not json')).toBeNull();
		expect(parseAnalysis(JSON.stringify({ kind: 'teilhabe-monitor-mapping', version: 1 }))).toBeNull();
		const odd = parseAnalysis(JSON.stringify({ kind: 'teilhabe-monitor-analysis', version: 1, query: 'k=3', targets: { a: 'x', b: 2 }, slides: [1, 'series'], mappings: [{ nope: true }] }))!;
		expect(odd.view.k).toBe(3);
		expect(odd.targets).toEqual({ b: 2 });
		expect(odd.slides).toEqual(['series']);
		expect(odd.mappings).toEqual([]);
	});
});

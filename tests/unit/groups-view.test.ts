/**
 * What the view "Regionen" reads off `groups`: ranking, funnel tally, where "mein
 * Jobcenter" stands, and the GeoJSON matching of the choropleth. Pure functions.
 */
import { describe, expect, it } from 'vitest';
import { funnelCurve } from '../../src/lib/indicators/group-funnel';
import type { GroupRow } from '../../src/lib/indicators/groups';
import { funnelTally, pointOf, ranked, standingOf } from '../../src/lib/indicators/regional-comparison';
import { matchFeatures, parseGeoJson, projectPaths } from '../../src/lib/charts/geojson';

/** A group with an integration share x/n and the given 99.8 % flag. */
function group(key: string, x: number, n: number, type: string | null, flag: 'above' | 'within' | 'below' | null, suppressed = false): GroupRow {
	const share = suppressed ? null : { value: x / n, numerator: x, denominator: n, ci_low: null, ci_high: null, suppressed: false };
	const funnel = flag ? { p0: 0.2, lo95: 0, hi95: 1, lo998: 0, hi998: 1, flag, flag95: flag } : null;
	return {
		key, label: `JC ${key}`, n: suppressed ? null : n, exits: suppressed ? null : n, integration_share: share, integrationsquote: null,
		ermoeglichungsquote: null, bf_erhoehung: null, median_days: null, exit_reasons: null, funnel, funnel_bf: null,
		comparison_type: type, state: null, ags: null, suppressed
	};
}
const GROUPS = [
	group('A', 30, 100, 'Ia', 'above'), // 0.30
	group('B', 20, 200, 'IIb', 'within'), // 0.10
	group('C', 50, 250, 'Ia', 'within'), // 0.20
	group('D', 40, 100, 'IIb', 'above'), // 0.40
	group('S', 0, 3, 'Ia', null, true)
];

describe('ranking and funnel tally', () => {
	it('ranks shown groups by value or by size and leaves small groups out', () => {
		const points = GROUPS.map((g) => pointOf(g, 'integration_share'));
		expect(ranked(points, 'value').map((p) => p.key)).toEqual(['D', 'A', 'C', 'B']);
		expect(ranked(points, 'size').map((p) => p.key)).toEqual(['C', 'B', 'A', 'D']);
		expect(points.find((p) => p.key === 'A')!.path).toBe('groups.A.integration_share.value');
		expect(funnelTally(points)).toEqual({ above: 2, within: 2, below: 0, total: 4, above95: 2, below95: 0 });
	});

	it('says where "mein Jobcenter" stands among all and among its comparison type', () => {
		expect(standingOf(GROUPS, 'integration_share', 'C')).toEqual({ rank: 3, of: 4, rankType: 2, ofType: 2, comparisonType: 'Ia', flag: 'within' });
		expect(standingOf(GROUPS, 'integration_share', 'D')).toMatchObject({ rank: 1, rankType: 1, ofType: 2, comparisonType: 'IIb', flag: 'above' });
		expect(standingOf(GROUPS, 'integration_share', 'S')).toBeNull();
		expect(standingOf(GROUPS, 'integration_share', 'nicht da')).toBeNull();
	});

	it('draws the funnel curve at whole denominators, narrowing as n grows', () => {
		const c = funnelCurve(0.25, 10, 1000, 20);
		expect(c[0].n).toBe(10);
		expect(c.at(-1)!.n).toBe(1000);
		expect(c.every((p) => Number.isInteger(p.n))).toBe(true);
		expect(c.at(-1)!.hi998 - c.at(-1)!.lo998).toBeLessThan(c[0].hi998 - c[0].lo998);
		expect(c.find((p) => p.n === 100)?.hi95).toBeCloseTo(0.3323232, 6);
	});
});

describe('GeoJSON for the choropleth', () => {
	const square = (x: number, props: Record<string, unknown>) => ({
		type: 'Feature', properties: props,
		geometry: { type: 'Polygon', coordinates: [[[x, 50], [x + 1, 50], [x + 1, 51], [x, 51], [x, 50]]] }
	});
	const text = JSON.stringify({ type: 'FeatureCollection', features: [square(7, { AGS: '05990', GEN: 'Ruhrtal' }), square(9, { name: "O'Brien-Kreis" }), square(11, { name: 'Anderswo', ags: 5990 }), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }] });

	it('matches features by key, label or AGS as text (leading zeros count) and skips non-areas', () => {
		const features = parseGeoJson(text);
		expect(features).toHaveLength(3);
		const m = matchFeatures(features, [{ key: 'JC01', names: ['Jobcenter Ruhrtal-Kreis', '05990'] }, { key: "O'Brien-Kreis", names: ["O'Brien-Kreis"] }]);
		expect(m.map((x) => [x.name, x.key])).toEqual([['Ruhrtal', 'JC01'], ["O'Brien-Kreis", "O'Brien-Kreis"], ['Anderswo', null]]);
	});

	it('projects into the box, north up, and says what is wrong with a bad file', () => {
		const [first] = projectPaths(parseGeoJson(text), 100, 100);
		// Lon 7–12 spans the width (times cos 50.5°), lat 51 is the top edge (y = 0).
		expect(first.startsWith('M0.0,')).toBe(true);
		expect(first).toContain(',0.0');
		expect(() => parseGeoJson('{')).toThrow('kein gültiges JSON');
		expect(() => parseGeoJson('{"type":"Topology"}')).toThrow(/TopoJSON/);
		expect(() => parseGeoJson('{"type":"FeatureCollection","features":[]}')).toThrow('keine Flächen (Polygon/MultiPolygon)');
	});
});

/**
 * The regional comparison's small multiples come from one grouped query and must equal,
 * panel by panel, the cockpit's monthly series with the group's value added to the filters
 * (their definition), from the case rows and from the monthly tables alike.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx, Filters } from '../../src/lib/indicators/context';
import type { GroupDimension } from '../../src/lib/indicators/groups';
import { REGIONAL_SERIES_MONTHS, regionalSeries } from '../../src/lib/indicators/regional-series';
import { resolvePeriod } from '../../src/lib/indicators/report';
import { monthlySeries } from '../../src/lib/indicators/series';
import { useDemo, useEngine } from './helpers';

const engine = useEngine();
const demo = useDemo(engine);

const CASES: [string, GroupDimension, string[], Filters][] = [
	['jobcenters', 'jobcenter_id', ['JC01', 'JC03', 'JC05'], {}],
	['jobcenters, for women', 'jobcenter_id', ['JC02', 'JC04'], { gender: ['w'] }],
	['Länder (a jobcenter attribute)', 'state', ['NW', 'BY'], {}],
	['programs (no eLb of their own)', 'program', ['bFM'], { age_group: ['u25'] }]
];

describe('the regional monthly panels', () => {
	for (const aggregates of [false, true])
		for (const [what, dim, keys, filters] of CASES)
			it(`equal the monthly series with the group as a filter (${aggregates ? 'monthly tables' : 'case rows'}): ${what}`, async () => {
				const ds = demo();
				const ctx: Ctx = { period: resolvePeriod(ds.stichtag!.date), k: 3, filters, stichtag: ds.stichtag!.date, tables: ds.tables, aggregates };
				const panels = await regionalSeries(engine(), ctx, dim, ['', ...keys], 'ermoeglichungsquote');
				expect(panels.map((p) => p.key)).toEqual(keys);
				for (const panel of panels) {
					const alone = await monthlySeries(engine(), { ...ctx, filters: { ...filters, [dim]: [panel.key] } }, REGIONAL_SERIES_MONTHS);
					expect(panel.points).toEqual(alone.map((s) => ({ month: s.month, value: s.ermoeglichungsquote_12m })));
				}
				// Not a trivially empty comparison.
				expect(panels[0].points.length).toBe(REGIONAL_SERIES_MONTHS);
				expect(panels[0].points.some((p) => p.value !== null && p.value > 0)).toBe(true);
			});
});

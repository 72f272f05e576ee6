/**
 * Regional comparison (INDICATORS.md "Regional comparison") by hand: small fixtures whose
 * every group value is worked out in the comments, funnel limits against the R check values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/lib/indicators/report';
import { groupsReport, rollUp, type GroupRow, type Raw } from '../../src/lib/indicators/groups';
import { file, load, ROOT, useEngine } from './helpers';

const engine = useEngine();
const CHECKS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/stats_checks.json'), 'utf8'));
const META = 'key;value\nstichtag;2023-12-31';
const HOSTILE = 'Jobcenter <b>Mitte</b>';
const QUOTE = "O'Brien-Kreis";

/** `exits` cases of jobcenter `jc` that left in June 2023, the first `integrations` into work. */
function exited(jc: string, exits: number, integrations: number, unit = ''): string[] {
	return Array.from({ length: exits }, (_, i) =>
		[`${jc}-${i}`, jc, unit, '2022-06-01', '2023-06-15', i < integrations ? 'Arbeitsaufnahme' : 'Reha'].join(';')
	);
}
const HEADER = 'case_id;jobcenter_id;unit;entry_date;exit_date;exit_reason';
const cases = (...rows: string[][]) => file('cases.csv', [HEADER, ...rows.flat()].join('\n'));
const byKey = (groups: GroupRow[] | null) => Object.fromEntries((groups ?? []).map((g) => [g.key, g]));

/*
 * Funnel fixture: four jobcenters with 100 exits each and 20, 30, 40, 10 integrations:
 * p0 = 100/400 = 0.25 and every denominator is 100 — exactly the check values' case.
 * 0.40 > hi998 0.3856 (above), 0.10 < lo998 0.1196 (below), 0.20 and 0.30 within even the 95 % limits.
 */
const FUNNEL = [exited(HOSTILE, 100, 20), exited(QUOTE, 100, 30), exited('JC_UP', 100, 40), exited('JC_DOWN', 100, 10)];

describe('groups: funnel against the check values', () => {
	it('puts the exact binomial limits at p0 = 0.25, n = 100 and flags each group', async () => {
		const ds = await load(engine(), [cases(...FUNNEL), file('meta.csv', META)]);
		const r = await buildReport(engine(), ds, { groupBy: 'jobcenter_id' });
		const g = byKey(r.groups);
		const want = CHECKS.funnel_exact_binomial;
		expect(Object.keys(g).sort()).toEqual([HOSTILE, 'JC_DOWN', 'JC_UP', QUOTE].sort());
		for (const key of Object.keys(g)) {
			const f = g[key].funnel!;
			expect(f.p0).toBe(0.25);
			expect(f.lo998).toBeCloseTo(want.lo998, 6);
			expect(f.lo95).toBeCloseTo(want.lo95, 6);
			expect(f.hi95).toBeCloseTo(want.hi95, 6);
			expect(f.hi998).toBeCloseTo(want.hi998, 6);
		}
		expect(g.JC_UP.funnel).toMatchObject({ flag: 'above', flag95: 'above' });
		expect(g.JC_DOWN.funnel).toMatchObject({ flag: 'below', flag95: 'below' });
		expect(g[HOSTILE].funnel).toMatchObject({ flag: 'within', flag95: 'within' });
		expect(g[QUOTE].funnel).toMatchObject({ flag: 'within', flag95: 'within' });
		// p0 is the overall report's value.
		expect(r.integration_share!.value).toBe(0.25);
	});
});

describe('groups: hostile labels are text and filter correctly', () => {
	it('keeps `<b>` and the apostrophe as they are and selects the same cases as the filter', async () => {
		const ds = await load(engine(), [cases(...FUNNEL), file('meta.csv', META)]);
		const r = await buildReport(engine(), ds, { groupBy: 'jobcenter_id' });
		const g = byKey(r.groups);
		expect(g[HOSTILE]).toMatchObject({ key: HOSTILE, label: HOSTILE, n: 100, exits: 100 });
		expect(g[HOSTILE].integration_share).toMatchObject({ value: 0.2, numerator: 20, denominator: 100 });
		expect(g[QUOTE].integration_share).toMatchObject({ value: 0.3, numerator: 30, denominator: 100 });
		for (const key of [HOSTILE, QUOTE]) {
			const one = await buildReport(engine(), ds, { filters: { jobcenter_id: [key] } });
			expect(one.integration_share).toEqual(g[key].integration_share);
			expect(one.integrationsquote).toEqual(g[key].integrationsquote);
			expect(one.flow!.exits).toBe(g[key].exits);
		}
	});
});

/*
 * Suppression fixture, k = 5: JC_A 50 exits with 10 integrations (Wilson check values
 * 0.1124375–0.3303711), JC_B 40 exits with 12, JC_S only 4 cases (1 integration, 3 Reha).
 * Overall 23/94; JC_S is hidden but counted in p0. Units: JC_A's cases in "Nord", JC_B's
 * in "Süd", JC_S's without unit ('').
 */
const SMALL = [exited('JC_A', 50, 10, 'Nord'), exited('JC_B', 40, 12, 'Süd'), exited('JC_S', 4, 1)];

describe('groups: suppression and sums', () => {
	it('hides a group with fewer than k cases but counts it in the overall value', async () => {
		const ds = await load(engine(), [cases(...SMALL), file('meta.csv', META)]);
		const r = await buildReport(engine(), ds, { groupBy: 'jobcenter_id' });
		const g = byKey(r.groups);
		expect(g.JC_S).toMatchObject({ n: null, exits: null, integration_share: null, funnel: null, median_days: null, suppressed: true });
		expect(g.JC_A.integration_share!.ci_low).toBeCloseTo(CHECKS.wilson_95[0].low, 6);
		expect(g.JC_A.integration_share!.ci_high).toBeCloseTo(CHECKS.wilson_95[0].high, 6);
		expect(r.integration_share).toMatchObject({ numerator: 23, denominator: 94 });
		expect(g.JC_A.funnel!.p0).toBe(23 / 94);
		expect(g.JC_B.funnel!.p0).toBe(23 / 94);
		// Everyone entered 2022-06-01 and left 2023-06-15: 379 days in care.
		expect(g.JC_A.median_days).toBe(379);
		expect(g.JC_A.exit_reasons!.find((x) => x.code === 'arbeit_ausbildung')).toMatchObject({ count: 10, share: 0.2 });
	});

	it('adds the group numerators up to the overall numerator, for case and jobcenter dimensions', async () => {
		const jobcenters = file('jobcenters.csv', 'jobcenter_id;name;state;comparison_type\nJC_A;Nordstadt;NW;IIIb\nJC_B;Südkreis;BY;Ia\nJC_S;Klein;NW;IIIb');
		const ds = await load(engine(), [cases(...SMALL), jobcenters, file('meta.csv', META)]);
		const ctx = { period: { from: '2023-01-01', to: '2023-12-31' }, k: 1, filters: {}, stichtag: '2023-12-31', tables: ds.tables };
		const sumOf = (gs: GroupRow[] | null) => (gs ?? []).reduce((s, g) => s + (g.integration_share?.numerator ?? 0), 0);
		const units = byKey(await groupsReport(engine(), ctx, 'unit'));
		expect(Object.keys(units).sort()).toEqual(['', 'Nord', 'Süd']);
		expect(sumOf(Object.values(units))).toBe(23);
		const states = byKey(await groupsReport(engine(), ctx, 'state'));
		// NW = JC_A + JC_S: 11 of 54; BY = JC_B: 12 of 40.
		expect(states.NW.integration_share).toMatchObject({ numerator: 11, denominator: 54 });
		expect(states.BY.integration_share).toMatchObject({ numerator: 12, denominator: 40 });
		expect(states.NW.median_days).toBe(379);
		const jcs = byKey(await groupsReport(engine(), ctx, 'jobcenter_id'));
		expect(jcs.JC_A).toMatchObject({ label: 'Nordstadt', comparison_type: 'IIIb' });
	});

	it('rolls jobcenters up into their Land, the eLb stock month by month as SQL sums it', () => {
		const raw = (n: number, elb: [number, number | null][], exits: Record<string, number>): Raw => ({
			n,
			exitCounts: exits,
			stockSum: n * 2,
			measureEntries: 1,
			elbMonths: new Map(elb),
			bfUp: 1,
			bfTotal: 3,
			times: [{ t: [n], events: [0], censored: [1] }]
		});
		const jcs = new Map([
			['A', raw(10, [[1, 100], [2, null]], { reha: 2 })],
			['B', raw(20, [[1, null], [3, 50]], { reha: 1, sonstige: 4 })],
			['C', raw(5, [], {})]
		]);
		const land = rollUp(jcs, (id) => ({ A: 'NW', B: 'NW' })[id] ?? null);
		expect([...land.keys()]).toEqual(['NW', '']);
		const nw = land.get('NW')!;
		expect({ ...nw, elbMonths: [...nw.elbMonths] }).toEqual({
			n: 30,
			exitCounts: { reha: 3, sonstige: 4 },
			stockSum: 60,
			measureEntries: 2,
			// Month 2: only a NULL (stays NULL); month 1: 100 + NULL = 100.
			elbMonths: [[1, 100], [2, null], [3, 50]],
			bfUp: 2,
			bfTotal: 6,
			times: [
				{ t: [10], events: [0], censored: [1] },
				{ t: [20], events: [0], censored: [1] }
			]
		});
		expect(land.get('')!.n).toBe(5);
		// The jobcenters' own counts are left as they were.
		expect(jcs.get('A')!.exitCounts).toEqual({ reha: 2 });
	});

	it('refuses a dimension outside the fixed list before any SQL is built', async () => {
		const ds = await load(engine(), [cases(...SMALL), file('meta.csv', META)]);
		const ctx = { period: { from: '2023-01-01', to: '2023-12-31' }, k: 5, filters: {}, stichtag: '2023-12-31', tables: ds.tables };
		await expect(groupsReport(engine(), ctx, 'unit; DROP TABLE cases' as never)).rejects.toThrow(/unknown group dimension/);
	});
});

/**
 * Durations of INDICATORS.md against R (the AML fixture: survfit with conf.type "log-log",
 * its print() median and the Aalen–Johansen state probabilities) and against small cases
 * worked out by hand in the comments.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import expected from '../fixtures/aml/expected.json';
import { compareCohorts } from '../../src/lib/indicators/comparison';
import type { Ctx } from '../../src/lib/indicators/context';
import { buildReport } from '../../src/lib/indicators/report';
import { verweildauer, zusteuerungsdauerByJobcenter } from '../../src/lib/indicators/durations';
import { shownMedian } from '../../src/lib/indicators/survival-summary';
import { allCauseTimeline, timeExitTimeline, timeInCareCounts } from '../../src/lib/indicators/time-in-care';
import { newcombeDifference } from '../../src/lib/indicators/share-difference';
import { strata } from '../../src/lib/indicators/strata';
import type { Dataset } from '../../src/lib/data/loader';
import { ROOT, file, fixture, load, useEngine } from './helpers';

const engine = useEngine();
const AML = path.join(ROOT, 'tests/fixtures/aml');
const loadAml = () => load(engine(), [fixture(AML, 'cases.csv'), fixture(AML, 'meta.csv')]);
const META = file('meta.csv', 'key;value\nstichtag;2024-12-31');

function ctxOf(ds: Dataset, k: number): Ctx {
	return { period: { from: '2024-01-01', to: '2024-12-31' }, k, filters: {}, stichtag: ds.stichtag!.date, tables: ds.tables };
}

describe('verweildauer and cif on the AML fixture (R survival 3.5)', () => {
	it('equal R to 1e-6 with k = 1', async () => {
		const r = await buildReport(engine(), await loadAml(), { k: 1 });
		const v = r.verweildauer!;
		expect([v.n, v.events, v.median_days, v.median_ci]).toEqual([11, 7, 31, [13, null]]);
		expect(v.km.map((p) => [p.t, p.at_risk, p.events])).toEqual(expected.km.map((p) => [p.t, p.at_risk, p.events]));
		v.km.forEach((p, i) => {
			for (const key of ['survival', 'se', 'ci_low', 'ci_high'] as const) expect(p[key]).toBeCloseTo(expected.km[i][key], 6);
		});
		// The median alone (the regional comparison's) is the same, for every k.
		const ds = await loadAml();
		const ctx0 = { filters: {}, stichtag: ds.stichtag!.date, tallies: [] };
		// Read without the reasons (and as columns), the timeline of the rows with reasons.
		const tl = await timeExitTimeline(engine(), ctx0);
		const withReasons = await timeInCareCounts(engine(), ctx0);
		expect(tl).toEqual(allCauseTimeline(withReasons));
		expect(tl.t).toEqual([9, 13, 18, 23, 28, 31, 34, 45, 48, 161]);
		expect(withReasons.every((r) => r.exited === (r.reason !== null))).toBe(true);
		expect(tl.events.reduce((a, b) => a + b, 0)).toBe(7);
		for (const k of [1, 3, 5, 8, 12]) expect(shownMedian(tl, k)).toBe(verweildauer(withReasons, k).median_days);
		expect(shownMedian(tl, 1)).toBe(31);
		expect(shownMedian(tl, 12)).toBeNull();
		// Follow-up ends at 161 days (aml11, censored), so 730 days are never reached.
		expect(v.share_over_24m).toBeNull();
		expect(r.cif!.map((c) => c.code)).toEqual(['arbeit_ausbildung', 'reha']);
		for (const curve of r.cif!) {
			const want = expected.cif[curve.code as keyof typeof expected.cif];
			expect(curve.points.map((p) => p.t)).toEqual(want.map((p) => p.t));
			curve.points.forEach((p, i) => expect(p.cif).toBeCloseTo(want[i].cif, 6));
		}
	});

	it('stop at the last time with at least 5 at risk when k = 5', async () => {
		// Times 9 13 13+ 18 23 28+ 31 34 45+ 48 161+: five at risk at 31, four at 34.
		const r = await buildReport(engine(), await loadAml(), { k: 5 });
		const v = r.verweildauer!;
		expect(v.km.map((p) => p.t)).toEqual([9, 13, 18, 23, 31]);
		expect(v.km.at(-1)!.survival).toBeCloseTo(0.4909090909, 6);
		expect([v.median_days, v.median_ci]).toEqual([31, [13, null]]);
		// 7 events are shown (≥ k); at 6 months nobody is at risk: 0 is shown, not hidden.
		expect(v.events).toBe(7);
		expect(v.at_risk_table.slice(0, 2)).toEqual([
			{ months: 0, t: 0, at_risk: 11 },
			{ months: 6, t: 183, at_risk: 0 }
		]);
		expect(r.cif!.map((c) => c.points.at(-1)!.t)).toEqual([31, 31]);
	});

	it('shows nothing but "too few cases" when there are fewer than k cases', async () => {
		const r = await buildReport(engine(), await loadAml(), { k: 12 });
		expect(r.verweildauer).toMatchObject({ n: null, events: null, suppressed: true, median_days: null, km: [] });
		expect(r.cif).toBeNull();
	});
});

describe('Kaplan–Meier from the grouped query', () => {
	/*
	 * Stichtag 2024-12-31. T1 exits after 10 days; T2 entered 10 days before the Stichtag
	 * (censored at 10); T3 exits after 20 days; T4 is censored at 30; T5 exits after the
	 * Stichtag, so it is censored at the Stichtag (30 days); T6 enters after the Stichtag and
	 * is not in the population. Events come before censorings: at t = 10 four… five are at
	 * risk (T1 T2 T3 T4 T5): S = 4/5; at t = 20 three (T3 T4 T5): S = 4/5 · 2/3 = 8/15.
	 */
	const TIES = `case_id;jobcenter_id;entry_date;exit_date;exit_reason
		T1;JC1;2024-06-01;2024-06-11;Reha
		T2;JC1;2024-12-21;;
		T3;JC1;2024-06-01;2024-06-21;Arbeitsaufnahme
		T4;JC1;2024-12-01;;
		T5;JC1;2024-12-01;2025-02-01;Reha
		T6;JC1;2025-01-02;;`;

	it('counts a censoring at an event time as still at risk, and an exit after the Stichtag as censored', async () => {
		const ds = await load(engine(), [file('cases.csv', TIES), META]);
		const r = await buildReport(engine(), ds, { k: 1 });
		const v = r.verweildauer!;
		expect([v.n, v.events]).toEqual([5, 2]);
		expect(v.km.map((p) => [p.t, p.at_risk, p.events])).toEqual([
			[10, 5, 1],
			[20, 3, 1]
		]);
		expect(v.km[0].survival).toBeCloseTo(4 / 5, 12);
		expect(v.km[1].survival).toBeCloseTo(8 / 15, 12);
		// Greenwood: se = S · sqrt(1/(5·4) + 1/(3·2)).
		expect(v.km[1].se).toBeCloseTo((8 / 15) * Math.sqrt(1 / 20 + 1 / 6), 12);
		expect(v.median_days).toBeNull();
	});
});

describe('strata and the log-rank test', () => {
	/*
	 * Women exit after 1 and 2 days, men after 3 and 4; diverse cases are all still in care.
	 * Log-rank women vs men by hand: t=1: n=4, n_w=2, E_w=1/2, V=1·3/(16·3)·2·2=1/4;
	 * t=2: n=3, n_w=1, E_w=1/3, V=1·2/(9·2)·1·2=2/9; O_w−E_w = 2−5/6 = 7/6;
	 * χ² = (7/6)² / (17/36) = 49/17, p = P(χ²₁ > 49/17) = 0.0895551.
	 */
	const SEXES = `case_id;jobcenter_id;entry_date;exit_date;exit_reason;gender
		W1;JC1;2024-03-01;2024-03-02;Arbeitsaufnahme;w
		W2;JC1;2024-03-01;2024-03-03;Arbeitsaufnahme;w
		M1;JC1;2024-03-01;2024-03-04;Reha;m
		M2;JC1;2024-03-01;2024-03-05;Arbeitsaufnahme;m
		D1;JC1;2024-03-01;;;d
		D2;JC1;2024-03-01;;;d`;

	it('gives a stratum without events a flat curve and no median, and tests only strata with events', async () => {
		const ds = await load(engine(), [file('cases.csv', SEXES), META]);
		const res = await strata(engine(), ctxOf(ds, 1), 'gender');
		expect(res.strata.map((s) => [s.key, s.n, s.events, s.km.length, s.median_days])).toEqual([
			['d', 2, 0, 0, null],
			// S is exactly 0.5 after the first exit and 0 after the second: R's print(survfit)
			// then takes the midpoint, 3.5 and 1.5 days.
			['m', 2, 2, 2, 3.5],
			['w', 2, 2, 2, 1.5]
		]);
		// d has no events but two cases at risk at every event time, so it has expected events
		// and stays in the test (as in survdiff): three groups, 2 df.
		expect(res.logrank!.df).toBe(2);
	});

	it('equals the hand-computed log-rank statistic for two cohorts', async () => {
		const ds = await load(engine(), [file('cases.csv', SEXES), META]);
		const cmp = await compareCohorts(engine(), ctxOf(ds, 1), { gender: ['w'] }, { gender: ['m'] });
		expect(cmp.logrank!.chisq).toBeCloseTo(49 / 17, 10);
		expect(cmp.logrank!.df).toBe(1);
		expect(cmp.logrank!.p).toBeCloseTo(0.0895551, 6);
		// Integration shares among exits: 2/2 vs 1/2.
		expect(cmp.a.integration_share.value).toBe(1);
		expect(cmp.b.integration_share.value).toBe(0.5);
		expect(cmp.integration_difference.difference).toBe(0.5);
	});

	it('hides the comparison of cohorts smaller than k', async () => {
		const ds = await load(engine(), [file('cases.csv', SEXES), META]);
		const cmp = await compareCohorts(engine(), ctxOf(ds, 5), { gender: ['w'] }, { gender: ['m'] });
		expect(cmp.a.survival.suppressed).toBe(true);
		expect(cmp.logrank).toBeNull();
		expect(cmp.integration_difference).toEqual({ difference: null, ci_low: null, ci_high: null });
	});
});

describe('Newcombe difference of two shares', () => {
	it('reproduces Newcombe (1998), method 10, for 56/70 − 48/80', () => {
		const d = newcombeDifference(56, 70, 48, 80);
		expect(d.difference).toBeCloseTo(0.2, 12);
		expect(d.ci_low).toBeCloseTo(0.0524, 4);
		expect(d.ci_high).toBeCloseTo(0.3339, 4);
	});
});

describe('zusteuerungsdauer', () => {
	/*
	 * Days from referral to entry: 2, 4, 7, 10 (Z5 has no referral date, Z6 a referral after
	 * its entry: both left out). Type 7, n = 4: p25 at 0.75 → 2 + 0.75·2 = 3.5; median at
	 * 1.5 → 4 + 0.5·3 = 5.5; p75 at 2.25 → 7 + 0.25·3 = 7.75.
	 */
	const REFERRALS = `case_id;jobcenter_id;referral_date;entry_date
		Z1;JC1;2024-03-01;2024-03-03
		Z2;JC1;2024-03-01;2024-03-05
		Z3;JC1;2024-03-01;2024-03-08
		Z4;JC2;2024-03-01;2024-03-11
		Z5;JC1;;2024-03-11
		Z6;JC1;2024-03-20;2024-03-11`;

	it('gives type-7 quartiles over the days from referral to entry', async () => {
		const ds = await load(engine(), [file('cases.csv', REFERRALS), META]);
		const r = await buildReport(engine(), ds, { k: 1 });
		expect(r.zusteuerungsdauer).toMatchObject({ n: 4, p25: 3.5, median_days: 5.5, p75: 7.75, suppressed: false });
		expect(r.zusteuerungsdauer!.bins).toEqual([
			{ from: 0, to: 7, count: 2 },
			{ from: 7, to: 14, count: 2 }
		]);
		// Per jobcenter: JC1 has 2, 4, 7 (median 4, p25 3, p75 5.5); JC2 only Z4's 10 days.
		const byJc = await zusteuerungsdauerByJobcenter(engine(), ctxOf(ds, 1));
		expect(byJc.map((g) => [g.key, g.n, g.p25, g.median_days, g.p75])).toEqual([
			['JC1', 3, 3, 4, 5.5],
			['JC2', 1, 10, 10, 10]
		]);
		const hidden = await buildReport(engine(), ds, { k: 5 });
		expect(hidden.zusteuerungsdauer).toMatchObject({ n: null, median_days: null, suppressed: true });
	});
});

import { describe, expect, it } from 'vitest';
import expected from '../../fixtures/aml/expected.json';
import { kaplanMeier, kaplanMeierOf, kmAt, kmMedian, kmMedianTime, kmMedianTimeOf, lastFollowUpTime, mergeTimelines, observed, timeline, timelineAt, timelineOf, type TimeCounts } from '../../../src/lib/stats/km';
import { loadAmlCases } from './aml-fixture';

/** Groups cases per time, as the SQL layer does. */
function groupCases(cases: { time: number; reason: string | null }[]): TimeCounts[] {
	const rows = new Map<number, TimeCounts>();
	for (const { time, reason } of cases) {
		const row = rows.get(time) ?? { t: time, events: 0, censored: 0 };
		if (reason === null) row.censored++;
		else row.events++;
		rows.set(time, row);
	}
	return [...rows.values()];
}

/** Builds grouped rows from R-style notation, e.g. [2, '2+', 3]. */
function fromSurvNotation(times: (number | string)[]): TimeCounts[] {
	return times.map((value) =>
		typeof value === 'string'
			? { t: Number.parseFloat(value), events: 0, censored: 1 }
			: { t: value, events: 1, censored: 0 }
	);
}

describe('kaplanMeier on the AML fixture (R survfit, conf.type = "log-log")', () => {
	const rows = groupCases(loadAmlCases());
	const curve = kaplanMeier(rows);

	it('derives the expected times from the dates', () => {
		expect(rows.reduce((sum, row) => sum + row.events + row.censored, 0)).toBe(expected.n);
		expect(rows.reduce((sum, row) => sum + row.events, 0)).toBe(expected.events);
	});

	it('has one row per event time with R values', () => {
		expect(curve.map((point) => point.t)).toEqual(expected.km.map((row) => row.t));
		curve.forEach((point, i) => {
			const want = expected.km[i];
			expect(point.at_risk).toBe(want.at_risk);
			expect(point.events).toBe(want.events);
			expect(point.survival).toBeCloseTo(want.survival, 6);
			expect(point.se).toBeCloseTo(want.se, 6);
			expect(point.ci_low).toBeCloseTo(want.ci_low, 6);
			expect(point.ci_high).toBeCloseTo(want.ci_high, 6);
		});
	});

	it('gives the median and its CI as print(survfit)', () => {
		expect(kmMedian(curve)).toEqual({
			median: expected.median_days,
			ci_low: expected.median_ci[0],
			ci_high: expected.median_ci[1]
		});
		// The median alone, without the bands: the same.
		expect(kmMedianTime(rows)).toBe(expected.median_days);
	});

	it('does not depend on row order or on split rows', () => {
		const shuffled = [...rows].reverse().flatMap((row) =>
			row.events > 0 && row.censored > 0
				? [
						{ t: row.t, events: 0, censored: row.censored },
						{ t: row.t, events: row.events, censored: 0 }
					]
				: [row]
		);
		expect(kaplanMeier(shuffled)).toEqual(curve);
	});

	it('evaluates the step function and refuses to extrapolate', () => {
		const last = lastFollowUpTime(rows);
		expect(last).toBe(161);
		expect(kmAt(curve, 0, last)).toBe(1);
		expect(kmAt(curve, 8.9, last)).toBe(1);
		expect(kmAt(curve, 9, last)).toBeCloseTo(0.9090909091, 9);
		expect(kmAt(curve, 30, last)).toBeCloseTo(0.6136363636, 9);
		expect(kmAt(curve, 161, last)).toBeCloseTo(0.1840909091, 9);
		expect(kmAt(curve, 162, last)).toBeNull();
	});
});

describe('kaplanMeier edge cases', () => {
	it('counts those censored at t as at risk at t (events before censorings)', () => {
		// Times 2, 2+, 3: at t = 2 three at risk, S = 2/3; at t = 3 one at risk, S = 0.
		const curve = kaplanMeier(fromSurvNotation([2, '2+', 3]));
		expect(curve.map(({ t, at_risk, events }) => ({ t, at_risk, events }))).toEqual([
			{ t: 2, at_risk: 3, events: 1 },
			{ t: 3, at_risk: 1, events: 1 }
		]);
		expect(curve[0].survival).toBeCloseTo(2 / 3, 15);
		// Greenwood: S·sqrt(d / (n(n − d))) = 2/3 · sqrt(1/6)
		expect(curve[0].se).toBeCloseTo((2 / 3) * Math.sqrt(1 / 6), 15);
		expect(curve[1].survival).toBe(0);
	});

	it('reports se and CI as null where the curve hits 0, as R gives NaN / NA', () => {
		const curve = kaplanMeier(fromSurvNotation([1, 2, 3]));
		expect(curve[2]).toMatchObject({ survival: 0, se: null, ci_low: null, ci_high: null });
		// Earlier rows stay finite: S = 2/3, se = 2/3 · sqrt(1/(3·2)).
		expect(curve[0].se).toBeCloseTo((2 / 3) * Math.sqrt(1 / 6), 15);
		expect(curve[0].ci_low).not.toBeNull();
	});

	it('returns an empty curve for empty input or censorings only', () => {
		expect(kaplanMeier([])).toEqual([]);
		const censoredOnly = fromSurvNotation(['4+', '9+']);
		const curve = kaplanMeier(censoredOnly);
		expect(curve).toEqual([]);
		expect(kmMedian(curve)).toEqual({ median: null, ci_low: null, ci_high: null });
		expect(kmAt(curve, 5, lastFollowUpTime(censoredOnly))).toBe(1);
		expect(lastFollowUpTime([])).toBeNull();
		expect(kmAt([], 5, null)).toBeNull();
	});

	it('takes the midpoint when S is exactly 0.5 on a flat stretch (R: survfit(Surv(1:4) ~ 1) → 2.5)', () => {
		const curve = kaplanMeier(fromSurvNotation([1, 2, 3, 4]));
		expect(curve[1].survival).toBe(0.5);
		expect(kmMedian(curve).median).toBe(2.5);
		expect(kmMedianTime(fromSurvNotation([1, 2, 3, 4]))).toBe(2.5);
	});

	it('takes the time itself when S stays at 0.5 to the end of follow-up', () => {
		// S = 0.5 at t = 1, everyone else censored: nothing falls below 0.5.
		const curve = kaplanMeier(fromSurvNotation([1, '3+']));
		expect(kmMedian(curve).median).toBe(1);
		expect(kmMedianTime(fromSurvNotation([1, '3+']))).toBe(1);
		expect(kmMedianTime(fromSurvNotation(['4+', '9+']))).toBeNull();
	});

	it('rejects negative or fractional counts', () => {
		expect(() => kaplanMeier([{ t: 1, events: -1, censored: 0 }])).toThrow(RangeError);
		expect(() => kaplanMeier([{ t: 1, events: 0.5, censored: 0 }])).toThrow(RangeError);
		expect(() => kaplanMeier([{ t: Number.NaN, events: 1, censored: 0 }])).toThrow(RangeError);
	});
});

describe('timeline (rows collapsed per time, the estimators walk it)', () => {
	const rows: TimeCounts[] = [
		{ t: 30, events: 2, censored: 0 },
		{ t: 5, events: 0, censored: 1 },
		{ t: 30, events: 1, censored: 4 },
		{ t: 12, events: 0, censored: 0 },
		{ t: 0, events: 3, censored: 0 }
	];

	it('merges rows of one time, sorts ascending and keeps a time observed with no counts', () => {
		expect(timelineOf(rows)).toEqual({ t: [0, 5, 12, 30], events: [3, 0, 0, 3], censored: [0, 1, 0, 4] });
	});

	it('gives the same columns by direct index (whole days) and through a map (fractions, wide spans)', () => {
		// A fraction anywhere sends every row through the map; so does a span far wider than the rows.
		const fractional = timelineOf([...rows, { t: 7.5, events: 1, censored: 0 }]);
		expect(fractional).toEqual({ t: [0, 5, 7.5, 12, 30], events: [3, 0, 1, 0, 3], censored: [0, 1, 0, 0, 4] });
		const wide = timelineOf([...rows, { t: 1e7, events: 0, censored: 2 }, { t: -3, events: 1, censored: 0 }]);
		expect(wide).toEqual({ t: [-3, 0, 5, 12, 30, 1e7], events: [1, 3, 0, 0, 3, 0], censored: [0, 0, 1, 0, 4, 2] });
	});

	it('reads counts from rows of another shape without copying them', () => {
		const exits = [
			{ t: 4, exited: true, n: 2 },
			{ t: 4, exited: false, n: 1 },
			{ t: 1, exited: false, n: 5 }
		];
		const tl = timeline(
			exits,
			(r) => (r.exited ? r.n : 0),
			(r) => (r.exited ? 0 : r.n)
		);
		expect(tl).toEqual({ t: [1, 4], events: [0, 2], censored: [5, 1] });
		expect(observed(tl)).toBe(8);
	});

	it('rejects what SQL never gives: a fractional or negative count, a time that is not finite', () => {
		expect(() => timelineOf([{ t: 1, events: 0.5, censored: 0 }])).toThrow(RangeError);
		expect(() => timelineOf([{ t: 1.5, events: 0, censored: -1 }])).toThrow(RangeError);
		expect(() => timelineOf([{ t: Number.NaN, events: 1, censored: 0 }])).toThrow(RangeError);
	});

	it('starts from zero after a call that threw half way, and after a wider call', () => {
		expect(() => timelineOf([...rows, { t: 5, events: -1, censored: 0 }])).toThrow(RangeError);
		expect(timelineOf(rows)).toEqual({ t: [0, 5, 12, 30], events: [3, 0, 0, 3], censored: [0, 1, 0, 4] });
		// And after a wider call, a narrower one sees nothing of it.
		timelineOf([{ t: 0, events: 1, censored: 0 }, { t: 9000, events: 2, censored: 2 }]);
		expect(timelineOf([{ t: 9000, events: 0, censored: 1 }])).toEqual({ t: [9000], events: [0], censored: [1] });
	});

	it('merges the timelines of parts (the jobcenters of a Land) into that of all their rows', () => {
		const a = timelineOf(rows.slice(0, 3));
		const b = timelineOf(rows.slice(3));
		expect(mergeTimelines([b, a])).toEqual(timelineOf(rows));
		expect(mergeTimelines([a])).toBe(a);
		expect(mergeTimelines([])).toEqual({ t: [], events: [], censored: [] });
		// Parts that do not fit the direct index (a fraction) merge through the map.
		const c = timelineOf([{ t: 5.5, events: 1, censored: 0 }]);
		expect(mergeTimelines([a, c])).toEqual({ t: [5, 5.5, 30], events: [0, 1, 3], censored: [1, 0, 4] });
	});

	it('reads columns by position as it reads rows', () => {
		const t = rows.map((r) => r.t);
		const tl = timelineAt(
			rows.length,
			(i) => t[i],
			(i) => rows[i].events,
			(i) => rows[i].censored
		);
		expect(tl).toEqual(timelineOf(rows));
	});

	it('finds the median as the whole curve gives it, on random timelines with and without an exact half', () => {
		let seed = 11;
		const rnd = (n: number) => Math.floor(((seed = (seed * 16807) % 2147483647) / 2147483647) * n);
		let halves = 0;
		for (let run = 0; run < 400; run++) {
			// Small counts make S hit 0.5 exactly now and then (the midpoint rule); larger ones do not.
			const size = run % 2 ? 4 : 40;
			const rows: TimeCounts[] =
				run % 3 === 0
					? Array.from({ length: 2 * (1 + rnd(6)) }, (_, i) => ({ t: i + 1, events: 1, censored: 0 })) // Surv(1:2n): S = ½ at n
					: Array.from({ length: 1 + rnd(12) }, () => ({ t: rnd(30), events: rnd(size), censored: rnd(size) }));
			const tl = timelineOf(rows);
			const curve = kaplanMeierOf(tl);
			if (curve.some((p) => Math.abs(p.survival - 0.5) < 1e-9)) halves++;
			expect(kmMedianTimeOf(tl)).toBe(kmMedian(curve).median);
		}
		expect(halves).toBeGreaterThan(10);
	});

	it('gives the curve and the median of the rows it collapsed', () => {
		expect(kaplanMeierOf(timelineOf(rows))).toEqual(kaplanMeier(rows));
		expect(kmMedianTimeOf(timelineOf(rows))).toBe(kmMedianTime(rows));
		expect(kmMedianTime(rows)).toBe(30);
	});
});

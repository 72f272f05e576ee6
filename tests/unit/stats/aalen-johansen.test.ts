import { describe, expect, it } from 'vitest';
import expected from '../../fixtures/aml/expected.json';
import checks from '../../fixtures/stats_checks.json';
import { aalenJohansen, type CauseCounts } from '../../../src/lib/stats/aalen-johansen';
import { kaplanMeier } from '../../../src/lib/stats/km';
import { loadAmlCases } from './aml-fixture';

function groupCases(cases: { time: number; reason: string | null }[]): CauseCounts[] {
	const rows = new Map<number, CauseCounts>();
	for (const { time, reason } of cases) {
		const row = rows.get(time) ?? { t: time, events: {}, censored: 0 };
		if (reason === null) row.censored++;
		else row.events[reason] = (row.events[reason] ?? 0) + 1;
		rows.set(time, row);
	}
	return [...rows.values()];
}

describe('aalenJohansen on the AML fixture (R survfit with a factor status)', () => {
	const rows = groupCases(loadAmlCases());
	const result = aalenJohansen(rows);

	it('has one curve per reason, pointed at every event time of any reason', () => {
		expect(result.map((curve) => curve.cause)).toEqual(['arbeit_ausbildung', 'reha']);
		for (const curve of result) {
			const want = expected.cif[curve.cause as keyof typeof expected.cif];
			expect(curve.points.map((point) => point.t)).toEqual(want.map((point) => point.t));
			curve.points.forEach((point, i) => expect(point.cif).toBeCloseTo(want[i].cif, 6));
		}
	});

	it('adds up with the all-cause Kaplan–Meier curve to 1', () => {
		const km = kaplanMeier(
			rows.map((row) => ({
				t: row.t,
				events: Object.values(row.events).reduce((a, b) => a + b, 0),
				censored: row.censored
			}))
		);
		km.forEach((point, i) => {
			const incidence = result.reduce((sum, curve) => sum + curve.points[i].cif, 0);
			expect(point.survival + incidence).toBeCloseTo(1, 12);
		});
	});
});

describe('aalenJohansen toy example from stats_checks.json', () => {
	const toy = checks.aalen_johansen_toy;
	const rows: CauseCounts[] = toy.data.map(([t, cause]) =>
		cause === 0 ? { t, events: {}, censored: 1 } : { t, events: { [String(cause)]: 1 }, censored: 0 }
	);
	const result = aalenJohansen(rows);
	const valueAt = (cause: string, t: number) =>
		result.find((curve) => curve.cause === cause)!.points.find((point) => point.t === t)!.cif;

	it.each([
		['1', toy.cif_cause1],
		['2', toy.cif_cause2]
	] as const)('matches cause %s where its incidence changes', (cause, points) => {
		for (const [t, cif] of points) expect(valueAt(cause, t)).toBeCloseTo(cif, 6);
	});

	it('carries values forward at the other cause’s event times', () => {
		// Cause 2 does not move at t = 4 (a cause-1 event): still 1/6 from t = 2.
		expect(valueAt('2', 4)).toBeCloseTo(1 / 6, 12);
		expect(result[0].points.map((point) => point.t)).toEqual([1, 2, 4, 5, 6]);
	});
});

describe('aalenJohansen edge cases', () => {
	it('returns no curves for empty input', () => {
		expect(aalenJohansen([])).toEqual([]);
	});

	it('honours an explicit cause list, including causes without events', () => {
		const result = aalenJohansen(
			[
				{ t: 5, events: { reha: 1 }, censored: 0 },
				{ t: 5, events: {}, censored: 1 },
				{ t: 2, events: { reha: 0, sonstiges: 1 }, censored: 0 }
			],
			['sonstiges', 'reha', 'arbeit_ausbildung']
		);
		expect(result.map((curve) => curve.cause)).toEqual(['sonstiges', 'reha', 'arbeit_ausbildung']);
		// t = 2: 3 at risk, 1 sonstiges → 1/3. t = 5: 2 at risk (tie with a censoring), S(5−) = 2/3,
		// 1 reha → 2/3 · 1/2 = 1/3.
		expect(result[0].points).toEqual([
			{ t: 2, cif: 1 / 3 },
			{ t: 5, cif: 1 / 3 }
		]);
		expect(result[1].points[1].cif).toBeCloseTo(1 / 3, 15);
		expect(result[2].points.map((point) => point.cif)).toEqual([0, 0]);
	});
});

describe('aalenJohansen from columns', () => {
	/** The estimator as it was written before the columns: a map per time, the causes' events in a map. */
	function reference(rows: readonly CauseCounts[], causes?: readonly string[]) {
		const byTime = new Map<number, { t: number; events: Map<string, number>; censored: number }>();
		for (const row of rows) {
			const slice = byTime.get(row.t) ?? { t: row.t, events: new Map<string, number>(), censored: 0 };
			slice.censored += row.censored;
			for (const [cause, count] of Object.entries(row.events)) slice.events.set(cause, (slice.events.get(cause) ?? 0) + count);
			byTime.set(row.t, slice);
		}
		const slices = [...byTime.values()].sort((a, b) => a.t - b.t);
		const list = causes ?? [...new Set(slices.flatMap((s) => [...s.events.keys()]))].sort();
		const out = list.map((cause) => ({ cause, points: [] as { t: number; cif: number }[] }));
		const cumulative = list.map(() => 0);
		let atRisk = slices.reduce((sum, s) => sum + s.censored + [...s.events.values()].reduce((a, b) => a + b, 0), 0);
		let stillInCare = 1;
		for (const s of slices) {
			const total = [...s.events.values()].reduce((a, b) => a + b, 0);
			if (total > 0) {
				list.forEach((cause, i) => {
					cumulative[i] += (stillInCare * (s.events.get(cause) ?? 0)) / atRisk;
					out[i].points.push({ t: s.t, cif: cumulative[i] });
				});
				stillInCare *= (atRisk - total) / atRisk;
			}
			atRisk -= total + s.censored;
		}
		return out;
	}

	it('gives exactly the map-based values on grouped counts with ties, empty causes and both time layouts', () => {
		let seed = 11;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (const spread of [400, 1e8]) {
			// Whole days in a narrow range (read by direct index) and spread far apart (through a map).
			const rows: CauseCounts[] = [];
			for (let i = 0; i < 3000; i++) {
				const t = Math.floor(rnd() * spread);
				const events: Record<string, number> = {};
				for (const cause of ['arbeit_ausbildung', 'reha', 'sonstiges', 'x_neu']) if (rnd() < 0.3) events[cause] = Math.floor(rnd() * 4);
				rows.push({ t, events, censored: Math.floor(rnd() * 3) });
			}
			expect(aalenJohansen(rows)).toEqual(reference(rows));
			const causes = ['sonstiges', 'reha', 'nie_gesehen'];
			expect(aalenJohansen(rows, causes)).toEqual(reference(rows, causes));
		}
	});
});

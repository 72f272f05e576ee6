/**
 * Entry cohorts and milestones (INDICATORS.md "cohorts", "milestones"), worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { cohorts } from '../../src/lib/indicators/cohorts';
import { buildReport } from '../../src/lib/indicators/report';
import { file, load, useEngine } from './helpers';

const engine = useEngine();
const META = file('meta.csv', 'key;value\nstichtag;2024-12-31');

/*
 * Stichtag 2024-12-31.
 * 2023: C1 enters 2023-01-31 and exits 2023-07-31 (work) — exactly on its 6-month horizon
 *       (31 Jan + 6 months = 31 Jul), so it has exited there; C2 enters 2023-12-31 (the
 *       cohort's last entry: + 12 months = 2024-12-31 = Stichtag, complete; + 24 months
 *       after it, incomplete) and is still in care.
 * 2024: C3 enters 2024-06-30 (+ 6 months = 2024-12-30, complete at 6 months) and exits
 *       2025-03-01, after the Stichtag: in care at 6 months. C4 enters 2024-01-15, exits
 *       2024-02-01 (reha).
 */
const COHORTS = `case_id;jobcenter_id;entry_date;exit_date;exit_reason
	C1;JC1;2023-01-31;2023-07-31;Arbeitsaufnahme
	C2;JC1;2023-12-31;;
	C3;JC1;2024-06-30;2025-03-01;Reha
	C4;JC1;2024-01-15;2024-02-01;Reha`;

describe('cohorts', () => {
	it('marks a horizon complete exactly when the last entry + horizon is on or before the Stichtag', async () => {
		const ds = await load(engine(), [file('cases.csv', COHORTS), META]);
		const res = await cohorts(engine(), { filters: {}, stichtag: '2024-12-31', k: 1 }, 'year');
		expect(res.map((c) => [c.key, c.n, c.horizons.map((h) => [h.months, h.complete, h.followed])])).toEqual([
			['2023', 2, [[6, true, 2], [12, true, 2], [24, false, 0]]],
			['2024', 2, [[6, true, 2], [12, false, 0], [24, false, 0]]]
		]);
		const [c2023, c2024] = res;
		expect(c2023.horizons[0].in_care).toBe(0.5);
		expect(c2023.horizons[0].exited.arbeit_ausbildung).toBe(0.5);
		expect(c2024.horizons[0]).toMatchObject({ in_care: 0.5, exited: { reha: 0.5, arbeit_ausbildung: 0 } });
		// 12 months after any 2024 entry lie after the Stichtag: no status, no shares.
		expect(c2024.horizons[1]).toMatchObject({ complete: false, in_care: null, exited: { reha: null } });
		expect(ds.stichtag!.date).toBe('2024-12-31');
	});

	it('gives an incomplete horizon the shares among the cases followed that long', async () => {
		// C5 enters 2024-08-01: its 6-month horizon (2025-02-01) is after the Stichtag. The
		// 2024 cohort at 6 months: C3 in care, C4 exited (reha) are followed; C5 is not.
		const more = `${COHORTS}\n\tC5;JC1;2024-08-01;;`;
		await load(engine(), [file('cases.csv', more), META]);
		const [, c2024] = await cohorts(engine(), { filters: {}, stichtag: '2024-12-31', k: 1 }, 'year');
		expect(c2024.n).toBe(3);
		expect(c2024.horizons[0]).toMatchObject({ months: 6, complete: false, followed: 2, in_care: 0.5, exited: { reha: 0.5 } });
	});

	it('keys quarters as YYYY-Qn and shows no values for cohorts smaller than k', async () => {
		await load(engine(), [file('cases.csv', COHORTS), META]);
		const res = await cohorts(engine(), { filters: {}, stichtag: '2024-12-31', k: 2 }, 'quarter');
		expect(res.map((c) => [c.key, c.n, c.suppressed, c.horizons.length])).toEqual([
			['2023-Q1', null, true, 0],
			['2023-Q4', null, true, 0],
			['2024-Q1', null, true, 0],
			['2024-Q2', null, true, 0]
		]);
	});
});

/*
 * M1 enters 2024-01-01, reaches diagnose on 2024-01-11 (day 10), exits 2024-03-01 and has a
 * second diagnose after its exit (ignored). M2 enters 2024-01-01, diagnose 2024-02-01 (day
 * 31), still in care. M3 enters 2024-01-01, exits 2024-01-21 (censored at day 20) without it.
 * KM: t=10: 3 at risk, S = 2/3; t=20 censored; t=31: 1 at risk, S = 0 → median 31 days.
 * Reached 2 of 3. Before exit: M1 (work) reached it; M3 (reha) did not.
 */
const MCASES = `case_id;jobcenter_id;entry_date;exit_date;exit_reason
	M1;JC1;2024-01-01;2024-03-01;Arbeitsaufnahme
	M2;JC1;2024-01-01;;
	M3;JC1;2024-01-01;2024-01-21;Reha`;
const MILESTONES = `case_id;milestone;date
	M1;diagnose;2024-01-11
	M1;diagnose;2024-05-01
	M2;diagnose;2024-02-01
	M2;regelmaessiger_kontakt;2024-01-02`;

describe('milestones', () => {
	it('lists milestones in process order with reached share and the Kaplan–Meier median', async () => {
		const ds = await load(engine(), [file('cases.csv', MCASES), file('milestones.csv', MILESTONES), META]);
		const r = await buildReport(engine(), ds, { k: 1 });
		expect(r.milestones!.map((m) => [m.code, m.cases, m.share, m.median_days])).toEqual([
			['regelmaessiger_kontakt', 1, 1 / 3, null],
			['diagnose', 2, 2 / 3, 31]
		]);
		expect(r.milestones![1].before_exit).toMatchObject({ arbeit_ausbildung: 1, reha: 0, sonstiges: null });
	});

	it('is null without a milestones table', async () => {
		const ds = await load(engine(), [file('cases.csv', MCASES), META]);
		const r = await buildReport(engine(), ds, { k: 1 });
		expect(r.milestones).toBeNull();
	});
});

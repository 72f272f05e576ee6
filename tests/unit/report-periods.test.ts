/**
 * The Übersicht's comparison: the report with `previous` computes the chosen and the
 * previous period from the same reads, and must give exactly the two reports computed
 * one period at a time, from the case rows and from the monthly tables alike.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/data/engine';
import { previousPeriod } from '../../src/lib/indicators/context';
import { TALLY_NAMES } from '../../src/lib/indicators/tallies';
import { buildReport, buildReports, type ReportOptions } from '../../src/lib/indicators/report';
import { useCubes, useDemo, useEngine } from './helpers';

const engine = useEngine();
const demo = useDemo(engine);
const cubes = useCubes(engine);

const CASES: [string, ReportOptions][] = [
	['the default view', {}],
	['a quarter for women, k = 3', { period: { from: '2024-07-01', to: '2024-09-30' }, filters: { gender: ['w'] }, k: 3 }],
	['two jobcenters, under 25 (the caseload reads its own stock)', { filters: { jobcenter_id: ['JC03', 'JC05'], age_group: ['u25'] } }],
	['a Land and a program', { period: { from: '2024-01-01', to: '2024-06-30' }, filters: { state: ['NW', 'BY'], program: ['bFM'] } }],
	['mid-month, a referral reason (never the monthly tables)', { period: { from: '2024-03-15', to: '2024-09-14' }, filters: { referral_reason: ['psychisch'] } }],
	['a year before which there are no data', { period: { from: '2021-01-01', to: '2021-12-31' }, k: 1 }],
	['an edited outcome grouping', { outcomeGrouping: { reha: 'integration' } }]
];

/** Counts the statements run through it. */
function counting(inner: Engine): { engine: Engine; count: () => number } {
	let n = 0;
	return {
		engine: { ...inner, query: (sql, params) => (n++, inner.query(sql, params)) },
		count: () => n
	};
}

describe('the report with the previous period', () => {
	for (const aggregates of [false, true])
		for (const [what, opts] of CASES)
			it(`equals two reports of one period (${aggregates ? 'monthly tables' : 'case rows'}): ${what}`, async () => {
				const o: ReportOptions = { ...opts, aggregates, sections: ['period', 'series', 'referrals'] };
				const { report, previous } = await buildReports(engine(), demo(), { ...o, previous: true });
				const alone = await buildReport(engine(), demo(), o);
				expect(report).toEqual(alone);
				expect(previous).toEqual(await buildReport(engine(), demo(), { ...o, period: previousPeriod(alone.period), core: true }));
				// And with the monthly tables held in the page, as the dashboard runs it.
				if (aggregates) expect(await buildReports(engine(), demo(), { ...o, previous: true, tallies: TALLY_NAMES, cubes: cubes() })).toEqual({ report, previous });
				// Not a trivially empty comparison, except where there is nothing before.
				if (what.includes('no data')) expect(previous).toMatchObject({ flow: { stock_end: 0 }, betreuungsschluessel: null });
				else expect(previous!.flow?.stock_end ?? previous!.flow?.suppressed.stock_end).toBeTruthy();
			});

	it('is only the report without `previous`', async () => {
		const { report, previous } = await buildReports(engine(), demo(), { core: true });
		expect(previous).toBeNull();
		expect(report).toEqual(await buildReport(engine(), demo(), { core: true }));
	});

	it('costs no more statements than the report alone', async () => {
		const one = counting(engine());
		await buildReport(one.engine, demo(), { core: true, filters: { gender: ['m'] } });
		const two = counting(engine());
		await buildReports(two.engine, demo(), { core: true, filters: { gender: ['m'] }, previous: true });
		expect(two.count()).toBe(one.count());
	});
});

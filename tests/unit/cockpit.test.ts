/**
 * The cockpit's extras, by hand: outcome groups (extended notion of success), referral
 * reasons with their exit cross-tab, the monthly series with rolling 12-month rates, and a
 * caseload ratio that case-level filters do not distort.
 */
import { describe, expect, it } from 'vitest';
import { outcomeGroups } from '../../src/lib/indicators/outcome-groups';
import { buildReport } from '../../src/lib/indicators/report';
import { file, load, useEngine } from './helpers';

const engine = useEngine();

describe('outcome groups', () => {
	const counts = { arbeit_ausbildung: 12, ruecksteuerung_vermittlung: 3, ruecksteuerung: 9, reha: 2, erwerbsunfaehigkeit: 4, ende_leistungsbezug: 7, sonstiges: 0 };

	it('groups exit reasons by default and applies primary and secondary suppression', () => {
		const rows = outcomeGroups(counts, 5);
		expect(rows.map((r) => [r.code, r.count])).toEqual([
			['integration', 12],
			['prozessfaehigkeit', null], // 3 < k
			['klaerung', null], // reha 2 + EU 4 = 6, the smallest other non-zero group: secondary suppression
			['ohne_fortschritt', 9],
			['extern', 7],
			['sonstiges', 0]
		]);
		expect(rows[0].share).toBeCloseTo(12 / 37, 12);
	});

	it('follows an edited grouping', () => {
		const rows = outcomeGroups(counts, 1, { reha: 'integration', ruecksteuerung_vermittlung: 'integration' });
		expect(rows.find((r) => r.code === 'integration')!.count).toBe(17);
		expect(rows.find((r) => r.code === 'klaerung')!.count).toBe(4);
		expect(rows.find((r) => r.code === 'prozessfaehigkeit')!.count).toBe(0);
	});
});

const CASES = `case_id;jobcenter_id;gender;entry_date;exit_date;exit_reason;referral_reasons
C1;JC1;w;2023-01-15;2023-03-10;Arbeitsaufnahme;psychisch|sucht
C2;JC1;m;2023-02-01;;;psychisch
C3;JC1;w;2022-06-01;2023-02-28;Reha;koerperlich
C4;JC2;m;2021-01-01;2021-05-01;Reha;sucht`;
const META = `key;value
stichtag;2023-12-31`;
const STOCK = `jobcenter_id;month;elb_stock;fm_staff_fte
${Array.from({ length: 12 }, (_, i) => `JC1;2023-${String(i + 1).padStart(2, '0')};1000;0,5`).join('\n')}`;

async function dataset(extra: string[] = []) {
	const files = [file('faelle.csv', CASES), file('meta.csv', META)];
	if (extra.includes('stock')) files.push(file('bestand.csv', STOCK));
	return load(engine(), files);
}

describe('monthly series', () => {
	it('counts entries, exits and month-end stock per month and rolls 12-month rates', async () => {
		const r = await buildReport(engine(), await dataset(), { k: 1 });
		const s = Object.fromEntries(r.series!.map((p) => [p.month, p]));
		expect(r.series!.length).toBe(36);
		expect(r.series![35].month).toBe('2023-12');
		// February: C2 enters, C3 leaves on the 28th (not in care "after" the month end); C1 and C2 remain.
		expect(s['2023-02']).toMatchObject({ entries: 1, exits: 1, stock_end: 2 });
		expect(s['2023-03']).toMatchObject({ entries: 0, exits: 1, stock_end: 1 });
		// 2023: exits C1 (integration) and C3 → 1/2; month-end stocks 2, 2, then 1 × 10 → mean 14/12.
		expect(s['2023-12'].integration_share_12m).toBe(0.5);
		expect(s['2023-12'].integrationsquote_12m).toBeCloseTo(1 / (14 / 12), 12);
		// No exits in the 12 months to December 2022: no share.
		expect(s['2022-12'].integration_share_12m).toBeNull();
		expect(s['2023-12'].ermoeglichungsquote_12m).toBeNull();
	});

	it('hides monthly counts below k', async () => {
		const r = await buildReport(engine(), await dataset(), { k: 5 });
		expect(r.series!.find((p) => p.month === '2023-02')).toMatchObject({ entries: null, exits: null, stock_end: null, integration_share_12m: null });
	});
});

describe('referral reasons', () => {
	it('counts cases in care in the period per reason, with the exit cross-tab', async () => {
		const r = await buildReport(engine(), await dataset(), { k: 1 });
		const by = Object.fromEntries(r.referral_reasons!.map((x) => [x.code, x]));
		// In care during 2023: C1, C2, C3 (C4 left in 2021).
		expect(by.psychisch).toMatchObject({ count: 2, exits_total: 1 });
		expect(by.psychisch.share).toBeCloseTo(2 / 3, 12);
		expect(by.psychisch.exits.arbeit_ausbildung).toBe(1);
		expect(by.sucht).toMatchObject({ count: 1 });
		expect(by.koerperlich.exits.reha).toBe(1);
		expect(by.dauer_au).toMatchObject({ count: 0, share: 0 });
	});
});

describe('caseload ratio', () => {
	it('relates all cases of the selected jobcenters to their staff, whatever the case-level filters', async () => {
		const ds = await dataset(['stock']);
		const all = await buildReport(engine(), ds, { k: 1, filters: { jobcenter_id: ['JC1'] } });
		const women = await buildReport(engine(), ds, { k: 1, filters: { jobcenter_id: ['JC1'], gender: ['w'] } });
		// JC1's mean month-end stock over 2023 is 14/12, its mean FTE 0.5.
		expect(all.betreuungsschluessel!.value).toBeCloseTo(14 / 12 / 0.5, 12);
		expect(women.betreuungsschluessel!.value).toBe(all.betreuungsschluessel!.value);
		expect(women.flow!.stock_avg).not.toBe(all.flow!.stock_avg);
	});
});

describe('report sections', () => {
	it('computes only the parts a view asks for, with the same values', async () => {
		const ds = await dataset();
		const all = await buildReport(engine(), ds, { k: 1 });
		const cockpit = await buildReport(engine(), ds, { k: 1, sections: ['period', 'series', 'referrals'] });
		expect(cockpit.verweildauer).toBeNull();
		expect(cockpit.cohorts).toBeNull();
		expect(cockpit.series).toEqual(all.series);
		expect(cockpit.flow).toEqual(all.flow);
		expect(all.verweildauer).not.toBeNull();
		const durations = await buildReport(engine(), ds, { k: 1, sections: ['durations'] });
		expect(durations.verweildauer).toEqual(all.verweildauer);
		expect(durations.series).toBeNull();
		// The period indicators only when asked for ('period').
		expect(durations.flow).toBeNull();
		expect(durations.integration_share).toBeNull();
		// The time in care alone (the regional comparison's reference line).
		const regionen = await buildReport(engine(), ds, { k: 1, sections: ['period', 'groups', 'verweildauer'], groupBy: 'jobcenter_id' });
		expect(regionen.verweildauer).toEqual(all.verweildauer);
		expect(regionen.cohorts).toBeNull();
		expect(regionen.milestones).toBeNull();
		expect(regionen.groups?.length).toBeGreaterThan(1);
	});
});

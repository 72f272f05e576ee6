/** The shareable state round-trips through the URL, field by field, and never carries data. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, fromQuery, toQuery, type ViewState } from '../../src/lib/state/url';

describe('URL state', () => {
	it('leaves the defaults out of the URL', () => {
		expect(toQuery(DEFAULT_VIEW)).toBe('');
		expect(fromQuery('')).toEqual(DEFAULT_VIEW);
	});

	it('round-trips every field', () => {
		const state: ViewState = {
			lang: 'en',
			k: 10,
			from: '2023-01-01',
			to: '2023-12-31',
			filters: { jobcenter_id: ['JC01', "O'Brien-Kreis"], gender: ['w'], referral_reason: ['sucht'], state: ['NW'] },
			group: 'unit',
			mine: null
		};
		const q = toQuery(state);
		expect(q).toBe('lang=en&k=10&from=2023-01-01&to=2023-12-31&group=unit&f.jobcenter_id=JC01&f.jobcenter_id=O%27Brien-Kreis&f.gender=w&f.state=NW&f.referral_reason=sucht');
		expect(fromQuery(q)).toEqual(state);
	});

	it('ignores malformed values instead of trusting them', () => {
		expect(fromQuery('k=0&from=31.12.2023&lang=fr')).toEqual(DEFAULT_VIEW);
		expect(fromQuery('k=abc').k).toBe(5);
	});
});

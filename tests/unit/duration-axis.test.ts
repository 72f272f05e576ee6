/**
 * The duration charts' step paths: to a hundredth of a unit, steps that do not move the
 * curve at that precision left out, the same shape otherwise.
 */
import { describe, expect, it } from 'vitest';
import { StepWriter, bandPath, hundredths, stepPath } from '../../src/lib/charts/duration-axis';

const x = (months: number) => 10 + months * 10;
const y = (v: number) => 100 - v * 100;

describe('step paths', () => {
	it('write a coordinate as the shortest decimal of its hundredths, as String does', () => {
		const cases: [number, string][] = [[0, '0'], [5, '0.05'], [50, '0.5'], [100, '1'], [12345, '123.45'], [12340, '123.4'], [12305, '123.05'], [-320, '-3.2'], [-5, '-0.05'], [3e9, '30000000']];
		for (const [r, text] of cases) expect(hundredths(r)).toBe(text);
		// Every coordinate of a plot, and past it.
		for (let r = -1000; r <= 100_000; r += 7) expect(hundredths(r)).toBe(String(r / 100));
	});

	it('rounds to a hundredth and joins the steps that do not move the curve', () => {
		const w = new StepWriter(0.123456, 50);
		w.step(1.005, 50.001); // moves less than a hundredth: joined into the next line
		w.step(2, 50.004);
		w.step(3, 60.126);
		w.flat(7);
		expect(w.path()).toBe('M0.12,50H3V60.13H7');
	});

	it('keeps every step that moves, and closes an area', () => {
		const w = new StepWriter(0, 0);
		w.step(1, 1);
		w.step(2, 2);
		w.step(2, 0);
		expect(w.path(true)).toBe('M0,0H1V1H2V2V0Z');
	});

	it('draws a survival curve in months, flat to the end of follow-up', () => {
		// Days 30.4375 and 60.875 are one and two months; the third point lies beyond 48 months.
		const d = stepPath(
			[
				{ t: 30.4375, y: 0.9 },
				{ t: 60.875, y: 0.9 },
				{ t: 2000, y: 0.5 }
			],
			1,
			91.3125,
			x,
			y
		);
		expect(d).toBe('M10,0H20V10H40');
	});

	it('closes a confidence band between its upper and lower steps', () => {
		const d = bandPath(
			[
				{ t: 30.4375, lo: 0.8, hi: 0.95 },
				{ t: 60.875, lo: 0.7, hi: 0.9 }
			],
			null,
			x,
			y
		);
		expect(d).toBe('M10,0H20V5H30V10V30V20H20V0Z');
	});
});

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

	it('writes the text that appending hundredths gives, for long paths, negative and huge coordinates', () => {
		// The writer as strings (how it was written before it wrote bytes).
		const reference = (x0: number, y0: number, steps: [number, number][], end: number, close: boolean) => {
			let px = Math.round(x0 * 100);
			let py = Math.round(y0 * 100);
			let pending: number | null = null;
			let d = `M${hundredths(px)},${hundredths(py)}`;
			for (const [sx, sy] of steps) {
				const rx = Math.round(sx * 100);
				const ry = Math.round(sy * 100);
				if (ry === py) {
					pending = rx;
					continue;
				}
				if (rx !== px) d += 'H' + hundredths(rx);
				d += 'V' + hundredths(ry);
				px = rx;
				py = ry;
				pending = null;
			}
			pending = Math.round(end * 100);
			if (pending !== px) d += 'H' + hundredths(pending);
			return close ? d + 'Z' : d;
		};
		let seed = 7;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (const scale of [1, 640, 1e5, 3e7]) {
			const steps: [number, number][] = Array.from({ length: 3000 }, (_, i) => [i * 0.37 * (scale / 640) - 5, (rnd() - 0.2) * scale]);
			// Repeated y values, so that steps are joined.
			for (let i = 1; i < steps.length; i += 5) steps[i][1] = steps[i - 1][1];
			const w = new StepWriter(-1.234, scale / 3);
			for (const [sx, sy] of steps) w.step(sx, sy);
			w.flat(scale * 2);
			const d = w.path(true);
			expect(d).toBe(reference(-1.234, scale / 3, steps, scale * 2, true));
			expect(d.length).toBeGreaterThan(3000 * 4);
		}
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

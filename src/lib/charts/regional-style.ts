/**
 * Colours of the regional charts, from the Okabe–Ito palette: "mein Jobcenter" in
 * vermillion (the one colour that stands out against the blue of all other groups), funnel
 * flags green (above) / grey / purple (below), and a light-to-dark blue ramp for the maps (readable in grey
 * scale too, since it runs from light to dark).
 */
import { scaleLinear } from 'd3-scale';
import type { FunnelPosition } from '$lib/stats/funnel';
import { PALETTE } from './palette';

export const HIGHLIGHT = PALETTE[2];
export const GROUP_COLOUR = PALETTE[0];

export const FLAG_COLOUR: Record<FunnelPosition, string> = { above: PALETTE[1], within: PALETTE[6], below: PALETTE[3] };

export const RAMP = ['#e8f1f8', '#08306b'] as const;
export const NO_DATA = '#ffffff';

/** A colour for each value on a light-to-dark ramp over the values' range. */
export function rampOf(values: (number | null)[]): (v: number | null) => string {
	const shown = values.filter((v): v is number => v !== null);
	const lo = Math.min(...shown);
	const hi = Math.max(...shown);
	const scale = scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([0, 1]).clamp(true);
	return (v) => (v === null || !shown.length ? NO_DATA : mix(RAMP[0], RAMP[1], scale(v)));
}

/** The colour a fraction t of the way from a to b, as hex (so the text colour can be chosen from it). */
function mix(a: string, b: string, t: number): string {
	const ca = parseInt(a.slice(1), 16);
	const cb = parseInt(b.slice(1), 16);
	const channel = (shift: number) => Math.round(((ca >> shift) & 255) * (1 - t) + ((cb >> shift) & 255) * t);
	return '#' + ((channel(16) << 16) | (channel(8) << 8) | channel(0)).toString(16).padStart(6, '0');
}

/** Dark tiles need white text. */
export function textOn(fill: string): string {
	const n = parseInt(fill.slice(1), 16);
	const lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
	return lum < 140 ? '#fff' : '#1a1a1a';
}

/**
 * Small multiples of the regional comparison: the cockpit's monthly series (rolling
 * 12 months, the same monthlySeries and so the same definitions) for each group, by adding
 * the group's value to the filters. Groups without a value ('') cannot be selected by a
 * filter and have no panel.
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import type { GroupDimension } from './groups';
import { monthlySeries, type SeriesPoint } from './series';

export const SERIES_INDICATORS = {
	integration_share: 'integration_share_12m',
	integrationsquote: 'integrationsquote_12m',
	ermoeglichungsquote: 'ermoeglichungsquote_12m'
} as const satisfies Record<string, keyof SeriesPoint>;
export type SeriesIndicator = keyof typeof SERIES_INDICATORS;

/** Two years of panels: enough to see a trend, short enough for a dozen groups. */
export const REGIONAL_SERIES_MONTHS = 24;

export interface GroupSeries {
	key: string;
	points: { month: string; value: number | null }[];
}

export function hasSeries(indicator: string): indicator is SeriesIndicator {
	return indicator in SERIES_INDICATORS;
}

export async function regionalSeries(
	engine: Engine,
	ctx: Ctx,
	dim: GroupDimension,
	keys: string[],
	indicator: SeriesIndicator
): Promise<GroupSeries[]> {
	const field = SERIES_INDICATORS[indicator];
	const out: GroupSeries[] = [];
	for (const key of keys) {
		if (key === '') continue;
		const series = await monthlySeries(engine, { ...ctx, filters: { ...ctx.filters, [dim]: [key] } }, REGIONAL_SERIES_MONTHS);
		out.push({ key, points: series.map((s) => ({ month: s.month, value: s[field] })) });
	}
	return out;
}

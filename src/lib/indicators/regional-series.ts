/**
 * Small multiples of the regional comparison: the cockpit's monthly series (rolling
 * 12 months, the same query and so the same definitions) for each group, as if the group's
 * value were added to the filters. Groups without a value ('') cannot be selected by a
 * filter and have no panel.
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import { eventGroup, stockGroup, type GroupDimension } from './groups';
import { groupedSeries, type SeriesPoint } from './series';

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
	const wanted = keys.filter((k) => k !== '');
	// One query for every panel, each as monthlySeries with the group's value as a filter.
	const series = await groupedSeries(engine, ctx, REGIONAL_SERIES_MONTHS, { event: eventGroup(dim), stock: stockGroup(dim), keys: wanted });
	return wanted.map((key) => ({ key, points: series.get(key)!.map((s) => ({ month: s.month, value: s[field] })) }));
}

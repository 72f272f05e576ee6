/**
 * Regional comparison (INDICATORS.md "Regional comparison"). Stub: filled in by the
 * regional work (issue 5).
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';

export const GROUP_DIMENSIONS = ['jobcenter_id', 'unit', 'program', 'state', 'org_type', 'comparison_type', 'area_type'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export async function groupsReport(_engine: Engine, _ctx: Ctx, _groupBy: GroupDimension): Promise<unknown[] | null> {
	return null;
}

/**
 * Durations, cohorts and milestones (INDICATORS.md "Durations"; seed 001, 003).
 * Stub: filled in by the durations work (issue 4).
 */
import type { Engine } from '../data/engine';
import type { Ctx } from './context';
import type { Report } from './types';

export type DurationKeys = Pick<Report, 'verweildauer' | 'cif' | 'zusteuerungsdauer' | 'cohorts' | 'milestones'>;

export async function durationsReport(_engine: Engine, _ctx: Ctx): Promise<DurationKeys> {
	return { verweildauer: null, cif: null, zusteuerungsdauer: null, cohorts: null, milestones: null };
}

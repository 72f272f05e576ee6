/**
 * Participations in measures: 1–3 for most cases, chosen by referral reasons and program,
 * starting and ending within the case's care, with employability scored at start and end.
 */
import { KINDS, MEASURES, type ExitReason, type ProgramKind, type ReferralReason } from './config';
import { nextWorkday, type Day } from './dates';
import type { Rng } from './random';
import { clampScore } from './outcomes';
import type { Row, MEASURES_TABLE } from './tables';

export type MeasureRow = Row<typeof MEASURES_TABLE>;

/** Measure weights in MEASURES order. */
function measureWeights(kind: ProgramKind, reasons: readonly ReferralReason[]): number[] {
	// Sucht, PsySoz, AktivCenter, Einzelcoaching, Vermittlungscoaching, AGH, §16e, §16i
	const w = [0.02, 0.08, 0.22, 0.2, 0.1, 0.2, 0.05, 0.05];
	if (reasons.includes('sucht')) w[0] += 0.6;
	if (reasons.includes('psychisch')) w[1] += 0.3;
	if (kind === 'rehapro') {
		w[3] *= 2;
		w[7] *= 1.5;
	} else if (kind === 'bfm') {
		w[4] *= 2;
		w[5] *= 1.2;
		w[6] *= 2;
	}
	return w;
}

export interface MeasureCase {
	caseId: string;
	kind: ProgramKind;
	reasons: readonly ReferralReason[];
	entry: Day;
	/** Last day of care: exit date, else the Stichtag. */
	careEnd: Day;
	exited: boolean;
	employabilityEntry: number | null;
	employabilityExit: number | null;
	exitReason: ExitReason | null;
}

/** Score at a day within care, interpolated between entry and exit scores. */
function scoreAt(c: MeasureCase, day: Day): number | null {
	if (c.employabilityEntry === null) return null;
	if (c.employabilityExit === null || c.careEnd === c.entry) return c.employabilityEntry;
	const frac = (day - c.entry) / (c.careEnd - c.entry);
	return Math.round(c.employabilityEntry + (c.employabilityExit - c.employabilityEntry) * frac);
}

function measureRow(rng: Rng, c: MeasureCase, m: number): MeasureRow {
	const def = MEASURES[m];
	const span = c.careEnd - c.entry;
	let start = c.entry + Math.floor(Math.pow(rng.uniform(), 1.4) * span * 0.85);
	start = Math.min(nextWorkday(start), c.careEnd);
	let end: Day | null = start + rng.int(def.minDays, def.maxDays);
	if (end > c.careEnd) end = c.exited ? c.careEnd : null;
	const scoreStart = rng.chance(0.08) ? null : scoreAt(c, start);
	let scoreEnd: number | null = null;
	if (end !== null && scoreStart !== null && !rng.chance(0.1)) {
		const boost = (c.kind === 'rehapro' ? 1.3 : 1) * (c.exitReason === 'arbeit_ausbildung' || c.exitReason === 'ruecksteuerung_vermittlung' ? 1.4 : 1);
		const up = def.uplift * boost;
		const u = rng.uniform();
		scoreEnd = clampScore(scoreStart + (u < up ? 1 : u < up + 0.07 ? -1 : 0));
	}
	return {
		case_id: c.caseId,
		measure: def.name,
		legal_basis: def.legalBasis,
		aims_employability: def.aimsEmployability,
		start_date: start,
		end_date: end,
		employability_start: scoreStart,
		employability_end: scoreEnd
	};
}

export function drawMeasures(rng: Rng, c: MeasureCase): MeasureRow[] {
	if (c.careEnd - c.entry < 21) return [];
	const count = rng.weightedIndex(KINDS[c.kind].measureCount);
	const weights = measureWeights(c.kind, c.reasons);
	const rows: MeasureRow[] = [];
	for (let i = 0; i < count; i++) {
		const m = rng.weightedIndex(weights);
		weights[m] = 0;
		rows.push(measureRow(rng, c, m));
	}
	return rows.sort((a, b) => (a.start_date as number) - (b.start_date as number));
}

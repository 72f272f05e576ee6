/**
 * The shape of the report JSON (INDICATORS.md, "The headless report"). The dashboard's
 * view models are built from exactly these objects, so the screen, the exports and the
 * report command cannot disagree.
 */

import type { SeriesPoint } from './series';
import type { Change } from './capability';
import type { ReferralRow } from './referrals';
import type { CifCurve, Zusteuerungsdauer } from './durations';
import type { SurvivalSummary } from './survival-summary';
import type { Cohort } from './cohorts';
import type { MilestoneRow } from './milestones';
import type { GroupRow } from './groups';

export interface Period {
	from: string; // YYYY-MM-DD, inclusive
	to: string; // YYYY-MM-DD, inclusive
}

export interface FileReport {
	file: string;
	table: string | null;
	rows: number;
	accepted: number;
	rejected: number;
	ignored_columns: string[];
	refused_columns: string[];
	/** Warning kind → number of rows (accepted rows that carry the warning). */
	warnings: Record<string, number>;
	/** One clear German sentence when the file could not be read at all. */
	error: string | null;
	/** Per reason: rejected rows of this file. */
	rejected_reasons: Record<string, number>;
	/** Source column → contract column, as applied. */
	mapping: Record<string, string>;
	/** Unmapped columns offered to the mapping dialog (neither ignored by choice nor refused). */
	unmapped_columns: string[];
	/** Values of exit_reason that matched no code (counted as sonstiges). */
	unknown_codes?: Record<string, number>;
}

export interface LoadReport {
	files: FileReport[];
	rejected_reasons: Record<string, number>;
}

export interface StichtagInfo {
	date: string;
	source: 'meta' | 'user' | 'data';
}

export interface Rate {
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	suppressed: boolean;
}

export interface Share extends Rate {
	ci_low: number | null;
	ci_high: number | null;
}

export interface Flow {
	entries: number | null;
	exits: number | null;
	stock_end: number | null;
	stock_avg: number | null;
	suppressed: { entries: boolean; exits: boolean; stock_end: boolean; stock_avg: boolean };
}

export interface ExitReasonRow {
	code: string;
	count: number | null;
	share: number | null;
	ci_low: number | null;
	ci_high: number | null;
	suppressed: boolean;
}

export interface Report {
	stichtag: string | null;
	stichtag_source: StichtagInfo['source'] | null;
	period: Period;
	k: number;
	filters: Record<string, string[]>;
	load: LoadReport;
	flow: Flow | null;
	exit_reasons: ExitReasonRow[] | null;
	integrationsquote: Rate | null;
	integration_share: Share | null;
	ermoeglichungsquote: (Rate & { basis: 'elb_stock' | 'fm_stock' }) | null;
	bf_erhoehung: (Change & { basis: 'measures' | 'cases' }) | null;
	teilhabe_erhoehung: Change | null;
	kontaktdichte: (Rate & { unit: 'per_month' }) | null;
	betreuungsschluessel: (Rate & { references: number[] }) | null;
	verweildauer: SurvivalSummary | null;
	cif: CifCurve[] | null;
	zusteuerungsdauer: Zusteuerungsdauer | null;
	cohorts: Cohort[] | null;
	milestones: MilestoneRow[] | null;
	groups: GroupRow[] | null;
	/** Cockpit extras beyond INDICATORS.md's keys: monthly series and referral reasons. */
	series: SeriesPoint[] | null;
	referral_reasons: ReferralRow[] | null;
	/** Exit reasons grouped into outcome groups (extended notion of success, seed 001). */
	outcome_groups: ExitReasonRow[] | null;
}

/**
 * The fictional world of the demo: eight jobcenters, their units and programs, the codes of
 * DATA.md and the parameters the cases are drawn from. Calibrated to the seeds: exit-reason
 * mix of seed 001 (Ende SGB-II-Bezug 165, EU 100, Rücksteuerung 139, Rücksteuerung Vermittlung
 * 50, Arbeitsaufnahme/Ausbildung 76, Reha 9), target groups of seed 000 (psychisch ~60 %,
 * Sucht ~20 %), the 24-month rule (000, 003) and the caseloads 1:100 (000), 1:75 (003) and
 * 1:25–1:40 (002). Names and AGS keys are invented (the AGS use unassigned numbers where
 * the Land has more than one district).
 */

// The codes are the data contract's own: the generator writes exactly what the loader accepts.
import {
	AGE_GROUPS,
	EXIT_REASONS,
	MILESTONE_CODES as MILESTONES,
	PROFILES,
	REFERRAL_REASONS,
	type ExitReason
} from '../../src/lib/data/contract';

export { AGE_GROUPS, EXIT_REASONS, MILESTONES, PROFILES, REFERRAL_REASONS, type ExitReason };
export type ReferralReason = (typeof REFERRAL_REASONS)[number];
export type AgeGroup = (typeof AGE_GROUPS)[number];
export type Profile = (typeof PROFILES)[number];

export type ProgramKind = 'spez' | 'bfm' | 'rehapro';

export interface ProgramDef {
	name: string;
	kind: ProgramKind;
	/** Share of the jobcenter's cases. */
	share: number;
	/** Months after the start of the entry window in which the program takes its first case. */
	startOffset: number;
	/** Planned cases per full-time caseworker (the x of 1:x). */
	caseload: number;
}

export interface UnitDef {
	name: string;
	share: number;
}

export interface JobcenterDef {
	id: string;
	name: string;
	state: string;
	orgType: 'gE' | 'zkT';
	comparisonType: string;
	areaType: 'grossstadt' | 'staedtisch' | 'laendlich';
	ags: string;
	/** eLb in the jobcenter at the default size (scaled up with --cases above 20 000). */
	elb: number;
	/** Share of all cases. */
	share: number;
	/** Multiplies the odds of an exit into work (regional labour market and practice). */
	integration: number;
	units: UnitDef[];
	programs: ProgramDef[];
}

const spez = (caseload: number, share: number): ProgramDef => ({ name: 'spez. FM', kind: 'spez', share, startOffset: 0, caseload });
const bfm = (caseload: number, share: number): ProgramDef => ({ name: 'bFM', kind: 'bfm', share, startOffset: 0, caseload });
const rehapro = (name: string, caseload: number, share: number, startOffset: number): ProgramDef => ({
	name: `rehapro ${name}`,
	kind: 'rehapro',
	share,
	startOffset,
	caseload
});
const units = (...names: [string, number][]): UnitDef[] => names.map(([name, share]) => ({ name, share }));

export const JOBCENTERS: readonly JobcenterDef[] = [
	{
		id: 'JC01', name: 'Jobcenter Ruhrtal-Kreis', state: 'NW', orgType: 'zkT', comparisonType: 'IIIb',
		areaType: 'staedtisch', ags: '05990', elb: 14000, share: 0.15, integration: 1.0,
		units: units(['Regionalstelle Nord', 0.4], ['Regionalstelle Süd', 0.35], ['Regionalstelle Ost', 0.25]),
		programs: [spez(100, 0.55), bfm(75, 0.35), rehapro('Gesundheitslotsen', 35, 0.15, 9)]
	},
	{
		id: 'JC02', name: 'Jobcenter Berlin Spreebogen', state: 'BE', orgType: 'gE', comparisonType: 'IIIe',
		areaType: 'grossstadt', ags: '11000', elb: 42000, share: 0.17, integration: 0.9,
		units: units(['Standort Mitte', 0.3], ['Standort Nord', 0.25], ['Standort Süd', 0.25], ['Standort West', 0.2]),
		programs: [spez(90, 0.45), bfm(80, 0.45), rehapro('Netzwerk Teilhabe', 30, 0.14, 15)]
	},
	{
		id: 'JC03', name: 'Jobcenter Landkreis Donautal', state: 'BY', orgType: 'gE', comparisonType: 'Ia',
		areaType: 'laendlich', ags: '09990', elb: 8000, share: 0.06, integration: 2.0,
		units: units(['Geschäftsstelle Kreisstadt', 0.6], ['Geschäftsstelle Land', 0.4]),
		programs: [spez(70, 0.5), bfm(75, 0.5)]
	},
	{
		id: 'JC04', name: 'Jobcenter Erzgebirgsvorland', state: 'SN', orgType: 'zkT', comparisonType: 'IIc',
		areaType: 'laendlich', ags: '14990', elb: 11000, share: 0.09, integration: 0.45,
		units: units(['Regionalstelle Nord', 0.55], ['Regionalstelle Süd', 0.45]),
		programs: [spez(100, 0.5), bfm(75, 0.4), rehapro('Perspektive Gesundheit', 35, 0.15, 12)]
	},
	{
		id: 'JC05', name: 'Jobcenter Hamburg Elbufer', state: 'HH', orgType: 'gE', comparisonType: 'IIIe',
		areaType: 'grossstadt', ags: '02000', elb: 60000, share: 0.2, integration: 1.0,
		units: units(['Standort Hafen', 0.35], ['Standort Elbe-Nord', 0.35], ['Standort Elbe-Süd', 0.3]),
		programs: [
			spez(100, 0.4),
			bfm(75, 0.4),
			rehapro('Gesundheitslotsen', 35, 0.15, 9),
			rehapro('Coaching plus', 25, 0.1, 18)
		]
	},
	{
		id: 'JC06', name: 'Jobcenter Region Weserbergland', state: 'NI', orgType: 'zkT', comparisonType: 'IIb',
		areaType: 'staedtisch', ags: '03990', elb: 18000, share: 0.13, integration: 1.05,
		units: units(['Regionalstelle Stadt', 0.45], ['Regionalstelle Berg', 0.3], ['Regionalstelle Tal', 0.25]),
		programs: [spez(95, 0.5), bfm(70, 0.5)]
	},
	{
		id: 'JC07', name: 'Jobcenter Saale-Holzland', state: 'TH', orgType: 'gE', comparisonType: 'IIa',
		areaType: 'laendlich', ags: '16990', elb: 9000, share: 0.08, integration: 0.85,
		units: units(['Geschäftsstelle West', 0.5], ['Geschäftsstelle Ost', 0.5]),
		programs: [spez(80, 0.5), bfm(75, 0.4), rehapro('Netzwerk Teilhabe', 30, 0.14, 15)]
	},
	{
		id: 'JC08', name: 'Jobcenter Stadt Neckartal', state: 'BW', orgType: 'gE', comparisonType: 'Ib',
		areaType: 'staedtisch', ags: '08990', elb: 16000, share: 0.12, integration: 1.25,
		units: units(['Standort Innenstadt', 0.4], ['Standort Nord', 0.3], ['Standort Süd', 0.3]),
		programs: [spez(100, 0.5), bfm(75, 0.5)]
	}
];

/** Parameters that differ by kind of program. */
export interface KindParams {
	/** Independent chances of each referral reason (REFERRAL_REASONS order). */
	referral: readonly number[];
	profile: readonly number[];
	ageGroup: readonly number[];
	contactsPerMonth: number;
	/** Multiplies the time in care. */
	durationScale: number;
	/** Multiplies the exit-reason odds (EXIT_REASONS order). */
	exitOdds: readonly number[];
	/** Share of cases whose participation (Teilhabe) is scored. */
	participationRecorded: number;
	/** Weights of 0, 1, 2, 3 measure participations. */
	measureCount: readonly number[];
}

export const KINDS: Record<ProgramKind, KindParams> = {
	spez: {
		referral: [0.56, 0.26, 0.22, 0.11, 0.14],
		profile: [0.01, 0.02, 0.04, 0.22, 0.38, 0.33],
		ageGroup: [0.05, 0.2, 0.25, 0.29, 0.21],
		contactsPerMonth: 1.3,
		durationScale: 1.0,
		exitOdds: [0.8, 0.9, 1.1, 1.0, 1.1, 1.0, 1.0],
		participationRecorded: 0.66,
		measureCount: [0.15, 0.45, 0.28, 0.12]
	},
	bfm: {
		referral: [0.4, 0.3, 0.17, 0.16, 0.1],
		profile: [0.005, 0.015, 0.06, 0.5, 0.3, 0.12],
		ageGroup: [0.16, 0.26, 0.24, 0.22, 0.12],
		contactsPerMonth: 1.0,
		durationScale: 0.9,
		exitOdds: [1.45, 1.15, 0.9, 0.9, 0.75, 1.05, 1.0],
		participationRecorded: 0.66,
		measureCount: [0.2, 0.45, 0.25, 0.1]
	},
	rehapro: {
		referral: [0.55, 0.36, 0.14, 0.07, 0.15],
		profile: [0, 0.01, 0.05, 0.3, 0.4, 0.24],
		ageGroup: [0.06, 0.22, 0.26, 0.28, 0.18],
		contactsPerMonth: 2.6,
		durationScale: 1.2,
		exitOdds: [1.3, 1.8, 0.7, 2.0, 0.8, 0.8, 0.9],
		participationRecorded: 0.95,
		measureCount: [0.05, 0.35, 0.35, 0.25]
	}
};

/**
 * Base odds of the exit reasons (EXIT_REASONS order), tuned so that the realized mix among
 * exits lands near seed 001's table plus about 3 % `sonstiges`.
 */
export const EXIT_BASE_ODDS: readonly number[] = [14.5, 10.0, 28.9, 1.2, 17.9, 29.8, 2.6];

/** Time in care by exit reason: Weibull shape and scale in days (before program scaling). */
export const EXIT_DURATION: Record<ExitReason, { shape: number; scale: number }> = {
	arbeit_ausbildung: { shape: 1.5, scale: 390 },
	ruecksteuerung_vermittlung: { shape: 1.8, scale: 470 },
	ruecksteuerung: { shape: 1.6, scale: 450 },
	reha: { shape: 1.4, scale: 340 },
	erwerbsunfaehigkeit: { shape: 1.6, scale: 430 },
	ende_leistungsbezug: { shape: 1.2, scale: 300 },
	sonstiges: { shape: 1.2, scale: 240 }
};

/** Share of Rücksteuerungen that happen at the 24-month limit. */
export const RUECKSTEUERUNG_AT_LIMIT = 0.3;
/** Chance that care is extended beyond 24 months by exception. */
export const EXTENSION_CHANCE = 0.035;
/** The 24-month rule, in days. */
export const CARE_LIMIT_DAYS = 730;

export interface MeasureDef {
	name: string;
	legalBasis: string;
	aimsEmployability: boolean;
	/** Typical duration in days: min and max. */
	minDays: number;
	maxDays: number;
	/** Chance (per measure) that a participation raises employability by one step. */
	uplift: number;
}

export const MEASURES: readonly MeasureDef[] = [
	{ name: '§16a Suchtberatung', legalBasis: '16a', aimsEmployability: true, minDays: 60, maxDays: 365, uplift: 0.3 },
	{ name: '§16a Psychosoziale Betreuung', legalBasis: '16a', aimsEmployability: true, minDays: 90, maxDays: 400, uplift: 0.32 },
	{ name: '§45 AktivCenter', legalBasis: '45', aimsEmployability: true, minDays: 90, maxDays: 270, uplift: 0.36 },
	{ name: '§45 Einzelcoaching', legalBasis: '45', aimsEmployability: true, minDays: 60, maxDays: 180, uplift: 0.34 },
	{ name: '§45 Vermittlungscoaching', legalBasis: '45', aimsEmployability: false, minDays: 60, maxDays: 150, uplift: 0.15 },
	{ name: '§16d AGH', legalBasis: '16d', aimsEmployability: true, minDays: 150, maxDays: 365, uplift: 0.28 },
	{ name: '§16e Eingliederung von Langzeitarbeitslosen', legalBasis: '16e', aimsEmployability: false, minDays: 365, maxDays: 730, uplift: 0.25 },
	{ name: '§16i Teilhabe am Arbeitsmarkt', legalBasis: '16i', aimsEmployability: true, minDays: 365, maxDays: 1825, uplift: 0.3 }
];

/** Scale of all generated volumes: the default demo has 20 000 cases. */
export const DEFAULT_CASES = 20000;
export const DEFAULT_SEED = 20241231;
export const DEFAULT_STICHTAG = '2024-12-31';
/** Months of entries that end with the Stichtag's month. */
export const ENTRY_WINDOW_MONTHS = 48;

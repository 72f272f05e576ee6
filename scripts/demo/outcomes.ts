/**
 * How a case ends: the exit reason (odds by program, jobcenter, referral reasons, age,
 * profile and employability at entry), the time in care under the 24-month rule, and the
 * change of the 4-point scores between entry and exit.
 */
import {
	CARE_LIMIT_DAYS,
	EXIT_BASE_ODDS,
	EXIT_DURATION,
	EXIT_REASONS,
	EXTENSION_CHANCE,
	KINDS,
	REFERRAL_REASONS,
	RUECKSTEUERUNG_AT_LIMIT,
	type AgeGroup,
	type ExitReason,
	type Profile,
	type ProgramKind,
	type ReferralReason
} from './config';
import type { Rng } from './random';

// Factor rows are in EXIT_REASONS order:
// arbeit, rueck_vermittlung, ruecksteuerung, reha, erwerbsunfaehigkeit, ende_leistungsbezug, sonstiges
const REFERRAL_ODDS: Record<ReferralReason, readonly number[]> = {
	psychisch: [0.9, 1.0, 1.1, 1.0, 1.1, 0.95, 1.0],
	koerperlich: [0.95, 1.0, 1.0, 2.0, 1.3, 0.9, 1.0],
	sucht: [0.8, 0.9, 1.1, 1.2, 0.9, 1.3, 1.2],
	sozial: [0.9, 0.9, 1.2, 0.6, 0.7, 1.2, 1.5],
	dauer_au: [0.7, 0.8, 1.0, 1.6, 1.8, 0.9, 1.0]
};

const AGE_ODDS: Record<AgeGroup, readonly number[]> = {
	u25: [1.5, 1.2, 1.0, 0.6, 0.4, 1.2, 1.1],
	'25-34': [1.2, 1.1, 1.0, 0.8, 0.6, 1.1, 1.0],
	'35-44': [1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.0],
	'45-54': [0.85, 0.95, 1.0, 1.2, 1.2, 0.95, 1.0],
	'55+': [0.55, 0.8, 1.05, 1.1, 1.6, 0.9, 1.0]
};

const PROFILE_ODDS: Partial<Record<Profile, readonly number[]>> = {
	marktprofil: [1.8, 1.3, 0.8, 1, 0.5, 1, 1],
	aktivierungsprofil: [1.6, 1.3, 0.8, 1, 0.6, 1, 1],
	foerderprofil: [1.5, 1.2, 0.9, 1, 0.7, 1, 1],
	entwicklungsprofil: [1.3, 1.1, 0.95, 1, 0.8, 1, 1],
	unterstuetzungsprofil: [0.6, 0.8, 1.1, 1.1, 1.3, 1, 1]
};

/** By employability at entry (1–4): odds of work, of hand-back for placement, of EU. */
const EMPLOYABILITY_ODDS = {
	arbeit: [0.5, 0.9, 1.4, 2.0],
	vermittlung: [0.7, 1.0, 1.3, 1.4],
	eu: [1.5, 1.0, 0.7, 0.5]
};

export interface OutcomeInputs {
	kind: ProgramKind;
	integration: number;
	reasons: readonly ReferralReason[];
	ageGroup: AgeGroup;
	profile: Profile | null;
	employability: number | null;
}

export function exitOdds(x: OutcomeInputs): number[] {
	const odds = EXIT_BASE_ODDS.map((base, r) => base * KINDS[x.kind].exitOdds[r] * AGE_ODDS[x.ageGroup][r]);
	for (const reason of x.reasons) {
		const f = REFERRAL_ODDS[reason];
		for (let r = 0; r < odds.length; r++) odds[r] *= f[r];
	}
	const p = x.profile ? PROFILE_ODDS[x.profile] : undefined;
	if (p) for (let r = 0; r < odds.length; r++) odds[r] *= p[r];
	if (x.employability !== null) {
		const e = x.employability - 1;
		odds[0] *= EMPLOYABILITY_ODDS.arbeit[e];
		odds[1] *= EMPLOYABILITY_ODDS.vermittlung[e];
		odds[4] *= EMPLOYABILITY_ODDS.eu[e];
	}
	odds[0] *= x.integration;
	odds[1] *= Math.sqrt(x.integration);
	return odds;
}

export function drawExitReason(rng: Rng, x: OutcomeInputs): ExitReason {
	return EXIT_REASONS[rng.weightedIndex(exitOdds(x))];
}

export interface CareSpan {
	days: number;
	/** Runs beyond the 24 months by exception. */
	beyondLimit: boolean;
}

/**
 * Days from entry to exit. Care ends within 24 months (730 days); many Rücksteuerungen
 * happen exactly at the limit; a few cases are extended by up to a year.
 */
export function drawCareDays(rng: Rng, reason: ExitReason, kind: ProgramKind): CareSpan {
	if (rng.chance(EXTENSION_CHANCE)) return { days: CARE_LIMIT_DAYS + rng.int(20, 365), beyondLimit: true };
	if (reason === 'ruecksteuerung' && rng.chance(RUECKSTEUERUNG_AT_LIMIT))
		return { days: CARE_LIMIT_DAYS - rng.int(0, 30), beyondLimit: false };
	const { shape, scale } = EXIT_DURATION[reason];
	const days = Math.round(rng.weibull(shape, scale * KINDS[kind].durationScale));
	return { days: Math.min(CARE_LIMIT_DAYS, Math.max(14, days)), beyondLimit: false };
}

/** Weights of a score change of −1, 0, +1, +2 between entry and exit, by exit reason. */
const SCORE_CHANGE: Record<ExitReason, readonly number[]> = {
	arbeit_ausbildung: [0.04, 0.34, 0.5, 0.12],
	ruecksteuerung_vermittlung: [0.04, 0.36, 0.52, 0.08],
	ruecksteuerung: [0.18, 0.62, 0.19, 0.01],
	reha: [0.15, 0.55, 0.28, 0.02],
	erwerbsunfaehigkeit: [0.35, 0.55, 0.1, 0],
	ende_leistungsbezug: [0.13, 0.65, 0.2, 0.02],
	sonstiges: [0.15, 0.65, 0.19, 0.01]
};

export const clampScore = (s: number) => Math.min(4, Math.max(1, s));

/** Score at exit: mostly equal or one step up, sometimes down; better for integrations. */
export function exitScore(rng: Rng, entry: number, reason: ExitReason, upBoost: number): number {
	const w = SCORE_CHANGE[reason];
	const delta = rng.weightedIndex([w[0], w[1], w[2] * upBoost, w[3] * upBoost]) - 1;
	return clampScore(entry + delta);
}

/** Referral reasons: independent chances by program, 1–3 codes, canonical order. */
export function drawReferralReasons(rng: Rng, kind: ProgramKind): ReferralReason[] {
	const chances = KINDS[kind].referral;
	let picked = REFERRAL_REASONS.filter((_, i) => rng.chance(chances[i]));
	if (picked.length === 0) picked = [REFERRAL_REASONS[rng.weightedIndex([0.5, 0.3, 0.1, 0.05, 0.05])]];
	while (picked.length > 3) picked.splice(rng.int(1, picked.length - 1), 1);
	return picked;
}

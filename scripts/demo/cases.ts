/**
 * Persons and their case-management episodes. A person enters in one jobcenter; a few come
 * back after an exit (re-entries, same person_id). Each episode becomes one `cases` row plus
 * its `measures` and `milestones` rows, and is counted into the monthly FM stock.
 */
import {
	AGE_GROUPS,
	KINDS,
	PROFILES,
	type AgeGroup,
	type ExitReason,
	type Profile,
	type ProgramKind,
	type ReferralReason
} from './config';
import { DAYS_PER_MONTH, firstDayOfMonth, lastDayOfMonth, nextWorkday, previousWorkday, type Day } from './dates';
import { drawMeasures } from './measures';
import { drawMilestones } from './milestones';
import { drawCareDays, drawExitReason, drawReferralReasons, exitScore, clampScore } from './outcomes';
import type { Rng } from './random';
import type { StockCounter } from './stock';
import { CASES_TABLE, MEASURES_TABLE, MILESTONES_TABLE, TableBuffer, type Row } from './tables';
import type { JobcenterState, ProgramState, World } from './world';

export type CaseRow = Row<typeof CASES_TABLE>;

export interface Buffers {
	cases: TableBuffer<typeof CASES_TABLE>;
	measures: TableBuffer<typeof MEASURES_TABLE>;
	milestones: TableBuffer<typeof MILESTONES_TABLE>;
}

export function newBuffers(): Buffers {
	return {
		cases: new TableBuffer(CASES_TABLE),
		measures: new TableBuffer(MEASURES_TABLE),
		milestones: new TableBuffer(MILESTONES_TABLE)
	};
}

interface Person {
	id: string;
	jc: JobcenterState;
	gender: string | null;
	/** Age in years at the first entry, and that entry's day. */
	age0: number;
	entry0: Day;
	/** Referral reasons of the first referral, kept for re-entries. */
	reasons: ReferralReason[];
}

const AGE_RANGES: Record<AgeGroup, [number, number]> = {
	u25: [18, 25],
	'25-34': [25, 35],
	'35-44': [35, 45],
	'45-54': [45, 55],
	'55+': [55, 65]
};

function ageGroupOf(age: number): AgeGroup {
	if (age < 25) return 'u25';
	if (age < 35) return '25-34';
	if (age < 45) return '35-44';
	if (age < 55) return '45-54';
	return '55+';
}

/** Weights of the score at entry (1–4) by profile. */
function employabilityWeights(profile: Profile | null): number[] {
	switch (profile) {
		case 'unterstuetzungsprofil':
			return [0.5, 0.35, 0.12, 0.03];
		case 'stabilisierungsprofil':
			return [0.32, 0.43, 0.2, 0.05];
		case 'entwicklungsprofil':
			return [0.15, 0.4, 0.33, 0.12];
		case null:
			return [0.3, 0.4, 0.22, 0.08];
		default:
			return [0.05, 0.3, 0.4, 0.25];
	}
}

/** Number of Handlungsbedarfe: at least three for almost everyone (seed 003). */
function needsCount(rng: Rng, profile: Profile | null): number {
	const base = rng.pick([1, 2, 3, 4, 5, 6, 7, 8], [0.01, 0.03, 0.25, 0.26, 0.2, 0.13, 0.08, 0.04]);
	return profile === 'unterstuetzungsprofil' && base < 8 && rng.chance(0.3) ? base + 1 : base;
}

/** Chance of coming back after an exit, by exit reason. */
const REENTRY: Record<ExitReason, number> = {
	arbeit_ausbildung: 0.05,
	ruecksteuerung_vermittlung: 0.07,
	ruecksteuerung: 0.12,
	reha: 0.15,
	erwerbsunfaehigkeit: 0.02,
	ende_leistungsbezug: 0.08,
	sonstiges: 0.1
};

const nullable = <T>(rng: Rng, missingShare: number, value: T): T | null => (rng.chance(missingShare) ? null : value);

export class CaseGenerator {
	private readonly world: World;
	private readonly rng: Rng;
	private readonly buffers: Buffers;
	private readonly stock: StockCounter;
	private readonly monthWeights: number[];
	private cases = 0;
	private persons = 0;

	constructor(world: World, rng: Rng, buffers: Buffers, stock: StockCounter) {
		this.world = world;
		this.rng = rng;
		this.buffers = buffers;
		this.stock = stock;
		const n = world.lastMonth - world.firstMonth + 1;
		// Slowly growing entries: programs expand over the four years.
		this.monthWeights = Array.from({ length: n }, (_, i) => 0.8 + (0.4 * i) / Math.max(1, n - 1));
	}

	get generated(): number {
		return this.cases;
	}

	private drawEntryDay(): Day {
		const m = this.world.firstMonth + this.rng.weightedIndex(this.monthWeights);
		const first = firstDayOfMonth(m);
		const last = Math.min(lastDayOfMonth(m), this.world.stichtag);
		const day = nextWorkday(this.rng.int(first, last));
		return day <= this.world.stichtag ? day : previousWorkday(day);
	}

	private drawProgram(jc: JobcenterState, entry: Day): ProgramState {
		const open = jc.programs.filter((p) => p.startDay <= entry);
		return open[this.rng.weightedIndex(open.map((p) => p.def.share))];
	}

	private newPerson(jc: JobcenterState, entry: Day, kind: ProgramKind): Person {
		const rng = this.rng;
		const group = AGE_GROUPS[rng.weightedIndex(KINDS[kind].ageGroup)];
		const [lo, hi] = AGE_RANGES[group];
		return {
			id: 'P' + String(++this.persons).padStart(this.world.caseIdWidth, '0'),
			jc,
			gender: nullable(rng, 0.003, rng.pick(['w', 'm', 'd'], [0.47, 0.525, 0.005])),
			age0: lo + rng.uniform() * (hi - lo),
			entry0: entry,
			reasons: drawReferralReasons(rng, kind)
		};
	}

	/** One person with one to three episodes (re-entries), as long as cases are still wanted. */
	person(): void {
		const jc = this.world.jobcenters[this.rng.weightedIndex(this.world.jobcenterWeights)];
		let entry = this.drawEntryDay();
		let program = this.drawProgram(jc, entry);
		const p = this.newPerson(jc, entry, program.def.kind);
		for (let episode = 1; ; episode++) {
			const ended = this.episode(p, program, entry);
			if (episode === 3 || this.cases >= this.world.options.cases) return;
			if (ended === null || !this.rng.chance(REENTRY[ended.reason])) return;
			entry = nextWorkday(ended.exit + 60 + Math.round(this.rng.exponential(240)));
			if (entry > this.world.stichtag) return;
			program = this.drawProgram(jc, entry);
		}
	}

	private episode(p: Person, program: ProgramState, entry: Day): { exit: Day; reason: ExitReason } | null {
		const rng = this.rng;
		const { stichtag } = this.world;
		const kind: ProgramKind = program.def.kind;
		const caseId = 'F' + String(++this.cases).padStart(this.world.caseIdWidth, '0');
		const unitIndex = rng.weightedIndex(p.jc.unitWeights);
		const pool = program.caseworkers[unitIndex];
		const ageGroup = ageGroupOf(p.age0 + (entry - p.entry0) / 365.25);
		const reasons = p.reasons;
		const profile = nullable(rng, 0.01, rng.pick(PROFILES, KINDS[kind].profile));
		const employabilityEntry = nullable(rng, 0.03, 1 + rng.weightedIndex(employabilityWeights(profile)));
		const participationEntry = rng.chance(KINDS[kind].participationRecorded)
			? clampScore((employabilityEntry ?? 2) + rng.pick([-1, 0, 1], [0.2, 0.55, 0.25]))
			: null;

		const reason = drawExitReason(rng, { kind, integration: p.jc.def.integration, reasons, ageGroup, profile, employability: employabilityEntry });
		const span = drawCareDays(rng, reason, kind);
		const plannedExit = previousWorkday(entry + span.days);
		const exited = plannedExit <= stichtag;
		const exit = exited ? plannedExit : null;
		const careEnd = exit ?? stichtag;
		// An extension beyond 24 months is decided (and recorded) near the limit.
		const extended = span.beyondLimit && careEnd - entry > 700;

		const upBoost = kind === 'rehapro' ? 1.3 : 1;
		const employabilityExit =
			exited && employabilityEntry !== null && !rng.chance(0.06) ? exitScore(rng, employabilityEntry, reason, upBoost) : null;
		const participationExit =
			exited && participationEntry !== null && !rng.chance(0.04) ? exitScore(rng, participationEntry, reason, upBoost * 1.2) : null;
		const months = (careEnd - entry) / DAYS_PER_MONTH;
		const contactRate = KINDS[kind].contactsPerMonth * Math.exp(0.35 * rng.normal());
		const referralGap = Math.min(120, Math.round(rng.exponential(28)));

		this.buffers.cases.append({
			case_id: caseId,
			person_id: p.id,
			jobcenter_id: p.jc.def.id,
			unit: nullable(rng, 0.005, p.jc.def.units[unitIndex].name),
			program: program.def.name,
			caseworker_id: nullable(rng, 0.01, pool[rng.int(0, pool.length - 1)]),
			referral_date: nullable(rng, 0.04, entry - referralGap),
			entry_date: entry,
			exit_date: exit,
			exit_reason: exited ? reason : null,
			referral_reasons: reasons.length > 0 && !rng.chance(0.01) ? reasons.join('|') : null,
			age_group: nullable(rng, 0.005, ageGroup),
			gender: p.gender,
			profile,
			needs_count: nullable(rng, 0.02, needsCount(rng, profile)),
			appointments: nullable(rng, 0.01, 1 + rng.poisson(months * contactRate)),
			employability_entry: employabilityEntry,
			employability_exit: employabilityExit,
			participation_entry: participationEntry,
			participation_exit: participationExit,
			extended
		});
		this.stock.add(p.jc.index, program.index, entry, exit);

		for (const row of drawMeasures(rng, {
			caseId, kind, reasons, entry, careEnd, exited,
			employabilityEntry, employabilityExit, exitReason: exited ? reason : null
		}))
			this.buffers.measures.append(row);
		for (const row of drawMilestones(rng, caseId, entry, careEnd, exited ? reason : null, kind)) this.buffers.milestones.append(row);

		return exit === null ? null : { exit, reason };
	}
}

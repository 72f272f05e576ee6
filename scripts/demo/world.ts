/**
 * The derived setup of one run: the entry window ending at the Stichtag, the jobcenters with
 * their programs' start days, and the caseworker pools per jobcenter, unit and program
 * (sized so that each caseworker carries roughly the program's planned caseload).
 */
import { JOBCENTERS, DEFAULT_CASES, ENTRY_WINDOW_MONTHS, type JobcenterDef, type ProgramDef } from './config';
import { firstDayOfMonth, monthOf, type Day, type MonthIndex } from './dates';

export interface GeneratorOptions {
	cases: number;
	seed: number;
	stichtag: Day;
}

export interface ProgramState {
	def: ProgramDef;
	index: number;
	startDay: Day;
	/** caseworkers[unitIndex] = ids of that unit's caseworkers in this program. */
	caseworkers: string[][];
}

export interface JobcenterState {
	def: JobcenterDef;
	index: number;
	programs: ProgramState[];
	unitWeights: number[];
}

export interface World {
	options: GeneratorOptions;
	firstMonth: MonthIndex;
	lastMonth: MonthIndex;
	windowStart: Day;
	stichtag: Day;
	jobcenters: JobcenterState[];
	jobcenterWeights: number[];
	/** Multiplies eLb so that FM stays a small share of eLb for large --cases. */
	elbScale: number;
	caseIdWidth: number;
}

/** Rough share of all cases that are in care at any month end (used to size pools). */
const STOCK_SHARE = 0.25;

function caseworkerPools(jc: JobcenterDef, program: ProgramDef, cases: number, next: () => string): string[][] {
	return jc.units.map((unit) => {
		const expectedStock = cases * STOCK_SHARE * jc.share * program.share * unit.share;
		const count = Math.max(1, Math.round((expectedStock / program.caseload) * 1.15));
		return Array.from({ length: count }, next);
	});
}

function jobcenterState(jc: JobcenterDef, index: number, cases: number, windowStart: MonthIndex): JobcenterState {
	let counter = 0;
	const next = () => `${jc.id}-FK${String(++counter).padStart(3, '0')}`;
	return {
		def: jc,
		index,
		unitWeights: jc.units.map((u) => u.share),
		programs: jc.programs.map((def, p) => ({
			def,
			index: p,
			startDay: firstDayOfMonth(windowStart + def.startOffset),
			caseworkers: caseworkerPools(jc, def, cases, next)
		}))
	};
}

export function buildWorld(options: GeneratorOptions): World {
	const lastMonth = monthOf(options.stichtag);
	const firstMonth = lastMonth - ENTRY_WINDOW_MONTHS + 1;
	return {
		options,
		firstMonth,
		lastMonth,
		windowStart: firstDayOfMonth(firstMonth),
		stichtag: options.stichtag,
		jobcenters: JOBCENTERS.map((jc, i) => jobcenterState(jc, i, options.cases, firstMonth)),
		jobcenterWeights: JOBCENTERS.map((jc) => jc.share),
		elbScale: Math.max(1, options.cases / DEFAULT_CASES),
		caseIdWidth: Math.max(7, String(options.cases).length)
	};
}

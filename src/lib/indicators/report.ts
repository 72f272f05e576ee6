/**
 * The report: every indicator for one period, filter set and k, as INDICATORS.md's JSON.
 * The dashboard renders exactly this object; the CLI prints it. One implementation.
 */
import type { Engine } from '../data/engine';
import type { Dataset } from '../data/loader';
import { defaultPeriod, previousPeriod, type Ctx, type Filters } from './context';
import { durationsReport, verweildauerReport } from './durations';
import { groupsReport, type GroupDimension } from './groups';
import { periodIndicators } from './period-indicators';
import { referralReasons } from './referrals';
import { monthlySeries } from './series';
import type { Cubes } from './cube';
import type { TallyName } from './tallies';
import type { Period, Report } from './types';

export const DEFAULT_K = 5;

/**
 * `period`: the period indicators (flow, outcomes, capability, care); `verweildauer`: the
 * time in care alone, where a view shows no other duration (contained in `durations`); the
 * others as named.
 */
export const REPORT_SECTIONS = ['period', 'durations', 'verweildauer', 'groups', 'series', 'referrals'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface ReportOptions {
	period?: Partial<Period> | null;
	k?: number;
	filters?: Filters;
	/** Regional comparison: one entry in `groups` per value of this dimension. */
	groupBy?: GroupDimension | null;
	/** Only the period indicators (flow, outcomes, capability, care): for the previous period. */
	core?: boolean;
	/**
	 * Also the previous period's core report (`previousPeriod`, same filters and k), computed
	 * in the same statements as this period's (see buildReports).
	 */
	previous?: boolean;
	/**
	 * Which further parts to compute (default: all, as the report command prints them). The
	 * dashboard asks only for what the visible view shows; a part left out is null.
	 */
	sections?: readonly ReportSection[];
	/** The monthly event tables and the case tallies exist (built by buildAggregates after loading). */
	aggregates?: boolean;
	/** The case tallies built so far (see tallies.ts). */
	tallies?: readonly TallyName[];
	/** The small pre-aggregated tables held in the page (see cube.ts; one per loaded dataset). */
	cubes?: Cubes;
	/** Exit reason → outcome group for the extended notion of success. */
	outcomeGrouping?: Record<string, string>;
}

export function resolvePeriod(stichtag: string | null, p?: Partial<Period> | null): Period {
	const base = defaultPeriod(stichtag ?? new Date().toISOString().slice(0, 10));
	return { from: p?.from || base.from, to: p?.to || base.to };
}

export interface Reports {
	report: Report;
	/** With `previous`: what buildReport gives for the previous period with `core: true`. */
	previous: Report | null;
}

export async function buildReport(engine: Engine, ds: Dataset, opts: ReportOptions = {}): Promise<Report> {
	return (await buildReports(engine, ds, { ...opts, previous: false })).report;
}

/** The report and, with `opts.previous`, the previous period's core report (the cockpit's comparison). */
export async function buildReports(engine: Engine, ds: Dataset, opts: ReportOptions = {}): Promise<Reports> {
	const k = Math.max(1, Math.floor(opts.k ?? DEFAULT_K));
	const period = resolvePeriod(ds.stichtag?.date ?? null, opts.period);
	const periods = opts.previous ? [period, previousPeriod(period)] : [period];
	const filters = opts.filters ?? {};
	const base: Report = {
		stichtag: ds.stichtag?.date ?? null,
		stichtag_source: ds.stichtag?.source ?? null,
		period,
		k,
		filters: filters as Record<string, string[]>,
		load: ds.load,
		flow: null,
		exit_reasons: null,
		integrationsquote: null,
		integration_share: null,
		ermoeglichungsquote: null,
		bf_erhoehung: null,
		teilhabe_erhoehung: null,
		kontaktdichte: null,
		betreuungsschluessel: null,
		verweildauer: null,
		cif: null,
		zusteuerungsdauer: null,
		cohorts: null,
		milestones: null,
		groups: null,
		series: null,
		referral_reasons: null,
		outcome_groups: null
	};
	const previous = (core: Partial<Report>) => (opts.previous ? { ...base, period: periods[1], ...core } : null);
	if (!ds.tables.cases || !ds.stichtag) return { report: base, previous: previous({}) };
	const ctx: Ctx = { period, k, filters, stichtag: ds.stichtag.date, tables: ds.tables, aggregates: !!opts.aggregates, tallies: opts.tallies, cubes: opts.cubes };
	const want = new Set<ReportSection>(opts.sections ?? REPORT_SECTIONS);
	// The sections are asked at once: the worker runs one statement at a time anyway, and
	// while it does, the page turns the last answer into indicators.
	const periodPart = opts.core || want.has('period') ? periodIndicators(engine, ctx, periods, opts.outcomeGrouping) : ([{}, {}] as const);
	if (opts.core) {
		const [current, before] = await periodPart;
		return { report: { ...base, ...current }, previous: previous(before) };
	}
	const [[current, before], durations, groups, series, referrals] = await Promise.all([
		periodPart,
		want.has('durations') ? durationsReport(engine, ctx) : want.has('verweildauer') ? verweildauerReport(engine, ctx) : {},
		opts.groupBy && want.has('groups') ? groupsReport(engine, ctx, opts.groupBy) : null,
		want.has('series') ? monthlySeries(engine, ctx) : null,
		want.has('referrals') ? referralReasons(engine, ctx) : null
	]);
	const report: Report = { ...base, ...current, ...durations, groups, series, referral_reasons: referrals };
	return { report, previous: previous(before) };
}

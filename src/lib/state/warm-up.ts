/**
 * Every view's questions asked once after the monthly tables and cubes are built, with
 * selections of their own, the answers thrown away. The browser compiles a loop well only
 * after it has run it; without this, each view's first few selections took about twice as
 * long as the later ones (Regionen at 1M: 169/133/99 ms, and 75/55/70 ms after four other
 * selections had run).
 *
 * The selections are chosen from the data (a gender, an age group with a jobcenter, last
 * year without filters), never the user's: nothing shown depends on them, and the results
 * the cubes remember for them are the same numbers any later question gets.
 */
import type { Engine } from '../data/engine';
import type { Dataset } from '../data/loader';
import type { Ctx, Filters, FilterName } from '../indicators/context';
import type { Cubes } from '../indicators/cube';
import { zusteuerungsdauerByJobcenter } from '../indicators/durations';
import { groupsReport } from '../indicators/groups';
import { regionalSeries } from '../indicators/regional-series';
import { buildReports, DEFAULT_K, REPORT_SECTIONS } from '../indicators/report';
import type { TallyName } from '../indicators/tallies';
import type { Period } from '../indicators/types';

/**
 * Below this many cases a cold selection is quick anyway (the demo's 12,000: a few ms), and
 * the warm-up would only keep DuckDB's worker busy for another second after the load.
 */
export const WARM_UP_FROM = 100_000;

export interface WarmUpInput {
	tallies: readonly TallyName[];
	cubes: Cubes;
	/** The filters' values as the filter panel offers them. */
	options: Partial<Record<FilterName, { value: string }[]>>;
	/** The dashboard's current period: the warm-up also asks for the year before it ends. */
	period: Period;
	/** False once a newer load began: the warm-up stops. */
	current: () => boolean;
}

export async function warmUp(engine: Engine, ds: Dataset, input: WarmUpInput): Promise<void> {
	if (!ds.stichtag || !ds.tables.cases) return;
	const first = (f: FilterName) => input.options[f]?.[0]?.value;
	const last = (f: FilterName) => input.options[f]?.at(-1)?.value;
	const only = (entries: [FilterName, string | undefined][]): Filters =>
		Object.fromEntries(entries.filter(([, v]) => v !== undefined).map(([f, v]) => [f, [v!]]));
	const year = Number(input.period.to.slice(0, 4)) - 1;
	const selections: { filters: Filters; period: Period }[] = [
		{ filters: only([['gender', first('gender')]]), period: input.period },
		{ filters: only([['age_group', last('age_group')], ['jobcenter_id', first('jobcenter_id')]]), period: input.period },
		{ filters: {}, period: { from: `${year}-01-01`, to: `${year}-12-31` } }
	];
	for (const { filters, period } of selections) {
		if (!input.current()) return;
		const base = { aggregates: true, tallies: input.tallies, cubes: input.cubes, k: DEFAULT_K, filters };
		const { report } = await buildReports(engine, ds, { ...base, period, groupBy: 'jobcenter_id', sections: REPORT_SECTIONS, previous: true });
		const ctx: Ctx = { ...base, period: report.period, stichtag: ds.stichtag.date, tables: ds.tables };
		// What the views ask beyond the report: the Länder and monthly panels, the referral times.
		await groupsReport(engine, ctx, 'state');
		const keys = (report.groups ?? []).filter((g) => !g.suppressed).map((g) => g.key);
		await regionalSeries(engine, ctx, 'jobcenter_id', keys, 'integration_share');
		await zusteuerungsdauerByJobcenter(engine, ctx);
	}
}

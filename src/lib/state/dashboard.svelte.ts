/**
 * The dashboard's one coordinator: it owns the engine, the loaded dataset and the shared
 * view state (period, filters, k, language), and produces the report every view renders.
 * Views never query the database themselves; they read `dashboard.report`.
 */
import type { Engine } from '../data/engine';
import { loadDataset, type Dataset, type SourceFile } from '../data/loader';
import { openRemote, type RemotePart } from '../data/remote';
import { compressTables } from '../data/schema';
import type { SavedMapping } from '../data/mapping';
import type { TableName } from '../data/contract';
import { REPORT_SECTIONS, buildReports, resolvePeriod, type ReportSection } from '../indicators/report';
import { buildAggregates } from '../indicators/aggregates';
import { Cubes } from '../indicators/cube';
import type { TallyName } from '../indicators/tallies';
import { VIEW_SECTIONS } from './view-sections';
import { QueryCache } from './query-cache';
import type { Ctx, Filters, FilterName } from '../indicators/context';
import { footnote, subtitle, type ChartContextInput } from './chart-context';
import { DEFAULT_OUTCOME_GROUPS } from '../indicators/outcome-groups';
import { GROUP_DIMENSIONS, type GroupDimension } from '../indicators/groups';
import type { Report } from '../indicators/types';
import { translate, type Lang, type MessageKey } from '../i18n';
import { collator } from '../i18n/format';
import { loadSavedMappings, saveMapping } from './mappings';
import { DEFAULT_VIEW, fromQuery, toQuery, type ViewState } from './url';
import { WARM_UP_FROM, warmUp } from './warm-up';

export type Status = 'starting' | 'loading' | 'computing' | 'ready' | 'error';

export interface FilterOption {
	value: string;
	label: string;
}

const demoUrls = import.meta.glob('/data/demo/*.{parquet,csv}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

const GROUPING_KEY = 'teilhabe-monitor.outcome-grouping';

/** What each view shows beyond the period indicators (unknown routes get everything). */
const MINE_KEY = 'teilhabe-monitor.mine';

function readStored(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null; // storage blocked: the URL alone carries the choice
	}
}

class Dashboard {
	lang = $state<Lang>(DEFAULT_VIEW.lang);
	k = $state(DEFAULT_VIEW.k);
	from = $state<string | null>(null);
	to = $state<string | null>(null);
	filters = $state<Filters>({});
	/** Grouping dimension of the regional comparison (null: no `groups` in the report). */
	groupBy = $state<GroupDimension | null>(null);
	/** "Mein Jobcenter" (a group key), highlighted in every regional chart; URL and localStorage. */
	mine = $state<string | null>(null);

	status = $state<Status>('starting');
	error = $state<string | null>(null);
	isDemo = $state(false);
	dataset = $state.raw<Dataset | null>(null);
	report = $state.raw<Report | null>(null);
	/** The parts of the report the visible view shows (set by the layout from the route). */
	sections = $state<readonly ReportSection[]>(REPORT_SECTIONS);
	/** Whether the visible view compares with the previous period (the cockpit's tiles). */
	comparePrevious = $state(true);
	/** Exit reason → outcome group (extended notion of success), kept in the browser. */
	outcomeGrouping = $state<Record<string, string>>({ ...DEFAULT_OUTCOME_GROUPS });
	/** The same indicators for the previous period of equal length (cockpit comparisons). */
	previous = $state.raw<Report | null>(null);
	options = $state.raw<Partial<Record<FilterName, FilterOption[]>>>({});
	/** The file whose columns the mapping dialog asks about, if any. */
	mappingFor = $state<string | null>(null);

	private engine: Promise<Engine> | null = null;
	private sources: SourceFile[] = [];
	private overrides: Record<string, { table: TableName; mapping: Record<string, string> }> = {};
	private generation = 0;
	private cache = new QueryCache();
	private loads = 0;
	/** The monthly event tables of the loaded dataset exist (built after the first chart). */
	aggregates = $state(false);
	/** The case tallies built so far (after the monthly tables). */
	tallies = $state.raw<TallyName[]>([]);
	/** Their small tables held in the page (see indicators/cube.ts); one per load. */
	private cubes = new Cubes();
	/** Everything built after loading is ready, or was given up (then the cases answer). */
	aggregatesDone = $state(false);
	/** The visible view's further questions (compute) not answered yet; the benchmark waits for 0. */
	pending = $state(0);

	t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(this.lang, key, params);

	get view(): ViewState {
		return { lang: this.lang, k: this.k, from: this.from, to: this.to, filters: this.filters, group: this.groupBy, mine: this.mine };
	}

	applyQuery(query: string): void {
		const v = fromQuery(query);
		this.lang = v.lang;
		this.k = v.k;
		this.from = v.from;
		this.to = v.to;
		this.filters = v.filters;
		this.groupBy = (GROUP_DIMENSIONS as readonly string[]).includes(v.group ?? '') ? (v.group as GroupDimension) : null;
		this.mine = v.mine ?? readStored(MINE_KEY);
	}

	/** Everything the report depends on; the language and "mein Jobcenter" are not. */
	reportKey(): string {
		return toQuery({ ...this.view, lang: 'de', mine: null }) + JSON.stringify(this.outcomeGrouping) + this.sections.join() + this.comparePrevious;
	}

	/** Only the visible view's parts are computed; every part is the same code the report command runs. */
	setRoute(route: string): void {
		const first = route.split('/')[0];
		const needs = VIEW_SECTIONS[first] ?? REPORT_SECTIONS;
		const compare = first === '';
		if (needs.join() === this.sections.join() && compare === this.comparePrevious) return;
		this.sections = needs;
		this.comparePrevious = compare;
		// Asked for directly: a write made while effects run does not reliably re-run the
		// layout's report effect in the same flush (see routes/regionen).
		this.refresh();
	}

	query(): string {
		return toQuery(this.view);
	}

	private getEngine(): Promise<Engine> {
		this.engine ??= import('../data/engine-browser').then((m) => m.createBrowserEngine());
		return this.engine;
	}

	async loadDemo(): Promise<void> {
		const files = await Promise.all(
			Object.entries(demoUrls).map(async ([path, url]) => ({
				name: path.split('/').pop()!,
				bytes: new Uint8Array(await (await fetch(url)).arrayBuffer())
			}))
		);
		this.overrides = {};
		await this.load(files, true);
	}

	async loadFiles(list: FileList | File[]): Promise<void> {
		// Kept as the browser's Blobs (on disk): re-applying a mapping reads them again.
		const files: SourceFile[] = Array.from(list).map((f) => ({ name: f.name, blob: f }));
		// The user's own data replaces the demo; further drops add to the user's files.
		const keep = this.isDemo ? [] : this.sources.filter((s) => !files.some((f) => f.name === s.name));
		this.overrides = this.isDemo ? {} : this.overrides;
		await this.load([...keep, ...files], false);
		this.mappingFor = this.dataset?.files.find((f) => !f.report.error && f.proposal && !f.proposal.complete)?.report.file ?? null;
	}

	/** Files on a data server (docs/REMOTE.md) replace what was loaded; only their footers travel now. */
	async loadRemote(parts: RemotePart[]): Promise<void> {
		const files = await openRemote(parts);
		this.overrides = {};
		await this.load(files, false);
		this.mappingFor = this.dataset?.files.find((f) => !f.report.error && f.proposal && !f.proposal.complete)?.report.file ?? null;
	}

	/** After mappings were restored (saved analysis): load the user's files again with them. */
	async reapplyMappings(): Promise<void> {
		if (!this.isDemo && this.sources.length) await this.load(this.sources, false);
	}

	async applyMapping(file: string, m: SavedMapping): Promise<void> {
		saveMapping(m);
		this.overrides[file] = { table: m.table, mapping: m.mapping };
		this.mappingFor = null;
		await this.load(this.sources, this.isDemo);
	}

	private async load(files: SourceFile[], demo: boolean): Promise<void> {
		try {
			this.status = this.engine ? 'loading' : 'starting';
			const engine = await this.getEngine();
			this.status = 'loading';
			this.sources = files;
			const loadGen = ++this.loads;
			this.aggregates = false;
			this.tallies = [];
			this.cubes = new Cubes();
			this.aggregatesDone = false;
			this.cache.clear();
			const ds = await loadDataset(engine, files, { saved: loadSavedMappings(), overrides: this.overrides });
			this.cache.clear();
			this.dataset = ds;
			this.isDemo = demo;
			this.options = await this.loadOptions(engine);
			this.error = null;
			await this.refresh();
			// A newer load may begin meanwhile: its tables are not these.
			const current = () => loadGen === this.loads;
			// Filled uncompressed for a quicker first chart: compressed now (engine.ts). Should
			// that fail, the tables stay as they are, with the same rows.
			if (ds.compressLater) await compressTables(engine, current).catch(() => undefined);
			// Built while the user looks at the first charts; from then on the indicators
			// read them wherever they give the same numbers (see indicators/events.ts).
			if (ds.tables.cases && ds.stichtag) {
				const cubes = this.cubes;
				try {
					await buildAggregates(engine, ds.stichtag.date, {
						current,
						events: () => {
							if (current()) this.aggregates = true;
						},
						tally: (name) => {
							if (current()) this.tallies = [...this.tallies, name];
						}
					}, undefined, cubes);
					// Each view's first selections then run compiled code (see warm-up.ts).
					if (current() && this.aggregates && ds.tables.cases >= WARM_UP_FROM)
						await warmUp(engine, ds, { tallies: this.tallies, cubes, options: this.options, period: this.period, current });
				} catch {
					// Out of memory, most likely: the indicators keep reading the cases.
				}
				if (current()) {
					// The answers so far came from the case rows by statements no state asks
					// again now that the tables exist; kept, they were a large part of what the
					// garbage collector marks at each step (at 1M some 85k rows as objects).
					this.cache.clear();
					this.aggregatesDone = true;
				}
			}
		} catch (e) {
			this.status = 'error';
			this.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
		}
	}

	private async loadOptions(engine: Engine): Promise<Partial<Record<FilterName, FilterOption[]>>> {
		const coll = collator(this.lang);
		const distinct = async (sql: string) =>
			(await engine.query<FilterOption>(sql)).sort((a, b) => coll.compare(a.label, b.label));
		return {
			jobcenter_id: await distinct(
				`SELECT DISTINCT c.jobcenter_id AS value, coalesce(j.name, c.jobcenter_id) AS label FROM cases c LEFT JOIN jobcenters j USING (jobcenter_id)`
			),
			unit: await distinct(`SELECT DISTINCT unit AS value, unit AS label FROM cases WHERE unit IS NOT NULL`),
			program: await distinct(`SELECT DISTINCT program AS value, program AS label FROM cases WHERE program IS NOT NULL`),
			// The codes are the Profillagen's names in lower case (DATA.md): shown as the term is written.
			profile: await distinct(`SELECT DISTINCT profile AS value, upper(profile[1]) || profile[2:] AS label FROM cases WHERE profile IS NOT NULL`),
			age_group: await distinct(`SELECT DISTINCT age_group AS value, age_group AS label FROM cases WHERE age_group IS NOT NULL`),
			gender: await distinct(`SELECT DISTINCT gender AS value, gender AS label FROM cases WHERE gender IS NOT NULL`),
			referral_reason: await distinct(`SELECT DISTINCT reason AS value, reason AS label FROM case_referrals`)
		};
	}

	/** Recomputes the report for the current state; a newer call makes older results stale. */
	async refresh(): Promise<void> {
		const ds = this.dataset;
		if (!ds) return;
		const gen = ++this.generation;
		this.status = 'computing';
		try {
			const engine = this.cache.wrap(await this.getEngine());
			// The previous period (cockpit tiles) comes from the same statements as the current one.
			const { report, previous } = await buildReports(engine, ds, {
				aggregates: this.aggregates,
				tallies: this.tallies,
				cubes: this.cubes,
				period: { from: this.from ?? undefined, to: this.to ?? undefined },
				k: this.k,
				filters: $state.snapshot(this.filters) as Filters,
				groupBy: this.groupBy,
				outcomeGrouping: $state.snapshot(this.outcomeGrouping),
				sections: this.sections,
				previous: this.comparePrevious
			});
			if (gen !== this.generation) return;
			this.report = report;
			this.previous = previous;
			this.status = 'ready';
		} catch (e) {
			if (gen !== this.generation) return;
			this.status = 'error';
			this.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
		}
	}

	/**
	 * For view-specific questions beyond the report (strata, A/B cohorts, small multiples):
	 * runs an indicator function from src/lib/indicators with the engine and the current
	 * context, so views still never write SQL themselves. Null until data is loaded.
	 */
	async compute<T>(fn: (engine: Engine, ctx: Ctx) => Promise<T>, overrides: Partial<Ctx> = {}): Promise<T | null> {
		const ds = this.dataset;
		if (!ds?.stichtag || !ds.tables.cases) return null;
		const engine = this.cache.wrap(await this.getEngine());
		const ctx: Ctx = {
			aggregates: this.aggregates,
			tallies: this.tallies,
			cubes: this.cubes,
			period: this.period,
			k: this.k,
			filters: $state.snapshot(this.filters) as Filters,
			stichtag: ds.stichtag.date,
			tables: ds.tables,
			...overrides
		};
		this.pending++;
		try {
			return await fn(engine, ctx);
		} finally {
			this.pending--;
		}
	}

	private chartInput(): ChartContextInput {
		return {
			t: this.t,
			lang: this.lang,
			period: this.period,
			filters: this.filters,
			k: this.k,
			isDemo: this.isDemo,
			dataset: this.dataset,
			filterLabel: (name, value) => this.options[name as FilterName]?.find((o) => o.value === value)?.label ?? value
		};
	}

	/** Period and filters in one line, for chart subtitles and slide footers. */
	get subtitle(): string {
		return subtitle(this.chartInput());
	}

	/** Source, Stichtag, confidentiality rule and (optionally) the definition. */
	footnote(definition?: string): string[] {
		return footnote(this.chartInput(), definition);
	}

	get period() {
		return resolvePeriod(this.dataset?.stichtag?.date ?? null, { from: this.from ?? undefined, to: this.to ?? undefined });
	}

	setMine(key: string | null): void {
		this.mine = key;
		if (key === null) localStorage.removeItem(MINE_KEY);
		else localStorage.setItem(MINE_KEY, key);
	}

	setOutcomeGroup(code: string, group: string): void {
		this.outcomeGrouping = { ...this.outcomeGrouping, [code]: group };
		localStorage.setItem(GROUPING_KEY, JSON.stringify(this.outcomeGrouping));
	}

	loadOutcomeGrouping(): void {
		try {
			const v = JSON.parse(localStorage.getItem(GROUPING_KEY) ?? 'null');
			if (v && typeof v === 'object') this.outcomeGrouping = { ...DEFAULT_OUTCOME_GROUPS, ...v };
		} catch {
			/* keep the default grouping */
		}
	}

	setFilter(name: FilterName, values: string[]): void {
		const next = { ...this.filters };
		if (values.length) next[name] = values;
		else delete next[name];
		this.filters = next;
	}

	async rejectedRowsCsv(): Promise<{ header: string[]; rows: (string | number | null)[][] }> {
		const engine = await this.getEngine();
		const rows = await engine.query<{ file: number; rec: number | null; line: number | null; reason: string; raw: string | null }>(
			'SELECT file, rec, line, reason, raw FROM rejected_rows ORDER BY file, coalesce(rec, line)'
		);
		const names = this.dataset?.load.files.map((f) => f.file) ?? [];
		return {
			header: ['Datei', 'Datensatz', 'Zeile', 'Grund', 'Code', 'Werte'],
			rows: rows.map((r) => [names[r.file] ?? '', r.rec, r.line, describeReason(this.lang, r.reason), r.reason, r.raw])
		};
	}
}

import { describeCode } from '../i18n';
function describeReason(lang: Lang, code: string): string {
	return describeCode(lang, 'reason', code);
}

export const dashboard = new Dashboard();

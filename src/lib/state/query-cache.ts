/**
 * Remembers query results for the loaded dataset, so a state the dashboard has shown before
 * (going back to a filter, changing k, which only changes suppression) costs no query. The
 * tables only change when files are loaded, and then the cache is emptied.
 */
import type { Engine } from '../data/engine';

const MAX_ENTRIES = 400;

/**
 * The benchmark times every query of a refresh against native DuckDB, so its page can switch
 * the caches off (`globalThis.__tmQueryCache = false`); the app itself never does.
 */
export function cachesOff(): boolean {
	return (globalThis as { __tmQueryCache?: boolean }).__tmQueryCache === false;
}

export class QueryCache {
	private results = new Map<string, Promise<unknown[]>>();

	clear(): void {
		this.results.clear();
	}

	/** An engine whose `query` answers from the cache; everything else goes to `engine`. */
	wrap(engine: Engine): Engine {
		return {
			query: <T>(sql: string, params: readonly unknown[] = []) => this.query<T>(engine, sql, params),
			queryColumns: (sql, params) => engine.queryColumns(sql, params),
			exec: (sql) => engine.exec(sql),
			registerFile: (name, bytes) => engine.registerFile(name, bytes),
			dropFile: (name) => engine.dropFile(name),
			insertArrow: (table, data, create) => engine.insertArrow(table, data, create)
		};
	}

	private async query<T>(engine: Engine, sql: string, params: readonly unknown[]): Promise<T[]> {
		if (cachesOff()) return engine.query<T>(sql, params);
		const key = JSON.stringify([sql, params]);
		let hit = this.results.get(key);
		if (hit) {
			// Most recently used last, so the oldest entry is the first to go.
			this.results.delete(key);
		} else {
			hit = engine.query<unknown>(sql, params);
			// A failed query is not remembered.
			hit.catch(() => this.results.delete(key));
		}
		this.results.set(key, hit);
		if (this.results.size > MAX_ENTRIES) this.results.delete(this.results.keys().next().value!);
		// Callers may sort or extend the list they get; the cached one stays as it was.
		return ((await hit) as T[]).slice();
	}
}

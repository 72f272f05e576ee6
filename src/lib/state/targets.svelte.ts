/**
 * Targets a manager sets per indicator (e.g. integration share 15 %). Kept in the browser;
 * rates are stored as fractions like the report, counts as counts.
 */
const KEY = 'teilhabe-monitor.targets';

class Targets {
	values = $state<Record<string, number>>({});

	load(): void {
		try {
			const v = JSON.parse(localStorage.getItem(KEY) ?? '{}');
			this.values = v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'number' && Number.isFinite(x))) as Record<string, number> : {};
		} catch {
			this.values = {};
		}
	}

	set(key: string, value: number | null): void {
		const next = { ...this.values };
		if (value === null || !Number.isFinite(value)) delete next[key];
		else next[key] = value;
		this.values = next;
		localStorage.setItem(KEY, JSON.stringify(next));
	}
}

export const targets = new Targets();

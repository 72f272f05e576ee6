/** The slide list of the presentation mode: chart ids, kept in the browser and in saved analyses. */
const KEY = 'teilhabe-monitor.slides';

/** The cockpit's charts in the order of a typical talk. */
export const OVERVIEW_PRESET = ['exit_reasons', 'outcome_groups', 'bf_change', 'series', 'referral'];

class Slides {
	ids = $state<string[]>([]);

	load(): void {
		try {
			const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
			this.ids = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
		} catch {
			this.ids = [];
		}
	}

	set(ids: string[]): void {
		this.ids = [...new Set(ids)];
		localStorage.setItem(KEY, JSON.stringify(this.ids));
	}

	add(id: string): void {
		if (!this.ids.includes(id)) this.set([...this.ids, id]);
	}

	remove(id: string): void {
		this.set(this.ids.filter((x) => x !== id));
	}

	moveUp(id: string): void {
		const i = this.ids.indexOf(id);
		if (i <= 0) return;
		const next = [...this.ids];
		[next[i - 1], next[i]] = [next[i], next[i - 1]];
		this.set(next);
	}
}

export const slides = new Slides();

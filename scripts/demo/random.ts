/**
 * A small seeded pseudo-random number generator (sfc32, seeded through splitmix32) and the
 * few distributions the demo generator needs. Never Math.random: the same seed gives the
 * same data on every machine.
 */

function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		const next = splitmix32(seed);
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
		for (let i = 0; i < 12; i++) this.nextUint32();
	}

	/** sfc32: 128-bit state, period far beyond what 10 M cases draw. */
	nextUint32(): number {
		const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
		this.d = (this.d + 1) >>> 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) >>> 0;
		this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
		this.c = (this.c + t) >>> 0;
		return t;
	}

	/** Uniform in [0, 1). */
	uniform(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Uniform integer in [lo, hi], both inclusive. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.uniform() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.uniform() < p;
	}

	/** Index drawn with probability proportional to `weights[i]`. */
	weightedIndex(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let u = this.uniform() * total;
		for (let i = 0; i < weights.length; i++) {
			u -= weights[i];
			if (u < 0) return i;
		}
		return weights.length - 1;
	}

	pick<T>(items: readonly T[], weights: readonly number[]): T {
		return items[this.weightedIndex(weights)];
	}

	/** Standard normal (Box–Muller, one value per call). */
	normal(): number {
		const u = 1 - this.uniform();
		const v = this.uniform();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Weibull with the given shape and scale (inverse CDF). */
	weibull(shape: number, scale: number): number {
		return scale * Math.pow(-Math.log(1 - this.uniform()), 1 / shape);
	}

	exponential(mean: number): number {
		return -mean * Math.log(1 - this.uniform());
	}

	/** Poisson count; Knuth for small means, a rounded normal approximation above 30. */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.uniform();
		while (p > limit) {
			k++;
			p *= this.uniform();
		}
		return k;
	}
}

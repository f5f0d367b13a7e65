/** Deterministic PRNG for the demo generator (mulberry32); no Math.random anywhere. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  /** uniform in [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** uniform in [a, b) */
  range(a: number, b: number): number { return a + (b - a) * this.next(); }
  /** integer in [a, b] */
  int(a: number, b: number): number { return a + Math.floor(this.next() * (b - a + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** a child generator, so adding draws in one module does not shift another's */
  fork(salt: number): Rng { return new Rng((this.s ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0); }
}

/** Round to a fixed number of decimals (half away from zero, stable for JSON output). */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(x) * f) / f;
  return x < 0 ? -r : r;
}

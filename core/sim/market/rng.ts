import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A seeded source of the draws the model needs; one instance per independent stream. */
export class Rng {
  private readonly gen: RandomGenerator;
  private spareNormal = NaN;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** Uniform in [0, 1). Two 32-bit draws give 53 bits, like Math.random. */
  uniform(): number {
    const hi = (this.gen.next() >>> 5) * 67108864;
    const lo = this.gen.next() >>> 6;
    return (hi + lo) / 9007199254740992;
  }

  /** Integer uniform in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    let u = this.uniform();
    while (u <= 1e-300) u = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.uniform()) * mean;
  }

  /** Poisson count; inversion is fine for the small means a simulation step has. */
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

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)] as T;
  }
}

/** Derives an independent seed from a base seed and a label (FNV-1a), so side streams never disturb the main one. */
export function deriveSeed(seed: number, label: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h | 0;
}

import type { Rng } from './rng';

export type RegimeName = 'calm' | 'normal' | 'stressed';

interface RegimeParams {
  /** Volatility relative to the symbol's normal vol. */
  vol: number;
  /** Trade arrival relative to normal. */
  activity: number;
  meanMinutes: number;
  /** Where it goes next: [calm, normal, stressed] weights. */
  next: [number, number, number];
}

const REGIMES: Record<RegimeName, RegimeParams> = {
  calm: { vol: 0.65, activity: 0.7, meanMinutes: 45, next: [0, 0.85, 0.15] },
  normal: { vol: 1, activity: 1, meanMinutes: 60, next: [0.55, 0, 0.45] },
  stressed: { vol: 2, activity: 1.8, meanMinutes: 15, next: [0.25, 0.75, 0] },
};
const NAMES: RegimeName[] = ['calm', 'normal', 'stressed'];

/** A Markov chain over calm / normal / stressed, checked once per diffusion step. */
export class VolatilityRegime {
  name: RegimeName = 'normal';

  get vol(): number {
    return REGIMES[this.name].vol;
  }

  get activity(): number {
    return REGIMES[this.name].activity;
  }

  /** Returns the previous regime when it switched during this step of `dtMs`, else undefined. */
  step(dtMs: number, rng: Rng): RegimeName | undefined {
    const p = REGIMES[this.name];
    if (!rng.chance(dtMs / (p.meanMinutes * 60_000))) return undefined;
    const u = rng.uniform();
    let acc = 0;
    for (let i = 0; i < NAMES.length; i++) {
      acc += p.next[i] as number;
      if (u < acc) {
        const previous = this.name;
        this.name = NAMES[i] as RegimeName;
        return previous;
      }
    }
    return undefined;
  }
}

import type { Rng } from './rng';

/** A participant quoting on one exchange, with its own habits: how big, how round and how deep it quotes. */
export interface Participant {
  exchange: string;
  marketMaker: string;
  /** Stable tie order at one price (TWS keeps rows of equal price in a fixed order). */
  rank: number;
  /** Sizes are lot × uniform(minLots, maxLots). */
  lot: number;
  minLots: number;
  maxLots: number;
  /** Chance to have a quote at level k is presence × decay^k. */
  presence: number;
  decay: number;
  /** presence × decay^k, precomputed per level (the book asks for it on every re-quote). */
  levelChance: number[];
}

type Habit = [exchange: string, marketMaker: string, lot: number, minLots: number, maxLots: number, presence: number, decay: number];

// Anonymous exchange rows quote odd sizes; wholesalers quote round hundreds, some big and deep.
const LEVEL2_HABITS: Habit[] = [
  ['NSDQ', 'NSDQ', 1, 50, 900, 0.95, 0.97],
  ['NSDQ', 'GSCO', 100, 5, 20, 0.6, 0.9],
  ['NSDQ', 'MSCO', 100, 1, 8, 0.55, 0.85],
  ['NSDQ', 'NITE', 100, 2, 4, 0.7, 0.8],
  ['NSDQ', 'CDRG', 500, 2, 10, 0.35, 0.95],
  ['ARCA', 'ARCA', 1, 100, 1500, 0.9, 0.95],
  ['ARCA', 'JPMS', 100, 10, 30, 0.4, 0.95],
  ['ARCA', 'UBSS', 100, 1, 5, 0.5, 0.8],
  ['BATS', 'BATS', 1, 20, 600, 0.85, 0.95],
  ['BATS', 'VIRT', 100, 3, 6, 0.6, 0.85],
  ['BATS', 'SUSQ', 200, 1, 5, 0.45, 0.9],
  ['IEX', 'IEX', 1, 1, 300, 0.6, 0.9],
  ['IEX', 'JANE', 100, 1, 3, 0.4, 0.85],
  ['EDGX', 'EDGX', 1, 10, 400, 0.75, 0.93],
  ['EDGX', 'HRTF', 100, 2, 12, 0.5, 0.9],
  ['EDGX', 'TWOS', 100, 1, 10, 0.45, 0.88],
];

// Single names without level 2: one anonymous book per exchange, used for fills and the touch.
const TOP_HABITS: Habit[] = [
  ['NSDQ', 'NSDQ', 1, 50, 600, 0.95, 0.95],
  ['ARCA', 'ARCA', 1, 50, 500, 0.8, 0.95],
  ['BATS', 'BATS', 1, 20, 400, 0.75, 0.95],
  ['IEX', 'IEX', 1, 1, 200, 0.5, 0.9],
  ['EDGX', 'EDGX', 1, 10, 300, 0.7, 0.93],
];

export const EXCHANGES = ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX'] as const;

function toParticipants(habits: Habit[]): Participant[] {
  return habits.map(([exchange, marketMaker, lot, minLots, maxLots, presence, decay], rank) => ({
    exchange, marketMaker, rank, lot, minLots, maxLots, presence, decay,
    levelChance: Array.from({ length: 64 }, (_, k) => presence * Math.pow(decay, k)),
  }));
}

export const LEVEL2_PARTICIPANTS: readonly Participant[] = toParticipants(LEVEL2_HABITS);
export const TOP_PARTICIPANTS: readonly Participant[] = toParticipants(TOP_HABITS);

export function quoteSize(p: Participant, rng: Rng): number {
  return p.lot * rng.int(p.minLots, p.maxLots);
}

export function quotesAtLevel(p: Participant, level: number, rng: Rng): boolean {
  return rng.uniform() < (p.levelChance[level] ?? 0);
}

import type { Rng } from './rng';

/** Smallest block print; blocks print off-exchange at the mid. */
export const BLOCK_MIN = 10_000;

const ROUND_LOT_MULTIPLES = [1, 1, 1, 1, 2, 2, 3, 5, 10] as const;

/**
 * Retail and algo flow size habits: odd lots (1–99, mostly small), round lots (multiples of 100, mostly one),
 * a few mixed lots, and rare blocks of 10,000+ shares. Returns 0 for "this print is a block", so the caller
 * can route it differently.
 */
export function noiseTradeSize(rng: Rng, blockChance: number): number {
  const u = rng.uniform();
  if (u < blockChance) return 0;
  if (u < 0.42) return 1 + Math.floor(98 * Math.pow(rng.uniform(), 2));
  if (u < 0.94) return 100 * rng.pick(ROUND_LOT_MULTIPLES);
  return rng.int(101, 999);
}

export function blockSize(rng: Rng): number {
  return 100 * rng.int(BLOCK_MIN / 100, 500);
}

/** Informed traders split their order into round lots. */
export function informedTradeSize(rng: Rng): number {
  return 100 * rng.int(1, 5);
}

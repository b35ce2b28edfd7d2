/**
 * Sweep detection: an aggressive order that clears several price levels across several exchanges within a short
 * window. The caller groups consecutive same-direction prints into a burst and hands over the book side the
 * burst took liquidity from, as it stood before the burst.
 */

import type { Sweep, SweepDirection } from '../market/sweep';

export type { Sweep, SweepDirection };

export interface SweepPrint {
  price: number;
  size: number;
  ts: number;
}

export interface SweepBookRow {
  price: number;
  size: number;
  exchange: string;
}

export interface SweepOptions {
  /** Prints further apart than this (exchange time) belong to different bursts. */
  windowMs: number;
  /** Distinct price levels the burst must print at. */
  minLevels: number;
  /** Distinct exchanges whose quotes the burst must have cleared. */
  minExchanges: number;
  /**
   * Shares printed over the displayed size it went through: a sweep takes what is shown; ordinary flow that
   * drifts across levels while the book re-quotes takes a small part of it.
   */
  minClearedShare: number;
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = { windowMs: 50, minLevels: 3, minExchanges: 2, minClearedShare: 0.5 };

/** Whether a print belongs to the burst that started at burstStartTs (same direction, within the window). */
export function continuesBurst(burstStartTs: number, printTs: number, options: SweepOptions = DEFAULT_SWEEP_OPTIONS): boolean {
  return printTs >= burstStartTs && printTs - burstStartTs <= options.windowMs;
}

function distinctPrices(prints: readonly SweepPrint[]): number {
  const seen = new Set<number>();
  for (const p of prints) seen.add(p.price);
  return seen.size;
}

/** The exchanges quoting between the touch and the burst's furthest price, and their displayed size. */
function clearedLiquidity(direction: SweepDirection, side: readonly SweepBookRow[], toPrice: number) {
  const exchanges = new Set<string>();
  let size = 0;
  for (const row of side) {
    const reached = direction === 'buy' ? row.price <= toPrice : row.price >= toPrice;
    if (!reached) break;
    exchanges.add(row.exchange);
    size += row.size;
  }
  return { exchanges: [...exchanges].sort(), size };
}

/**
 * Returns the sweep a burst of same-direction prints amounts to, or null when it is ordinary flow. The longest
 * qualifying run of prints from the start of the burst counts: a print that jumps far past the cleared levels
 * (the book re-priced right after the sweep) is not part of it.
 */
export function detectSweep(
  direction: SweepDirection,
  prints: readonly SweepPrint[],
  bookSideBefore: readonly SweepBookRow[],
  options: SweepOptions = DEFAULT_SWEEP_OPTIONS,
): Sweep | null {
  if (prints.length < options.minLevels) return null;
  for (let end = prints.length; end >= options.minLevels; end--) {
    const lastOfLevel = end === prints.length || prints[end]!.price !== prints[end - 1]!.price;
    if (!lastOfLevel) continue;
    const sweep = sweepOf(direction, prints.slice(0, end), bookSideBefore, options);
    if (sweep) return sweep;
  }
  return null;
}

function sweepOf(direction: SweepDirection, prints: readonly SweepPrint[], bookSideBefore: readonly SweepBookRow[], options: SweepOptions): Sweep | null {
  const levels = distinctPrices(prints);
  if (levels < options.minLevels) return null;
  const prices = prints.map((p) => p.price);
  const fromPrice = direction === 'buy' ? Math.min(...prices) : Math.max(...prices);
  const toPrice = direction === 'buy' ? Math.max(...prices) : Math.min(...prices);
  const cleared = clearedLiquidity(direction, bookSideBefore, toPrice);
  if (cleared.exchanges.length < options.minExchanges || cleared.size <= 0) return null;
  const shares = prints.reduce((sum, p) => sum + p.size, 0);
  const clearedShare = shares / cleared.size;
  if (clearedShare < options.minClearedShare) return null;
  return {
    direction,
    startTs: prints[0]!.ts,
    endTs: prints[prints.length - 1]!.ts,
    prints: prints.length,
    shares,
    levels,
    exchanges: cleared.exchanges,
    fromPrice,
    toPrice,
    clearedDisplayedSize: cleared.size,
    clearedShare: Math.round(clearedShare * 1000) / 1000,
  };
}

import type { Bar } from '../market/bar';

export interface Momentum {
  /** The move over the lookback in units of its expected size: ln(close_now / close_then) / (σ₅ₛ · √lookback). */
  z: number;
  /** Log return over the lookback. */
  move: number;
  /** Standard deviation of the five-second log returns of the bars given. */
  sigma: number;
  asOf: number;
}

/**
 * Momentum of the last `lookback` five-second bars against the bars' own noise: the log move over the lookback
 * divided by what a random walk with the bars' σ would move in as many steps. Null when there are fewer than
 * 2 × lookback bars (σ needs its own sample) or the bars do not move at all.
 */
export function momentum(bars: readonly Bar[], lookback: number): Momentum | null {
  if (lookback < 1 || bars.length < 2 * lookback + 1) return null;
  const returns: number[] = [];
  for (let i = 1; i < bars.length; i++) returns.push(Math.log(bars[i]!.close / bars[i - 1]!.close));
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
  const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1);
  const sigma = Math.sqrt(variance);
  if (!(sigma > 0) || !Number.isFinite(sigma)) return null;
  const last = bars[bars.length - 1]!;
  const move = Math.log(last.close / bars[bars.length - 1 - lookback]!.close);
  return { z: move / (sigma * Math.sqrt(lookback)), move, sigma, asOf: last.time };
}

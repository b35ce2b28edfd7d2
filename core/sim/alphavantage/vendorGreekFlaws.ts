/**
 * The simulated Alpha Vantage's greeks are realistically imperfect, so the engine's vendor-greek check has something
 * to find (README "Analytics methods", vendor greeks). Which contracts are affected depends only on the contract id:
 *
 * - one contract in 40 serves a delta 0.10 off its model value, moved towards ±0.5 (a stale or mis-keyed figure:
 *   still a valid delta, so it passes the feed's validation);
 * - one out-of-the-money contract in 60 with a mark of at least MISSING_MIN_MARK serves IV and greeks of 0.00000,
 *   as the real feed does for contracts its model did not price; the engine fills them with its own from the mark
 *   (out of the money, so the mark is all time value and always has an IV).
 *
 * Theta is served per calendar day and vega per vol point (0.01 of vol), as the sim's model computes them.
 */
import { deriveSeed } from '../market/rng';

export const DELTA_FLAW = 0.1;
export const MISSING_MIN_MARK = 0.05;

const bucketOf = (occId: string, salt: string, every: number): boolean => ((deriveSeed(0, `${salt}:${occId}`) >>> 0) % every) === 0;

/** Whether the simulated vendor serves this contract's delta 0.10 off. */
export function servesFlawedDelta(occId: string): boolean {
  return bucketOf(occId, 'delta', 40) && !mayServeNoGreeks(occId);
}

/** Whether the contract is one the simulated vendor leaves without greeks when it is out of the money and priced. */
export function mayServeNoGreeks(occId: string): boolean {
  return bucketOf(occId, 'missing', 60);
}

export interface ServedQuote {
  occId: string;
  right: 'C' | 'P';
  strike: number;
  underlyingPrice: number;
  mark: number;
}

/** Whether the simulated vendor serves this quote without greeks (IV and greeks 0). */
export function servesNoGreeks(q: ServedQuote): boolean {
  const outOfTheMoney = q.right === 'C' ? q.strike > q.underlyingPrice : q.strike < q.underlyingPrice;
  return outOfTheMoney && q.mark >= MISSING_MIN_MARK && mayServeNoGreeks(q.occId);
}

/** The delta as served: the model's, or for a flawed contract 0.10 nearer ±0.5. */
export function servedDelta(occId: string, right: 'C' | 'P', delta: number): number {
  if (!servesFlawedDelta(occId)) return delta;
  const sign = right === 'C' ? 1 : -1;
  return Math.abs(delta) < 0.5 ? delta + sign * DELTA_FLAW : delta - sign * DELTA_FLAW;
}

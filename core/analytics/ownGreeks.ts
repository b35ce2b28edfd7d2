/**
 * The engine's own greeks for the contracts a vendor sent without (Alpha Vantage writes IV and greeks of 0 for a
 * contract its model did not price). Per expiry the underlying comes from put–call parity (impliedForward, as the
 * volatility shape finds it): spot = F·e^{−rT} with no dividend yield (it is inside F). The IV is implied from the
 * contract's mark, the greeks are BSM at it (blackScholes' units: theta per calendar day, vega and rho per point).
 * A contract without a mark, or whose mark has no IV, cannot be filled and is counted. Pure.
 */
import type { OptionChainSnapshot, OptionContractQuote } from '../market/optionChain';
import { blackScholes, impliedVolatility } from './blackScholes';
import { expiryClock } from './expiryTime';
import { impliedForward } from './optionsFlowVol';

/** A vendor IV and delta the analytics can use; anything else counts as "no vendor greeks". */
export function hasVendorGreeks(c: Pick<OptionContractQuote, 'iv' | 'delta'>): boolean {
  return c.iv > 0 && Number.isFinite(c.iv) && Number.isFinite(c.delta);
}

export function groupByExpiry<C extends { expiry: string }>(contracts: readonly C[]): Map<string, C[]> {
  const groups = new Map<string, C[]>();
  for (const c of contracts) {
    let list = groups.get(c.expiry);
    if (!list) groups.set(c.expiry, (list = []));
    list.push(c);
  }
  return groups;
}

/** The underlying implied by one expiry's put–call parity (F·e^{−rT}); null without a forward or once expired. */
export function paritySpot(contracts: readonly OptionContractQuote[], years: number, rate: number): number | null {
  const forward = years > 0 ? impliedForward(contracts, years, rate) : null;
  return forward !== null && forward > 0 ? forward * Math.exp(-rate * years) : null;
}

/** A copy of the contract with our IV (from its mark) and greeks at `spot`, or null when its mark has no IV. */
export function ownGreeksOf(c: OptionContractQuote, spot: number, years: number, rate: number): OptionContractQuote | null {
  if (!(c.mark > 0) || !(years > 0)) return null;
  const right = c.type === 'call' ? 'C' : 'P';
  const implied = impliedVolatility(c.mark, { spot, strike: c.strike, time: years, rate, right });
  if (!implied.ok || !(implied.vol > 0)) return null;
  const g = blackScholes({ spot, strike: c.strike, time: years, vol: implied.vol, rate, right });
  return { ...c, iv: implied.vol, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho };
}

/**
 * Fills one expiry's contracts without vendor greeks: each filled one goes into `into` (original → copy with ours).
 * Returns how many could not be filled (no spot for the expiry, no mark, or no IV for it).
 */
export function fillExpiry(
  contracts: readonly OptionContractQuote[], spot: number | null, years: number, rate: number, into: Map<OptionContractQuote, OptionContractQuote>,
): number {
  let unfilled = 0;
  for (const c of contracts) {
    if (hasVendorGreeks(c)) continue;
    const own = spot === null ? null : ownGreeksOf(c, spot, years, rate);
    if (own) into.set(c, own);
    else unfilled++;
  }
  return unfilled;
}

export interface FilledChain {
  chain: OptionChainSnapshot;
  filled: number;
  unfilled: number;
}

/**
 * The chain with ours where the vendor sent no greeks, `pause` awaited after each expiry (an expiry of 1,000 contracts
 * without vendor IVs takes a few milliseconds). `valuedAt`: the instant expiries are measured from.
 */
export async function fillChainGreeks(
  chain: OptionChainSnapshot, valuedAt: number, rate: number, pause: () => Promise<void> = async () => undefined,
): Promise<FilledChain> {
  if (chain.contracts.every(hasVendorGreeks)) return { chain, filled: 0, unfilled: 0 };
  const clock = expiryClock(valuedAt);
  const own = new Map<OptionContractQuote, OptionContractQuote>();
  let unfilled = 0;
  for (const [expiry, list] of groupByExpiry(chain.contracts)) {
    if (list.every(hasVendorGreeks)) continue;
    const years = clock.years(expiry);
    unfilled += fillExpiry(list, paritySpot(list, years, rate), years, rate, own);
    await pause();
  }
  return { chain: { ...chain, contracts: chain.contracts.map((c) => own.get(c) ?? c) }, filled: own.size, unfilled };
}

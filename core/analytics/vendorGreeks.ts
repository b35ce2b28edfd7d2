/**
 * A check of a vendor's greeks against our own BSM at the vendor's implied vol: how often the deltas disagree by more
 * than a tolerance (default 0.05), and which units the vendor's theta and vega are in, inferred from the median ratio
 * of theirs to ours (ours: theta per calendar day, vega per vol point). Feeds such as Alpha Vantage do not document
 * their units; a ratio near 1 means ours, near 365 theta per year, near 365/252 theta per trading day, near 100 vega
 * per 1.00 of vol. A median away from every candidate by more than 15% answers 'unknown'.
 *
 * The check runs in pieces (startCheck, checkContracts per expiry, finishCheck) so that a caller can hand the event
 * loop back between expiries; checkVendorGreeks does the whole chain at once.
 */
import { median } from 'simple-statistics';
import type { OptionChainSnapshot, OptionContractQuote } from '../market/optionChain';
import type { ThetaUnit, VegaUnit, VendorDeltaMismatch } from '../market/optionsFlow';
import { blackScholes } from './blackScholes';
import { expiryClock, type ExpiryClock } from './expiryTime';

export type { ThetaUnit, VegaUnit, VendorDeltaMismatch };

export interface UnitInference<U> {
  unit: U;
  /** Median of vendor / ours over the contracts where both are of a size to compare; null without any. */
  medianRatio: number | null;
  samples: number;
}

export interface VendorGreekCheck {
  symbol: string;
  chainAsOf: number;
  spot: number;
  /** Contracts with a vendor IV and delta, a future expiry (and a spot for it); the others are `skipped`. */
  checked: number;
  skipped: number;
  deltaTolerance: number;
  deltaMismatches: number;
  /** deltaMismatches / checked, 0 when nothing was checked. */
  deltaMismatchShare: number;
  theta: UnitInference<ThetaUnit>;
  vega: UnitInference<VegaUnit>;
  /** The largest delta differences beyond the tolerance, largest first (at most `worstCount`). */
  worst: VendorDeltaMismatch[];
}

export interface VendorCheckInputs {
  chain: OptionChainSnapshot;
  /** The underlying's price the vendor's greeks were computed at (the chain's time). */
  spot: number;
  now: number;
  rate: number;
  dividendYield: number;
  deltaTolerance?: number;
  /** How many of the worst mismatches to keep (default 5). */
  worstCount?: number;
}

/** What the check has gathered so far. */
export interface CheckProgress {
  tolerance: number;
  worstCount: number;
  checked: number;
  skipped: number;
  mismatches: number;
  thetaRatios: number[];
  vegaRatios: number[];
  worst: VendorDeltaMismatch[];
}

/** Where a group of contracts is priced: the underlying, rates and the clock expiries are measured by. */
export interface CheckMarket {
  /** The underlying for an expiry; undefined skips its contracts. */
  spotOf(expiry: string): number | undefined;
  clock: ExpiryClock;
  rate: number;
  dividendYield: number;
}

const THETA_UNITS: [ThetaUnit, number][] = [['per calendar day', 1], ['per trading day (252 a year)', 365 / 252], ['per year', 365]];
const VEGA_UNITS: [VegaUnit, number][] = [['per vol point (0.01)', 1], ['per 1.00 of vol', 100]];
const UNIT_SLACK = Math.log(1.15);
/** Theirs and ours are compared only where ours is at least this big (a hundredth of a cent), so rounding does not decide. */
const COMPARABLE = 1e-4;

function infer<U>(ratios: number[], candidates: [U, number][], unknown: U): UnitInference<U> {
  if (ratios.length === 0) return { unit: unknown, medianRatio: null, samples: 0 };
  const m = median(ratios);
  const match = candidates.find(([, factor]) => m > 0 && Math.abs(Math.log(m / factor)) < UNIT_SLACK);
  return { unit: match ? match[0] : unknown, medianRatio: m, samples: ratios.length };
}

export function startCheck(deltaTolerance = 0.05, worstCount = 5): CheckProgress {
  return { tolerance: deltaTolerance, worstCount, checked: 0, skipped: 0, mismatches: 0, thetaRatios: [], vegaRatios: [], worst: [] };
}

/** Checks the vendor greeks of `contracts` (any subset of a chain) into `progress`. */
export function checkContracts(progress: CheckProgress, contracts: readonly OptionContractQuote[], market: CheckMarket): void {
  const { clock, rate, dividendYield } = market;
  for (const c of contracts) {
    const time = clock.years(c.expiry);
    const spot = market.spotOf(c.expiry);
    if (!(c.iv > 0) || !Number.isFinite(c.iv) || !Number.isFinite(c.delta) || !(time > 0) || spot === undefined) {
      progress.skipped++;
      continue;
    }
    progress.checked++;
    const ours = blackScholes({ spot, strike: c.strike, time, vol: c.iv, rate, dividendYield, right: c.type === 'call' ? 'C' : 'P' });
    const difference = c.delta - ours.delta;
    if (Math.abs(difference) > progress.tolerance) {
      progress.mismatches++;
      progress.worst.push({ contractId: c.contractId, expiry: c.expiry, strike: c.strike, type: c.type, vendorDelta: c.delta, ourDelta: ours.delta, difference });
    }
    if (Math.abs(ours.theta) >= COMPARABLE && Number.isFinite(c.theta) && c.theta !== 0) progress.thetaRatios.push(c.theta / ours.theta);
    if (ours.vega >= COMPARABLE && Number.isFinite(c.vega) && c.vega !== 0) progress.vegaRatios.push(c.vega / ours.vega);
  }
}

export type CheckOutcome = Omit<VendorGreekCheck, 'symbol' | 'chainAsOf' | 'spot'>;

export function finishCheck(progress: CheckProgress): CheckOutcome {
  const { checked, mismatches } = progress;
  return {
    checked, skipped: progress.skipped,
    deltaTolerance: progress.tolerance, deltaMismatches: mismatches, deltaMismatchShare: checked ? mismatches / checked : 0,
    theta: infer(progress.thetaRatios, THETA_UNITS, 'unknown'),
    vega: infer(progress.vegaRatios, VEGA_UNITS, 'unknown'),
    worst: progress.worst.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).slice(0, progress.worstCount),
  };
}

export function checkVendorGreeks(inputs: VendorCheckInputs): VendorGreekCheck {
  const { chain, spot, now, rate, dividendYield } = inputs;
  const progress = startCheck(inputs.deltaTolerance, inputs.worstCount);
  checkContracts(progress, chain.contracts, { spotOf: () => spot, clock: expiryClock(now), rate, dividendYield });
  return { symbol: chain.symbol, chainAsOf: chain.asOf, spot, ...finishCheck(progress) };
}

/**
 * A check of a vendor's greeks against our own BSM at the vendor's implied vol: how often the deltas disagree by more
 * than a tolerance (default 0.05), and which units the vendor's theta and vega are in, inferred from the median ratio
 * of theirs to ours (ours: theta per calendar day, vega per vol point). Feeds such as Alpha Vantage do not document
 * their units; a ratio near 1 means ours, near 365 theta per year, near 365/252 theta per trading day, near 100 vega
 * per 1.00 of vol. A median away from every candidate by more than 15% answers 'unknown'.
 */
import { median } from 'simple-statistics';
import type { OptionChainSnapshot } from '../market/optionChain';
import { blackScholes } from './blackScholes';
import { expiryClock } from './expiryTime';

export type ThetaUnit = 'per calendar day' | 'per trading day (252 a year)' | 'per year' | 'unknown';
export type VegaUnit = 'per vol point (0.01)' | 'per 1.00 of vol' | 'unknown';

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
  /** Contracts with a vendor IV and delta and a future expiry; the others are `skipped`. */
  checked: number;
  skipped: number;
  deltaTolerance: number;
  deltaMismatches: number;
  /** deltaMismatches / checked, 0 when nothing was checked. */
  deltaMismatchShare: number;
  theta: UnitInference<ThetaUnit>;
  vega: UnitInference<VegaUnit>;
}

export interface VendorCheckInputs {
  chain: OptionChainSnapshot;
  /** The underlying's price the vendor's greeks were computed at (the chain's time). */
  spot: number;
  now: number;
  rate: number;
  dividendYield: number;
  deltaTolerance?: number;
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

export function checkVendorGreeks(inputs: VendorCheckInputs): VendorGreekCheck {
  const { chain, spot, now, rate, dividendYield } = inputs;
  const tolerance = inputs.deltaTolerance ?? 0.05;
  const clock = expiryClock(now);
  let checked = 0;
  let mismatches = 0;
  const thetaRatios: number[] = [];
  const vegaRatios: number[] = [];
  for (const c of chain.contracts) {
    const time = clock.years(c.expiry);
    if (!(c.iv > 0) || !Number.isFinite(c.iv) || !Number.isFinite(c.delta) || !(time > 0)) continue;
    checked++;
    const ours = blackScholes({ spot, strike: c.strike, time, vol: c.iv, rate, dividendYield, right: c.type === 'call' ? 'C' : 'P' });
    if (Math.abs(c.delta - ours.delta) > tolerance) mismatches++;
    if (Math.abs(ours.theta) >= COMPARABLE && Number.isFinite(c.theta) && c.theta !== 0) thetaRatios.push(c.theta / ours.theta);
    if (ours.vega >= COMPARABLE && Number.isFinite(c.vega) && c.vega !== 0) vegaRatios.push(c.vega / ours.vega);
  }
  return {
    symbol: chain.symbol, chainAsOf: chain.asOf, spot,
    checked, skipped: chain.contracts.length - checked,
    deltaTolerance: tolerance, deltaMismatches: mismatches, deltaMismatchShare: checked ? mismatches / checked : 0,
    theta: infer(thetaRatios, THETA_UNITS, 'unknown'),
    vega: infer(vegaRatios, VEGA_UNITS, 'unknown'),
  };
}

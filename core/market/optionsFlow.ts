/**
 * Options flow of one symbol, as core/analytics computes it at each chain refresh (analytics:{symbol}:flow and the
 * flowUpdated / unusualOptionsActivity events). Money in dollars, IVs as decimals (0.2 = 20%), times epoch ms UTC.
 */

export interface PutCallRatios {
  callVolume: number;
  putVolume: number;
  /** Put volume / call volume; null when no call traded. */
  volumeRatio: number | null;
  /** Dollars: volume × mark (else last) × 100. */
  callPremium: number;
  putPremium: number;
  /** Put premium / call premium; null when no call premium. */
  premiumRatio: number | null;
}

export interface PutCallBreakdown {
  all: PutCallRatios;
  /** By expiry (YYYY-MM-DD), in expiry order. */
  byExpiry: Record<string, PutCallRatios>;
}

export interface PremiumChange {
  contractId: string;
  expiry: string;
  strike: number;
  type: 'call' | 'put';
  previous: number;
  current: number;
  /** current − previous, dollars. */
  change: number;
}

export interface UnusualContract {
  contractId: string;
  expiry: string;
  strike: number;
  type: 'call' | 'put';
  /** Session volume. */
  volume: number;
  openInterest: number;
  /** Session volume / open interest (null when open interest is 0). */
  volumeOverOpenInterest: number | null;
  /** Contracts traded since the last refresh. */
  increment: number;
  /** increment / the contract's mean increment before this refresh (null when that mean was 0). */
  timesAverage: number | null;
  /** Session premium, dollars. */
  premium: number;
}

export interface ExpiryVol {
  expiry: string;
  /** Calendar days to expiry (New York). */
  days: number;
  years: number;
  /** Parity-implied forward. */
  forward: number;
  /** ATM IV at the spot; null when no strikes bracket it. */
  atmIv: number | null;
  callIv25: number | null;
  putIv25: number | null;
  /** 25-delta risk reversal, callIv25 − putIv25 (negative: puts richer); null when either is missing. */
  riskReversal25: number | null;
}

export interface AtmVolReading {
  /** ATM IV at `targetDays` constant maturity (total variance interpolated between expiries); null without one. */
  iv: number | null;
  targetDays: number;
  /** 0–100 within the stored history's range; null until there is another day. */
  rank: number | null;
  /** Share of stored past days below the current IV, 0–100; null until there is a past day. */
  percentile: number | null;
  /** Days in the stored history (one value per New York day). */
  historyDays: number;
}

export type ThetaUnit = 'per calendar day' | 'per trading day (252 a year)' | 'per year' | 'unknown';
export type VegaUnit = 'per vol point (0.01)' | 'per 1.00 of vol' | 'unknown';

/** A contract whose vendor delta differs from ours at the vendor's IV by more than the tolerance. */
export interface VendorDeltaMismatch {
  contractId: string;
  expiry: string;
  strike: number;
  type: 'call' | 'put';
  vendorDelta: number;
  ourDelta: number;
  /** vendorDelta − ourDelta. */
  difference: number;
}

/**
 * The vendor's greeks checked against the engine's own BSM at the vendor's IV (each expiry's put–call parity spot),
 * and the contracts the vendor sent without greeks filled with ours.
 */
export interface VendorGreeksReading {
  /** Contracts with a vendor IV and delta, a future expiry and a parity spot. */
  checked: number;
  /** Of those, contracts whose |vendor delta − ours| exceeds `deltaTolerance`. */
  mismatched: number;
  /** mismatched / checked (0 when nothing was checked). */
  share: number;
  deltaTolerance: number;
  /** The vendor's theta and vega units, from the median ratio of theirs to ours (ours: per calendar day, per vol point). */
  thetaUnit: ThetaUnit;
  thetaRatio: number | null;
  vegaUnit: VegaUnit;
  vegaRatio: number | null;
  /** Contracts sent without greeks (IV 0) that got the engine's own, from their mark. */
  filled: number;
  /** Contracts sent without greeks that could not be filled (no mark, or no IV for it). */
  unfilled: number;
  /** The largest mismatches, largest first. */
  worst: VendorDeltaMismatch[];
}

/** `analytics:{symbol}:flow` and the flowUpdated event. */
export interface OptionsFlowReading {
  symbol: string;
  /** The chain's as-of time. */
  asOf: number;
  /** The instant expiries were measured from (the chain's as-of time, unless the service was given another clock). */
  valuedAt: number;
  computedAt: number;
  /** The underlying's price implied by the nearest expiry's put–call parity; null without one. */
  spot: number | null;
  putCall: PutCallBreakdown;
  /** The contracts whose premium changed most since the previous refresh, by size of the change. */
  premiumChanges: PremiumChange[];
  /** Unusual now, largest premium first. */
  unusual: UnusualContract[];
  atm: AtmVolReading;
  /** ATM IV and 25-delta risk reversal per expiry, nearest first. */
  termStructure: ExpiryVol[];
  /** 25-delta risk reversal of the expiry nearest the ATM target maturity; null without one. */
  skew25: number | null;
  counts: {
    contracts: number;
    /** Contracts priced with the engine's own IV (the vendor's was missing). */
    ownIv: number;
    /** Contracts with neither an IV nor a price to imply one from. */
    skipped: number;
    /** Contracts with too little history to be judged against their own pace. */
    awaitingHistory: number;
  };
  /** Absent in a reading stored before the check existed. */
  vendorGreeks?: VendorGreeksReading;
}

/** A contract that became unusual at this refresh (it was not unusual at the one before). */
export interface UnusualOptionsActivityEvent {
  symbol: string;
  asOf: number;
  contract: UnusualContract;
}

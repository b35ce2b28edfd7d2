/**
 * A symbol's gamma and delta exposure (GEX / DEX) as the analytics compute it from its option chain, seen from the
 * dealers' side: the figures the bus carries (gexUpdated) and Redis keeps (analytics:{symbol}:gex / :dex).
 * Units: GEX in US dollars per 1% move of the underlying; DEX in US dollars of the underlying.
 */

export type DealerPositioning = 'dealersLongCallsShortPuts' | 'dealersShortCallsLongPuts';

/** Buckets by calendar days from today (New York) to expiry. They nest: ≤ 7 days holds 0DTE and 1DTE, `all` holds every expiry. */
export type ExpiryBucket = '0dte' | '1dte' | 'upTo7d' | 'upTo35d' | 'all';

export interface Exposure {
  callGex: number;
  putGex: number;
  /** callGex + putGex. */
  gex: number;
  dex: number;
}

export interface StrikeExposure extends Exposure {
  strike: number;
}

export interface BucketExposure extends Exposure {
  contracts: number;
  /** Ascending by strike. */
  byStrike: StrikeExposure[];
}

export type FlipLevel =
  | { level: number; low: number; high: number }
  /** No sign change inside the grid: total GEX keeps one sign from spots[0] to the last spot. */
  | { level: null; reason: 'positive-across-grid' | 'negative-across-grid' | 'no-contracts'; low: number; high: number };

export interface GammaExposure {
  symbol: string;
  spot: number;
  spotAsOf: number;
  chainAsOf: number;
  positioning: DealerPositioning;
  gexUnit: 'USD per 1% move';
  dexUnit: 'USD';
  /** 0DTE, 1DTE, ≤ 7 days, ≤ 35 days (calendar days, nested), and all expiries. */
  buckets: Record<ExpiryBucket, BucketExposure>;
  /** The `all` bucket's figures. */
  totals: Exposure;
  /** Strikes with the largest call and put gamma exposure (by size, either sign), null without contracts. */
  callWall: number | null;
  putWall: number | null;
  flip: FlipLevel;
  /**
   * `invalid`: a strike or open interest that is not a positive / non-negative number. `ownIv`: contracts the vendor
   * sent without an IV that were priced with the engine's own, implied from their mark (core/analytics/ownGreeks.ts).
   */
  contracts: { used: number; withoutIv: number; expired: number; invalid: number; ownIv: number };
}

/** A computation the GEX service published: the figures, why they were computed and when. */
export interface GammaExposureUpdate extends GammaExposure {
  /** `chain`: a refreshed chain was priced; `spot`: the same chain re-priced because the live spot moved. */
  trigger: 'chain' | 'spot';
  /** When the computation finished (epoch ms). */
  computedAt: number;
}

/**
 * What the analytics panels show: the `vpin`, `gex` and `optionsFlow` streams (per symbol). Browser-safe.
 * The readings are the services' own types (core/market), so the panels show exactly what the engine computed.
 */
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../market/optionsFlow';
import type { VpinBucketSource, VpinReading } from '../market/vpinReading';

export type { GammaExposureUpdate, OptionsFlowReading, UnusualOptionsActivityEvent, VpinBucketSource, VpinReading };
export type { BucketExposure, DealerPositioning, Exposure, ExpiryBucket, FlipLevel, GammaExposure, StrikeExposure } from '../market/gammaExposureReading';

/** The VPIN service's settings for a symbol, so the panel can say what it shows. */
export interface VpinSettings {
  classification: 'bulk' | 'trade';
  /** Shares per bucket (V). */
  bucketVolume: number;
  /** Where V came from: parameter discovery (trade-size clusters) or the config (analytics.vpin). */
  bucketSource: VpinBucketSource;
  /** When discovery computed V (epoch ms); null for a configured V. */
  bucketAsOf: number | null;
  /** n: VPIN over the last n buckets. */
  buckets: number;
  /** A toxicity alert when VPIN's CDF reaches this. */
  alertLevel: number;
}

/** A symbol's VPIN: its newest readings (for the chart) and the toxicity alerts. */
export interface VpinView {
  symbol: string;
  settings: VpinSettings;
  /** Oldest first, at most the last 500 (stored history included after a restart); empty until n buckets have filled. */
  readings: VpinReading[];
  /** The readings that began a toxicity episode, newest first, at most 20. */
  alerts: VpinReading[];
}

/** A symbol's options flow and the unusual activity announced since the engine started (newest first, at most 50). */
export interface OptionsFlowView {
  /** Null until the first chain of this symbol was computed. */
  reading: OptionsFlowReading | null;
  unusualEvents: UnusualOptionsActivityEvent[];
}

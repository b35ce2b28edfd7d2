/**
 * One VPIN reading: produced each time an equal-volume bucket fills, once the last n buckets are all full.
 * VPIN = Σ|V_sell − V_buy| / (n·V) over those buckets, in 0..1 (1: every bucket one-sided).
 */
export interface VpinReading {
  symbol: string;
  vpin: number;
  /** How many buckets this symbol has filled so far, this one included (1-based). */
  bucket: number;
  /** When the volume that filled the bucket was complete, epoch ms: the print's time, or the end of its bar. */
  time: number;
  /** VPIN's empirical CDF over its own recent readings, this one included; null while that history is short. */
  cdf: number | null;
  /** Inside a toxicity episode: the CDF reached the alert level and has not yet fallen below the exit level. */
  toxic: boolean;
  /** True on the one reading that begins a toxicity episode. */
  alert: boolean;
}

/** Where a VPIN bucket size came from: discovery (trade-size clusters, as of its computation) or the config. */
export type VpinBucketSource = 'discovered' | 'configured';

/** The bucket size V a symbol's VPIN measures with now, and where it came from. */
export interface VpinBucketSize {
  symbol: string;
  /** Shares per bucket. */
  bucketVolume: number;
  source: VpinBucketSource;
  /** When discovery computed it (epoch ms); null for a configured size. */
  asOf: number | null;
}

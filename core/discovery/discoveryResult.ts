/** What every discovered value carries: the data it came from and when it was computed. */
export interface DiscoveryProvenance {
  /** Epoch ms of the first and last sample the value was computed from. */
  window: { from: number; to: number };
  /** How many samples (trades, bars) the value was computed from. */
  sampleSize: number;
  /** Epoch ms the value was computed. */
  computedAt: number;
}

/**
 * Too little (or unusable) data for a method: the caller keeps its previous value and shows `reason`.
 * `needed` and `got` are counts in the method's own unit (trades, bars).
 */
export interface DiscoveryRefusal {
  ok: false;
  reason: string;
  needed: number;
  got: number;
}

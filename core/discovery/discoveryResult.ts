/** The span of data a value was computed from: epoch ms of its first and last sample (bar starts), both inclusive. */
export interface DiscoveryWindow {
  from: number;
  to: number;
}

/** What every discovered value carries: the data it came from and when it was computed. */
export interface DiscoveryProvenance {
  window: DiscoveryWindow;
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

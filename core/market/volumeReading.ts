/** A symbol's recent volume read against its own baseline (shares and number of prints per five-second bar). */
export interface UnusualVolumeReading {
  unusual: boolean;
  /** Recent mean shares per bar / baseline median. */
  volumeRatio: number;
  /** Recent mean prints per bar / baseline median. */
  tradeRatio: number;
  recentVolume: number;
  baselineMedianVolume: number;
  baselineMedianTrades: number;
  recentBars: number;
  baselineBars: number;
}

/** The reading stored in market:{symbol}:unusual_volume (always written, so the baseline is visible too). */
export interface UnusualVolumeEvent extends UnusualVolumeReading {
  symbol: string;
  /** Start of the newest bar in the reading, epoch ms. */
  barTime: number;
  /** When the current unusual episode began (null while volume is usual). */
  episodeStartedAt: number | null;
}

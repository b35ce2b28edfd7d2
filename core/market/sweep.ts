/** Sweeps: an aggressive order that cleared several price levels across several exchanges within a short window. */

export type SweepDirection = 'buy' | 'sell';

/** A detected sweep with the evidence a trader can check. */
export interface Sweep {
  direction: SweepDirection;
  startTs: number;
  endTs: number;
  prints: number;
  shares: number;
  levels: number;
  exchanges: string[];
  fromPrice: number;
  toPrice: number;
  /** Displayed size in the cleared levels before the sweep. */
  clearedDisplayedSize: number;
  /** shares / clearedDisplayedSize. */
  clearedShare: number;
}

/** Detected sweep as stored in market:{symbol}:sweep: the evidence plus where and when it was seen. */
export interface SweepEvent extends Sweep {
  symbol: string;
  detectedAt: number;
}

/** The span of data an estimate was computed from: bar starts, epoch ms, both inclusive. */
export interface EstimateWindow {
  from: number;
  to: number;
}

/** What every discovered value carries: its window, how many observations it rests on, and when it was computed. */
export interface EstimateStamp {
  window: EstimateWindow;
  sampleSize: number;
  computedAt: number;
}

/** A method that had too little (or unusable) data: the caller keeps its previous value and shows `reason`. */
export interface NotEstimated extends EstimateStamp {
  ok: false;
  reason: string;
  /** Observations the method needs. */
  needed: number;
}

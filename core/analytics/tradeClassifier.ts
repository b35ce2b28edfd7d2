/** The best bid and offer when a print happened (our own NBBO); either side may be missing. */
export interface Nbbo {
  bid: number | null;
  ask: number | null;
}

/**
 * Trade-level classification for VPIN, print by print. Quote rule against the NBBO at the print: above the mid a
 * buy, below it a sell. At the mid, or with no usable quote (a side missing, or crossed), the tick rule: above the
 * previous print's price a buy, below it a sell, at the same price the previous print's classification. The very
 * first print, with nothing to compare, counts half bought and half sold.
 *
 * Unlike the ingestion's aggressor (at or through the ask / bid, else unknown), this classifies every print,
 * prints inside the spread included, as the VPIN method requires.
 */
export class TradeClassifier {
  private lastPrice = Number.NaN;
  private lastFraction = 0.5;

  /** The print's buy fraction: 1 (buy), 0 (sell) or 0.5 (first print at an unknown side). */
  classify(price: number, nbbo: Nbbo | null): number {
    const fraction = quoteRule(price, nbbo) ?? this.tickRule(price);
    this.lastPrice = price;
    this.lastFraction = fraction;
    return fraction;
  }

  private tickRule(price: number): number {
    if (price > this.lastPrice) return 1;
    if (price < this.lastPrice) return 0;
    return this.lastFraction;
  }
}

/** 1 above the mid, 0 below it, null at the mid or without a usable quote. */
export function quoteRule(price: number, nbbo: Nbbo | null): number | null {
  const bid = nbbo?.bid;
  const ask = nbbo?.ask;
  if (bid == null || ask == null || !(bid > 0) || !(ask >= bid)) return null;
  const mid = (bid + ask) / 2;
  if (price > mid) return 1;
  if (price < mid) return 0;
  return null;
}

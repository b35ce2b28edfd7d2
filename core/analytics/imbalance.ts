/** Order-book imbalance: (bid size − ask size) / (bid size + ask size), in −1..1; positive means more buyers. */

export interface SizedLevel {
  price: number;
  size: number;
}

/** Sums sizes over the best `levels` distinct prices of a side (rows at one price from several venues count once as a level). */
export function sizeWithinLevels(side: readonly SizedLevel[], levels: number): number {
  let distinct = 0;
  let previous = Number.NaN;
  let total = 0;
  for (const row of side) {
    if (row.price !== previous) {
      if (++distinct > levels) break;
      previous = row.price;
    }
    total += row.size;
  }
  return total;
}

/** Imbalance of two sizes; null when both are empty (no book, no opinion). */
export function sizeImbalance(bidSize: number, askSize: number): number | null {
  const total = bidSize + askSize;
  if (!(total > 0)) return null;
  return (bidSize - askSize) / total;
}

/** Imbalance over the best `levels` price levels of each side of a depth book. */
export function bookImbalance(bids: readonly SizedLevel[], asks: readonly SizedLevel[], levels = 5): number | null {
  return sizeImbalance(sizeWithinLevels(bids, levels), sizeWithinLevels(asks, levels));
}

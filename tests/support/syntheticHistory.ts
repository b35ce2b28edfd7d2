import type { Bar } from '../../core/market/bar';
import type { BookLevel } from '../../core/market/book';
import type { BookSnapshot, HistoryTrade, SymbolHistory } from '../../core/market/marketHistory';
import { Rng } from '../../core/sim/market/rng';

export interface SyntheticHistoryOptions {
  symbol: string;
  /** The window's end, epoch ms (a bar start plus 5 s). */
  end: number;
  bars: number;
  trades: number;
  /** Annualized volatility of the 5-second returns. */
  volatility?: number;
  /** Common-factor returns (one per bar) and this symbol's loading on them: correlated symbols share a factor. */
  factor?: readonly number[];
  loading?: number;
  /** Level 2 snapshots, one a second, with two market makers per exchange. */
  books?: boolean;
  seed?: number;
}

const BAR_MS = 5_000;
const BARS_PER_YEAR = 252 * 6.5 * 720;
/** Odd lots, round lots, a 400-share clip, 1,200-share orders, blocks: [centre, weight]. */
const SIZE_MIXTURE: ReadonlyArray<[number, number]> = [[5, 0.3], [100, 0.4], [400, 0.25], [1200, 0.04], [8000, 0.01]];

/** A seeded history as the discovery history store gives it: 5-second bars, trades in size clusters, optional books. */
export function syntheticHistory(o: SyntheticHistoryOptions): SymbolHistory {
  const rng = new Rng(o.seed ?? 1);
  const from = o.end - o.bars * BAR_MS;
  const sigma = (o.volatility ?? 0.2) / Math.sqrt(BARS_PER_YEAR);
  const loading = o.loading ?? 0;
  const bars: Bar[] = [];
  let price = 100;
  for (let i = 0; i < o.bars; i++) {
    const common = o.factor?.[i] ?? rng.normal();
    const z = loading * common + Math.sqrt(1 - loading * loading) * rng.normal();
    const open = price;
    price = price * Math.exp(sigma * z);
    bars.push({ symbol: o.symbol, time: from + i * BAR_MS, open, high: Math.max(open, price), low: Math.min(open, price), close: price, volume: 0, wap: price, count: 0 });
  }
  const trades: HistoryTrade[] = [];
  for (let i = 0; i < o.trades; i++) {
    const ts = from + Math.floor((i / o.trades) * o.bars * BAR_MS);
    const bar = bars[Math.min(bars.length - 1, Math.floor((ts - from) / BAR_MS))]!;
    const size = tradeSize(rng);
    bar.volume += size;
    bar.count++;
    trades.push({ price: bar.close, size, ts, aggressor: rng.uniform() < 0.5 ? 'buy' : 'sell' });
  }
  return { symbol: o.symbol, from, to: o.end, trades, bars, books: o.books ? snapshots(bars, rng) : [] };
}

/** Factor returns shared by correlated symbols. */
export function commonFactor(bars: number, seed = 99): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: bars }, () => rng.normal());
}

function tradeSize(rng: Rng): number {
  let u = rng.uniform();
  for (const [centre, weight] of SIZE_MIXTURE) {
    if ((u -= weight) < 0) return Math.max(1, Math.round(centre * Math.exp(0.15 * rng.normal())));
  }
  return 100;
}

/** One snapshot a second: ARCA's MM1 at the top most of the time, MM2 a cent behind, NSDQ's makers deeper. */
function snapshots(bars: readonly Bar[], rng: Rng): BookSnapshot[] {
  const books: BookSnapshot[] = [];
  for (const bar of bars) {
    for (let s = 0; s < 5; s++) {
      const mid = Math.round(bar.close * 100) / 100;
      const top = rng.uniform() < 0.8 ? 'MM1' : 'MM2';
      const other = top === 'MM1' ? 'MM2' : 'MM1';
      const row = (price: number, marketMaker: string, exchange = 'ARCA'): BookLevel => ({ price, size: 100 * rng.int(1, 5), exchange, marketMaker });
      books.push({
        ts: bar.time + s * 1_000,
        bids: [row(mid - 0.01, top), row(mid - 0.02, other), row(mid - 0.03, 'MM3', 'NSDQ')],
        asks: [row(mid + 0.01, top), row(mid + 0.02, other), row(mid + 0.03, 'MM3', 'NSDQ')],
      });
    }
  }
  return books;
}

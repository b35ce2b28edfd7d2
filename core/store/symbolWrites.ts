import { keys } from './keys';
import type { LatestWrite } from './redisBatchWriter';
import type { SymbolState } from '../venues/ibkr/data/symbolState';

/** A book is written at most this often per symbol, however fast depth arrives. */
export const BOOK_WRITE_MS = 2;

/** The latest-value keys of one symbol, created once and marked dirty as data arrives. */
export interface SymbolWrites {
  ticker: LatestWrite;
  spread: LatestWrite;
  imbalance: LatestWrite;
  book: LatestWrite | null;
  last: LatestWrite;
  unusualVolume: LatestWrite;
}

const text = (n: number | null): string => (n === null ? '' : String(n));
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function latest(spec: { key: string; ttl: number | null }, kind: 'string' | 'hash', produce: LatestWrite['produce'], minIntervalMs?: number): LatestWrite {
  return { key: spec.key, ttl: spec.ttl, kind, produce, minIntervalMs, lastWrittenAt: 0 };
}

export function symbolWrites(state: SymbolState): SymbolWrites {
  const { symbol, quote } = state;
  return {
    ticker: latest(keys.market.ticker(symbol), 'hash', () => ({
      bid: text(quote.bid),
      ask: text(quote.ask),
      bidSize: text(quote.bidSize),
      askSize: text(quote.askSize),
      last: text(quote.last),
      lastSize: text(quote.lastSize),
      volume: text(quote.volume),
      close: text(quote.close),
      halted: quote.halted ? '1' : '0',
      ts: String(quote.ts),
    })),
    spread: latest(keys.market.spread(symbol), 'string', () => {
      const spread = state.spread();
      return spread === null ? null : String(round(spread, 8));
    }),
    imbalance: latest(keys.market.imbalance(symbol), 'string', () => {
      const imbalance = state.imbalance();
      return imbalance === null ? null : String(round(imbalance, 4));
    }),
    book: state.book ? latest(keys.market.book(symbol), 'string', () => state.bookText(), BOOK_WRITE_MS) : null,
    last: latest(keys.market.last(symbol), 'string', () => (state.lastTrade ? JSON.stringify(state.lastTrade) : null)),
    unusualVolume: latest(keys.market.unusualVolume(symbol), 'string', () => (state.lastUnusual ? JSON.stringify(state.lastUnusual) : null)),
  };
}

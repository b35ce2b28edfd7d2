import type { FeedEmitter } from './feedEmitter';
import type { SimAggressor, MarketEpisode, TradeKind } from './marketFeed';
import type { Rng } from './rng';
import type { SymbolBook } from './symbolBook';
import { blockSize, informedTradeSize, noiseTradeSize } from './tradeSizes';

const BLOCK_CHANCE = 0.0015;
const OFF_EXCHANGE = 'FINRA';

/** The order flow that hits the books: noise, informed bursts, sweeps and blocks, each printing to the tape. */
export class MarketFlow {
  now = 0;
  private sweepKind: TradeKind = 'sweep';
  private sweepBook: SymbolBook | undefined;
  private sweepShares = 0;
  private sweepExchanges = new Set<string>();
  private readonly onSweepFill = (ticks: number, size: number, exchange: string): void => {
    const book = this.sweepBook as SymbolBook;
    this.sweepShares += size;
    this.sweepExchanges.add(exchange);
    this.print(book, ticks / book.ticksPerDollar, size, exchange, this.sweepAggressor, this.sweepKind);
  };
  private sweepAggressor: SimAggressor = 'buy';

  constructor(private readonly rng: Rng, private readonly emitter: FeedEmitter) {}

  print(book: SymbolBook, price: number, size: number, exchange: string, aggressor: SimAggressor, kind: TradeKind): void {
    book.recordPrint(price, size);
    if (!this.emitter.has('trade')) return;
    this.emitter.emit('trade', {
      symbol: book.symbol, price, size, exchange, aggressor, kind, totalVolume: book.volume, vwap: book.vwap(), ts: this.now,
    });
  }

  episode(e: MarketEpisode): void {
    this.emitter.emit('episode', e);
  }

  /** A trade at the touch from uninformed flow (or an off-exchange block). */
  noiseTrade(book: SymbolBook, kind: TradeKind): void {
    const aggressor: SimAggressor = this.rng.chance(0.5) ? 'buy' : 'sell';
    const size = noiseTradeSize(this.rng, BLOCK_CHANCE);
    if (size === 0) return this.block(book, aggressor);
    this.hit(book, aggressor, size, kind);
  }

  /** Informed traders mostly lean one way and split into round lots. */
  informedTrade(book: SymbolBook): void {
    const withFlow = this.rng.chance(0.85);
    const up = book.informedDirection > 0 === withFlow;
    this.hit(book, up ? 'buy' : 'sell', informedTradeSize(this.rng), 'informed');
  }

  private hit(book: SymbolBook, aggressor: SimAggressor, size: number, kind: TradeKind): void {
    const side = aggressor === 'buy' ? book.asks : book.bids;
    if (side.rows.length === 0) return;
    const ticks = side.hitTouch(size, this.rng);
    book.markBookChanged();
    this.print(book, ticks / book.ticksPerDollar, size, side.lastExchange, aggressor, kind);
  }

  private block(book: SymbolBook, aggressor: SimAggressor): void {
    const size = blockSize(this.rng);
    const price = Math.round(book.mid() * book.ticksPerDollar) / book.ticksPerDollar;
    this.print(book, price, size, OFF_EXCHANGE, aggressor, 'block');
    this.episode({ kind: 'block', symbol: book.symbol, startTs: this.now, detail: { size, price, aggressor } });
  }

  /**
   * An aggressive order that clears `levels` price levels on every exchange at once, then fair value
   * follows to where it stopped. Returns the sweep episode, or null when that side of the book is empty.
   */
  sweep(book: SymbolBook, aggressor: SimAggressor, levels: number, kind: TradeKind = 'sweep'): MarketEpisode | null {
    const side = aggressor === 'buy' ? book.asks : book.bids;
    const best = side.bestTicks();
    if (Number.isNaN(best)) return null;
    const limit = aggressor === 'buy' ? best + levels - 1 : best - levels + 1;
    this.sweepBook = book;
    this.sweepAggressor = aggressor;
    this.sweepKind = kind;
    this.sweepShares = 0;
    this.sweepExchanges.clear();
    side.take(Number.MAX_SAFE_INTEGER, limit, this.onSweepFill);
    book.markBookChanged();
    const reached = Math.log(limit / book.ticksPerDollar);
    book.logValue = aggressor === 'buy' ? Math.max(book.logValue, reached) : Math.min(book.logValue, reached);
    const episode: MarketEpisode = {
      kind: 'sweep', symbol: book.symbol, startTs: this.now,
      detail: { aggressor, levels, shares: this.sweepShares, exchanges: this.sweepExchanges.size, fromPrice: best / book.ticksPerDollar, toPrice: limit / book.ticksPerDollar },
    };
    this.episode(episode);
    return episode;
  }
}

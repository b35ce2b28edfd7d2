/**
 * Puts a replayed session's events on the engine bus as the venue adapters do live — quoteChanged (with the previous
 * close last recorded, as TWS's tick 9 fills it in), tradePrinted, bookChanged, barClosed, chainRefreshed, and
 * technicalsRefreshed and sentimentRefreshed as the Alpha Vantage ingestion publishes them — and keeps the latest
 * quote of every stock and option contract for the paper venue's fills and the end-of-day marks. (The inverse of
 * core/app/sessionRecordFormat.ts.)
 */
import type { EngineBus } from '../../bus/catalogue';
import type { BookLevel, DepthView } from '../../market/book';
import type { OptionChainSnapshot, OptionContractQuote } from '../../market/optionChain';
import { instrumentKey, type Instrument } from '../../market/order';
import type { Quote } from '../../market/quote';
import type { OptionQuote, SimDepthBook } from '../../sim/market/marketFeed';
import type { ReplayEvent } from '../../sim/replay';

/** A price to trade or mark at: the best bid and ask (null when a side is missing). */
export interface Touch {
  bid: number | null;
  ask: number | null;
  ts: number;
}

export class ReplayMarket {
  private readonly touches = new Map<string, Touch>();
  private readonly chains = new Map<string, OptionChainSnapshot>();
  private readonly lastTrades = new Map<string, number>();
  /** Each symbol's previous close from the session's previousClose events: a quote's `close`. */
  private readonly closes = new Map<string, number | null>();

  constructor(private readonly bus: EngineBus) {}

  /** The latest bid and ask of an instrument (a stock, or an option contract from its chain's last snapshot). */
  touch(instrument: Instrument): Touch | null {
    return this.touches.get(instrumentKey(instrument)) ?? null;
  }

  /** The closing auction's price for an instrument: its last trade, else its touch's mid; null without either. */
  closePrice(instrument: Instrument): number | null {
    if (instrument.kind === 'stock') {
      const last = this.lastTrades.get(instrument.symbol);
      if (last !== undefined) return last;
    }
    const touch = this.touch(instrument);
    return touch && touch.bid !== null && touch.ask !== null ? (touch.bid + touch.ask) / 2 : null;
  }

  /** The underlying's latest option chain (what the live engine reads back from Redis), null before the first. */
  chain(symbol: string): OptionChainSnapshot | null {
    return this.chains.get(symbol) ?? null;
  }

  play(event: ReplayEvent): void {
    const { bus } = this;
    switch (event.type) {
      case 'quote': {
        const q = event.data;
        const quote: Quote = { symbol: q.symbol, bid: q.bid, bidSize: q.bidSize, ask: q.ask, askSize: q.askSize, last: q.last, lastSize: q.lastSize, volume: q.volume, close: this.closes.get(q.symbol) ?? null, halted: q.halted, ts: q.ts };
        this.touches.set(instrumentKey({ kind: 'stock', symbol: q.symbol }), { bid: q.bid, ask: q.ask, ts: q.ts });
        bus.publish('quoteChanged', quote);
        return;
      }
      case 'trade': {
        const t = event.data;
        this.lastTrades.set(t.symbol, t.price);
        bus.publish('tradePrinted', { symbol: t.symbol, price: t.price, size: t.size, ts: t.ts, receivedAt: t.ts, totalVolume: t.totalVolume, vwap: t.vwap, aggressor: t.aggressor });
        return;
      }
      case 'depth':
        bus.publish('bookChanged', { symbol: event.data.symbol, book: staticDepth(event.data) });
        return;
      case 'bar':
        bus.publish('barClosed', { ...event.data, time: event.data.time * 1000 });
        return;
      case 'options': {
        const chain = chainSnapshot(event.underlying, event.t, event.data);
        this.chains.set(event.underlying, chain);
        for (const c of chain.contracts) this.touches.set(instrumentKey(optionInstrument(event.underlying, c)), { bid: c.bid, ask: c.ask, ts: event.t });
        bus.publish('chainRefreshed', { symbol: event.underlying, asOf: event.t, load: async () => chain });
        return;
      }
      case 'previousClose':
        this.closes.set(event.data.symbol, event.data.close); // recorded just before the quote that carried it
        return;
      case 'technicals':
        bus.publish('technicalsRefreshed', event.data);
        return;
      case 'sentiment':
        bus.publish('sentimentRefreshed', event.data);
        return;
      case 'episode':
        return; // the simulator's own labels of what it did: the engine never hears them live
    }
  }
}

export function optionInstrument(symbol: string, c: Pick<OptionContractQuote, 'expiry' | 'strike' | 'type'>): Instrument {
  return { kind: 'option', symbol, expiry: c.expiry, strike: c.strike, right: c.type };
}

/** A session's option quotes as the chain the engine reads back from Alpha Vantage. */
export function chainSnapshot(underlying: string, asOf: number, quotes: readonly OptionQuote[]): OptionChainSnapshot {
  return { symbol: underlying, asOf, quoteDate: null, contracts: quotes.map(contractQuote), skipped: 0, session: 'realtime' };
}

function contractQuote(q: OptionQuote): OptionContractQuote {
  const e = q.spec.expiry;
  return {
    contractId: q.spec.occId, expiry: `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`, strike: q.spec.strike, type: q.spec.right === 'C' ? 'call' : 'put',
    bid: q.bid, bidSize: q.bidSize, ask: q.ask, askSize: q.askSize, last: q.last, mark: q.mark, volume: q.volume, openInterest: q.openInterest,
    iv: q.impliedVol, delta: q.delta, gamma: q.gamma, theta: q.theta, vega: q.vega, rho: q.rho,
  };
}

/** A recorded book: it never changes after it is published. */
function staticDepth(book: SimDepthBook): DepthView {
  const bids: BookLevel[] = book.bids.map((r) => ({ price: r.price, size: r.size, exchange: r.exchange, marketMaker: r.marketMaker }));
  const asks: BookLevel[] = book.asks.map((r) => ({ price: r.price, size: r.size, exchange: r.exchange, marketMaker: r.marketMaker }));
  return {
    bids, asks, updatedAt: book.ts, size: bids.length + asks.length,
    rowsJson: (side) => (side === 'bids' ? bids : asks).map((r) => JSON.stringify(r)),
    snapshot: () => ({ bids: [...bids], asks: [...asks] }),
  };
}

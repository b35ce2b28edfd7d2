import { BarBuilder, BAR_SECONDS } from '../market/barBuilder';
import type { SimAggressor, SimDepthBook, DepthRow, SimQuote, SymbolSpec } from '../market/marketFeed';
import { etToUtc } from '../../market/newYorkTime';
import { LOBSTER_TYPE, lobsterNameParts, readLobster, type LobsterBook, type LobsterMessage } from './lobsterFiles';
import type { ReplayEvent } from './replayEvents';
import { ReplayFeed } from './replayFeed';

export interface LobsterReplayOptions {
  messagePath: string;
  orderbookPath: string;
  /** Defaults to the symbol in the LOBSTER file name. */
  symbol?: string;
  /** YYYY-MM-DD the seconds-after-midnight count from; defaults to the date in the file name. */
  date?: string;
  conId?: number;
  speed?: number;
}

const EXCHANGE = 'NSDQ';
const PRICE_SCALE = 10_000;

/** LOBSTER halt messages carry the state in the price column: -1 halted, 0 quoting, 1 trading again. */
const HALTED = -1;
const RESUMED = 1;

/** One symbol's Nasdaq book and trades from LOBSTER message/orderbook files, as a replayable MarketFeed. */
export function createLobsterReplay(options: LobsterReplayOptions): ReplayFeed {
  const named = lobsterNameParts(options.messagePath);
  const symbol = options.symbol ?? named.symbol;
  const date = options.date ?? named.date;
  if (!symbol || !date) throw new Error('createLobsterReplay: give symbol and date, or use LOBSTER file names (SYMBOL_YYYY-MM-DD_..._message_N.csv)');
  const { messages, books } = readLobster(options.messagePath, options.orderbookPath);
  const midnight = etToUtc(date, 0);
  const spec: SymbolSpec = {
    symbol, conId: options.conId ?? 900_000_001, secType: 'STK', isEtf: false, primaryExchange: 'NASDAQ', currency: 'USD',
    minTick: 0.01, longName: `${symbol} (LOBSTER replay)`, level2: true,
  };
  const startTs = messages.length > 0 ? midnight + Math.floor((messages[0] as LobsterMessage).time) * 1000 : midnight;
  return new ReplayFeed({ startTs, symbols: [spec], events: toEvents(symbol, midnight, messages, books) }, options.speed ?? 1);
}

function rows(levels: LobsterBook['asks']): DepthRow[] {
  return levels.map((l) => ({ price: l.price / PRICE_SCALE, size: l.size, exchange: EXCHANGE, marketMaker: EXCHANGE }));
}

function sameTop(a: SimQuote | undefined, b: SimQuote): boolean {
  return !!a && a.bid === b.bid && a.ask === b.ask && a.bidSize === b.bidSize && a.askSize === b.askSize && a.halted === b.halted && a.volume === b.volume;
}

/** Turns the message stream into quote, depth, trade, bar and halt events in time order. */
function toEvents(symbol: string, midnight: number, messages: LobsterMessage[], books: LobsterBook[]): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  let volume = 0;
  let notional = 0;
  let last = 0;
  let lastSize = 0;
  let halted = false;
  let previousQuote: SimQuote | undefined;
  let previousBook = '';
  let bars: BarBuilder | undefined;
  let nextBar = 0;
  messages.forEach((m, i) => {
    const t = midnight + Math.round(m.time * 1000);
    const book = books[i] as LobsterBook;
    if (!bars) {
      bars = new BarBuilder(symbol, (book.asks[0]?.price ?? book.bids[0]?.price ?? 0) / PRICE_SCALE);
      bars.begin(t);
      nextBar = (BarBuilder.barStart(t) + BAR_SECONDS) * 1000;
    }
    for (; t >= nextBar; nextBar += BAR_SECONDS * 1000) events.push({ t: nextBar, type: 'bar', data: bars.finish(nextBar) });
    if (m.type === LOBSTER_TYPE.halt) {
      if (m.price === HALTED || m.price === RESUMED) {
        halted = m.price === HALTED;
        if (halted) events.push({ t, type: 'episode', data: { kind: 'halt', symbol, startTs: t, detail: { source: 'LOBSTER' } } });
      }
    } else if (m.type === LOBSTER_TYPE.executeVisible || m.type === LOBSTER_TYPE.executeHidden) {
      const price = m.price / PRICE_SCALE;
      // The message names the resting order that was hit: a buy order executed means a seller came in.
      const aggressor: SimAggressor = m.direction === 1 ? 'sell' : 'buy';
      volume += m.size;
      notional += price * m.size;
      last = price;
      lastSize = m.size;
      bars.add(price, m.size);
      events.push({ t, type: 'trade', data: { symbol, price, size: m.size, exchange: EXCHANGE, aggressor, kind: 'noise', totalVolume: volume, vwap: notional / volume, ts: t } });
    }
    const depth: SimDepthBook = { symbol, bids: rows(book.bids), asks: rows(book.asks), ts: t };
    const key = JSON.stringify([depth.bids, depth.asks]);
    if (key !== previousBook) {
      previousBook = key;
      events.push({ t, type: 'depth', data: depth });
    }
    const quote: SimQuote = {
      symbol, bid: depth.bids[0]?.price ?? 0, bidSize: depth.bids[0]?.size ?? 0, ask: depth.asks[0]?.price ?? 0, askSize: depth.asks[0]?.size ?? 0,
      last, lastSize, volume, halted, ts: t,
    };
    if (!sameTop(previousQuote, quote)) events.push({ t, type: 'quote', data: quote });
    previousQuote = quote;
  });
  return events;
}

import type { SimQuote, TradePrint } from '../../market/marketFeed';
import { rtVolumeText } from '../encoders/tickEncoders';
import { TICK } from '../../../market/tickTypes';
import { TickLine } from './tickLine';
import type { MarketDataSink } from './marketDataSink';

/**
 * One reqMktData line on a stock: top of book, last, volume, the previous session's close, halted and
 * (generic 233) RTVolume.
 * Sends only what changed since the previous update, as TWS does.
 */
export class StockTicker extends TickLine {
  private bid = NaN;
  private bidSize = NaN;
  private ask = NaN;
  private askSize = NaN;
  private halted: boolean | undefined;
  private readonly rtVolume: boolean;

  constructor(
    sink: MarketDataSink,
    tickerId: number,
    readonly symbol: string,
    genericTicks: number[],
    delayed: boolean,
  ) {
    super(sink, tickerId, delayed);
    this.rtVolume = genericTicks.includes(233);
  }

  /** The first full picture after the request. */
  snapshot(q: SimQuote | undefined, previousClose: number | undefined): void {
    if (!q) return;
    this.onQuote(q);
    if (q.last > 0) this.price(TICK.LAST, q.last, q.lastSize);
    if (q.volume > 0) this.size(TICK.VOLUME, q.volume);
    if (previousClose !== undefined) this.onPreviousClose(previousClose);
  }

  /** Tick 9, sent with the first picture and again when a new session begins (TWS sends no size with it). */
  onPreviousClose(close: number): void {
    if (close > 0) this.price(TICK.CLOSE, close, 0);
  }

  onQuote(q: SimQuote): void {
    if (q.bid !== this.bid) {
      this.price(TICK.BID, q.bid, q.bidSize);
      this.size(TICK.BID_SIZE, q.bidSize); // stoqey never emits BID_SIZE from TICK_PRICE (tick 0 is falsy)
    } else if (q.bidSize !== this.bidSize) {
      this.size(TICK.BID_SIZE, q.bidSize);
    }
    if (q.ask !== this.ask) this.price(TICK.ASK, q.ask, q.askSize);
    else if (q.askSize !== this.askSize) this.size(TICK.ASK_SIZE, q.askSize);
    this.bid = q.bid;
    this.bidSize = q.bidSize;
    this.ask = q.ask;
    this.askSize = q.askSize;
    if (q.halted !== this.halted) {
      this.halted = q.halted;
      this.generic(TICK.HALTED, q.halted ? 1 : 0);
    }
  }

  onTrade(t: TradePrint): void {
    this.price(TICK.LAST, t.price, t.size);
    this.size(TICK.VOLUME, t.totalVolume);
    this.string(TICK.LAST_TIMESTAMP, String(Math.floor(t.ts / 1000)));
    if (this.rtVolume) this.string(TICK.RT_VOLUME, rtVolumeText(t.price, t.size, t.ts, t.totalVolume, t.vwap, true));
  }
}

import type { OptionQuote } from '../../market/marketFeed';
import type { OptionComputationView } from '../encoders/tickEncoders';
import { TICK } from '../../../market/tickTypes';
import { TickLine } from './tickLine';
import type { MarketDataSink } from './marketDataSink';

/** tickAttrib 1: the implied vol is price-based (v156+). */
const PRICE_BASED = 1;

/** One reqMktData line on an option: quote, last, volume and TICK_OPTION_COMPUTATION for bid/ask/last/model. */
export class OptionTicker extends TickLine {
  private last: Partial<OptionQuote> = {};

  constructor(
    sink: MarketDataSink,
    tickerId: number,
    readonly conId: number,
    readonly underlying: string,
    delayed: boolean,
  ) {
    super(sink, tickerId, delayed);
  }

  update(q: OptionQuote | undefined): void {
    if (!q) return;
    const prev = this.last;
    if (q.bid !== prev.bid) {
      this.price(TICK.BID, q.bid, q.bidSize);
      this.size(TICK.BID_SIZE, q.bidSize);
    } else if (q.bidSize !== prev.bidSize) this.size(TICK.BID_SIZE, q.bidSize);
    if (q.ask !== prev.ask) this.price(TICK.ASK, q.ask, q.askSize);
    else if (q.askSize !== prev.askSize) this.size(TICK.ASK_SIZE, q.askSize);
    if (q.last !== prev.last && q.last > 0) this.price(TICK.LAST, q.last, 1);
    if (q.volume !== prev.volume) this.size(TICK.VOLUME, q.volume);
    if (q.impliedVol !== prev.impliedVol || q.delta !== prev.delta || q.underlyingPrice !== prev.underlyingPrice) this.greeks(q);
    this.last = { ...q };
  }

  private greeks(q: OptionQuote): void {
    const base: OptionComputationView = {
      tickAttrib: PRICE_BASED,
      impliedVol: q.impliedVol,
      delta: q.delta,
      optPrice: q.mark,
      pvDividend: 0,
      gamma: q.gamma,
      vega: q.vega,
      theta: q.theta,
      undPrice: q.underlyingPrice,
    };
    this.computation(TICK.BID_OPTION, { ...base, optPrice: q.bid });
    this.computation(TICK.ASK_OPTION, { ...base, optPrice: q.ask });
    if (q.last > 0) this.computation(TICK.LAST_OPTION, { ...base, optPrice: q.last });
    this.computation(TICK.MODEL_OPTION, base);
  }
}

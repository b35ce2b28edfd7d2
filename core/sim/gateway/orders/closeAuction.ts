import type { MarketFeed } from '../../market/marketFeed';
import type { FillPiece } from './fills';
import type { WorkingOrder } from './workingOrder';

/**
 * The 16:00 closing cross for MOC and LOC orders. The closing price is the symbol's last trade before 16:00 (the
 * close the market's daily bar records); every MOC order fills at it in full, an LOC order only if its limit allows
 * (a buy at or above the close, a sell at or below), otherwise it is cancelled with the day.
 */
export class CloseAuction {
  private readonly lastTrade = new Map<string, number>();

  /** Called with every trade print before the engine reacts to the clock, so it holds the last price before 16:00. */
  recordTrade(symbol: string, price: number): void {
    this.lastTrade.set(symbol, price);
  }

  closingPrice(feed: MarketFeed, symbol: string): number | undefined {
    const traded = this.lastTrade.get(symbol);
    if (traded !== undefined) return traded;
    const q = feed.quote(symbol);
    if (!q) return undefined;
    return q.last > 0 ? q.last : (q.bid + q.ask) / 2;
  }

  /** The order's fill in the cross, or undefined when its limit does not allow the closing price. */
  fillFor(o: WorkingOrder, closingPrice: number, remaining: number): FillPiece | undefined {
    const limit = o.ticket.orderType === 'LOC' ? o.ticket.lmtPrice : undefined;
    if (limit !== undefined && (o.ticket.action === 'BUY' ? closingPrice > limit : closingPrice < limit)) return undefined;
    const exchange = o.instrument.kind === 'stock' ? o.instrument.spec.primaryExchange : 'SMART';
    return { price: closingPrice, size: remaining, exchange };
  }
}

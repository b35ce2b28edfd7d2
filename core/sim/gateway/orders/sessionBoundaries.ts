import type { MarketFeed, TradePrint } from '../../market/marketFeed';
import { symbolOf } from '../contracts/catalog';
import { CloseAuction } from './closeAuction';
import type { FillPiece } from './fills';
import { type SessionEvent, SessionClock } from './sessionClock';
import type { TradingHoursMode } from './tradingHours';
import { mayTradeNow } from './tradingSession';
import { isDone, isLive, remainingOf, type WorkingOrder } from './workingOrder';

/** What the session needs from the order engine. */
export interface SessionHooks {
  orders(): Iterable<WorkingOrder>;
  expire(o: WorkingOrder): void;
  hold(o: WorkingOrder): void;
  release(o: WorkingOrder): void;
  fill(o: WorkingOrder, piece: FillPiece): void;
}

/**
 * The trading day as the market clock passes its boundaries: the close auction at 16:00, DAY orders expiring at
 * their session's end, orders that may not trade outside regular hours held at the close and released at the open.
 */
export class SessionBoundaries {
  private readonly clock: SessionClock;
  private readonly auction = new CloseAuction();

  constructor(
    private readonly feed: MarketFeed,
    private readonly mode: TradingHoursMode,
    private readonly hooks: SessionHooks,
  ) {
    this.clock = new SessionClock(feed.now());
  }

  /** Handles every boundary the clock has passed since the last call. */
  catchUp(): void {
    for (const event of this.clock.passed(this.feed.now())) this.onBoundary(event);
  }

  recordTrade(t: TradePrint): void {
    this.auction.recordTrade(t.symbol, t.price);
  }

  private onBoundary(event: SessionEvent): void {
    if (event.kind === 'close') this.runCloseAuction();
    for (const o of [...this.hooks.orders()]) {
      if (isDone(o)) continue;
      if (o.expiresAt !== undefined && o.expiresAt <= event.ts) this.hooks.expire(o);
      else if (isLive(o) && !mayTradeNow(o, event.ts, this.mode)) this.hooks.hold(o);
      else if (o.state === 'held' && mayTradeNow(o, event.ts, this.mode)) this.hooks.release(o);
    }
  }

  private runCloseAuction(): void {
    for (const o of [...this.hooks.orders()]) {
      if (o.state !== 'auction') continue;
      const price = this.auction.closingPrice(this.feed, symbolOf(o.instrument));
      const fill = price === undefined ? undefined : this.auction.fillFor(o, price, remainingOf(o));
      if (fill) this.hooks.fill(o, fill);
      else this.hooks.expire(o);
    }
  }
}

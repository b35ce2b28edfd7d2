import type { EngineBus, VenueCommission, VenueFill } from '../bus/catalogue';
import { instrumentKey } from '../market/order';
import type { ExecutionStore } from './executionStore';
import type { FillJoiner, FillNews } from './fillJoiner';
import type { OrderLedger } from './orderLedger';
import type { Portfolio } from './portfolio';

export interface FillRecorderDeps {
  bus: EngineBus;
  store: ExecutionStore;
  joiner: FillJoiner;
  ledger: OrderLedger;
  portfolio: Portfolio;
}

/**
 * Where a fill lands, whether the venue reported it live or reconciliation found it: once per execId, into the
 * positions at once (a trader sees the position before the commission arrives), then its commission, whichever
 * came first. `fillRecorded` is published when the fill is first seen and again when its commission joins it (same
 * execId: a subscriber keeps the newest).
 */
export class FillRecorder {
  /** Fills recorded without moving the positions (from before the engine kept a history): their commissions neither. */
  private readonly outsideBook = new Set<string>();

  constructor(private readonly deps: FillRecorderDeps) {}

  /** Records a fill; true when it was new. `intoBook` false: kept and shown, but the positions come from the venue. */
  fill({ fill, external }: VenueFill, intoBook = true): boolean {
    const news = this.deps.joiner.fill(fill, external);
    if (!news) return false;
    if (news.newFill && !intoBook) this.outsideBook.add(fill.execId);
    this.land(news);
    return news.newFill;
  }

  commission({ execId, commission }: VenueCommission): void {
    const news = this.deps.joiner.commission(execId, commission);
    if (news) this.land(news);
  }

  private land({ recorded, newFill, newCommission }: FillNews): void {
    const { fill, external } = recorded;
    const { portfolio, ledger, store, bus } = this.deps;
    const inBook = !this.outsideBook.has(fill.execId);
    if (newFill && inBook) portfolio.applyFill(fill);
    if (newCommission !== null && inBook) portfolio.applyCommission(fill.instrument, newCommission);
    const order = external ? undefined : ledger.get(fill.orderId);
    if (newCommission !== null && order) ledger.update({ ...order, commission: order.commission + newCommission });
    store.saveFill(recorded);
    bus.publish('fillRecorded', fill);
    if (newFill) {
      const what = `${fill.side === 'buy' ? 'bought' : 'sold'} ${fill.quantity} ${instrumentKey(fill.instrument)} at ${fill.price} on ${fill.exchange}`;
      ledger.audit({ who: 'venue', what: 'fill', why: external ? `${what} (another client's order)` : what, orderId: fill.orderId, inputs: recorded });
    }
  }
}

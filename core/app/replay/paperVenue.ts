/**
 * The replay's execution venue: the order manager's ExecutionVenue, filling against the replayed market's touch
 * instead of sending anything anywhere. The fill model is deliberately plain (the README says so):
 * - a buy fills at the ask, a sell at the bid, the whole quantity at once (no depth, no queue position, no partials);
 * - LMT fills once the touch reaches the limit (buy: ask ≤ limit; sell: bid ≥ limit), MKT at once, STP once the touch
 *   crosses the stop (sell: bid ≤ stop; buy: ask ≥ stop), STP LMT as STP within its limit;
 * - MOC and LOC fill only in the closing cross (`closingCross`, when the replay's clock reaches the session's close), at
 *   the last trade before it (the touch's mid without one), an LOC only within its limit; the simulated gateway does
 *   the same;
 * - an option trades at its chain's last snapshot (the session format records chains, not option ticks);
 * - a bracket's children work from the first match after the parent filled, and a child's fill cancels its sibling
 *   (one cancels the other);
 * - commissions: $0.65 a contract, $0.005 a share, at least $1 an order.
 * Orders are matched after each step of market time, in order-id order, on the replay's clock: deterministic.
 */
import type { EngineBus, VenueOrderReadiness } from '../../bus/catalogue';
import type { ExecutionVenue, VenueOrder, VenueSnapshot } from '../../execution/executionVenue';
import type { OrderPreview, OrderRecord } from '../../market/order';
import type { ReplayMarket, Touch } from './replayMarket';

interface Working {
  record: OrderRecord;
  /** Children of a bracket wait for their parent's fill. */
  active: boolean;
}

export const commissionOf = (record: Pick<OrderRecord, 'instrument' | 'quantity'>): number =>
  Math.max(1, record.quantity * (record.instrument.kind === 'option' ? 0.65 : 0.005));

export class PaperVenue implements ExecutionVenue {
  private readonly working = new Map<number, Working>();
  private fills = 0;

  constructor(
    private readonly bus: EngineBus,
    private readonly market: Pick<ReplayMarket, 'touch'>,
    private readonly clock: () => number,
  ) {}

  readiness(): VenueOrderReadiness {
    return { venue: 'ibkr', ready: true, nextValidId: 1, session: 1 };
  }

  place(orders: readonly VenueOrder[]): void {
    for (const { orderId, record } of orders) {
      const active = record.parentId === null;
      this.working.set(orderId, { record, active });
      this.report(orderId, active ? 'Submitted' : 'PreSubmitted', 0, record.quantity, null);
    }
  }

  modify(order: VenueOrder): void {
    const held = this.working.get(order.orderId);
    if (!held) return;
    held.record = order.record;
    this.report(order.orderId, held.active ? 'Submitted' : 'PreSubmitted', 0, order.record.quantity, null);
  }

  cancel(orderId: number): void {
    const held = this.working.get(orderId);
    if (!held) return;
    this.working.delete(orderId);
    this.report(orderId, 'Cancelled', 0, held.record.quantity, null);
  }

  globalCancel(): void {
    for (const orderId of [...this.working.keys()]) this.cancel(orderId);
  }

  async preview(): Promise<OrderPreview> {
    throw new Error('a replay has no what-if previews (the paper venue has no margin model)');
  }

  async snapshot(): Promise<VenueSnapshot> {
    return { openOrders: [], fills: [], positions: [] };
  }

  /** Fills what the market reached since the last call; a bracket's children work from the next call on. */
  match(): void {
    const active = [...this.working].filter(([, held]) => held.active).sort(([a], [b]) => a - b);
    for (const [orderId, held] of active) {
      if (!this.working.has(orderId)) continue;
      const touch = this.market.touch(held.record.instrument);
      const price = touch ? fillPrice(held.record, touch) : null;
      if (price !== null) this.fill(orderId, held.record, price);
    }
  }

  /** The closing auction: every working MOC order fills at the close's price, an LOC within its limit; others stay. */
  closingCross(closePrice: (instrument: OrderRecord['instrument']) => number | null): void {
    const auction = [...this.working].filter(([, held]) => held.active && (held.record.type === 'MOC' || held.record.type === 'LOC'));
    for (const [orderId, held] of auction.sort(([a], [b]) => a - b)) {
      if (!this.working.has(orderId)) continue;
      const price = closePrice(held.record.instrument);
      if (price !== null && crossesAt(held.record, price)) this.fill(orderId, held.record, price);
    }
  }

  private fill(orderId: number, record: OrderRecord, price: number): void {
    const execId = `paper-${++this.fills}`;
    const time = this.clock();
    this.working.delete(orderId);
    this.bus.publish('venueFillReported', { venue: 'ibkr', external: false, fill: { execId, orderId, instrument: record.instrument, side: record.side, quantity: record.quantity, price, exchange: 'PAPER', time, commission: null } });
    this.bus.publish('venueCommissionReported', { venue: 'ibkr', execId, commission: commissionOf(record), realizedPnl: null });
    this.report(orderId, 'Filled', record.quantity, 0, price);
    for (const [childId, child] of this.working) {
      if (child.record.parentId === orderId) child.active = true;
      else if (record.parentId !== null && child.record.parentId === record.parentId) this.cancel(childId);
    }
  }

  private report(orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number | null): void {
    this.bus.publish('venueOrderReported', { venue: 'ibkr', orderId, status, filled, remaining, avgFillPrice, permId: null, order: null, error: null, external: false, at: this.clock() });
  }
}

/** The price an order fills at on this touch, or null when it does not fill (see the module comment). */
export function fillPrice(record: Pick<OrderRecord, 'side' | 'type' | 'limitPrice' | 'stopPrice'>, touch: Touch): number | null {
  const buy = record.side === 'buy';
  const price = buy ? touch.ask : touch.bid;
  if (price === null || !(price > 0)) return null;
  const { limitPrice: limit, stopPrice: stop } = record;
  const withinLimit = limit === null || (buy ? price <= limit : price >= limit);
  const stopped = stop !== null && (buy ? price >= stop : price <= stop);
  switch (record.type) {
    case 'MKT':
      return price;
    case 'LMT':
      return withinLimit ? price : null;
    case 'STP':
      return stopped ? price : null;
    case 'STP LMT':
      return stopped && withinLimit ? price : null;
    default:
      return null;
  }
}

/** Whether an auction order takes the closing price: MOC always, LOC when the price is within its limit. */
function crossesAt(record: Pick<OrderRecord, 'side' | 'type' | 'limitPrice'>, price: number): boolean {
  if (record.type === 'MOC') return true;
  const limit = record.limitPrice;
  return limit !== null && (record.side === 'buy' ? price <= limit : price >= limit);
}

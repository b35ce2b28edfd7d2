import type { EngineBus, VenueOrderReport } from '../bus/catalogue';
import { instrumentKey, type Instrument, type OrderReceipt, type OrderRecord, type OrderSide } from '../market/order';
import type { AuditEntry, ExecutionStore } from './executionStore';
import { applyVenueReport, isFinal, type OrderTransition } from './orderStateMachine';

/** What a change of an order is audited as. */
export interface OrderChange {
  who: string;
  what: string;
  why: string;
  inputs: unknown;
}

/**
 * The engine's orders: this engine's by id (kept, reloaded at start), and the read-only ones other clients or TWS
 * placed (by permId; the venue lists them again on every connect, so they are not stored). Every change is saved,
 * published (orderChanged) and audited here, and nowhere else.
 */
export class OrderLedger {
  private readonly orders = new Map<number, OrderRecord>();
  private readonly external = new Map<string, OrderRecord>();
  private readonly receipts = new Map<string, OrderReceipt>();

  constructor(
    private readonly bus: EngineBus,
    private readonly store: ExecutionStore,
    private readonly clock: () => number,
  ) {}

  load(orders: readonly OrderRecord[], receipts: readonly OrderReceipt[]): void {
    for (const order of orders) this.orders.set(order.orderId, order);
    for (const receipt of receipts) this.receipts.set(receipt.clientOrderKey, receipt);
  }

  get(orderId: number): OrderRecord | undefined {
    return this.orders.get(orderId);
  }

  /** A read-only order of another client with this id (the cockpit shows them by their own ids). */
  externalWithId(orderId: number): OrderRecord | undefined {
    for (const order of this.external.values()) if (order.orderId === orderId) return order;
    return undefined;
  }

  receipt(clientOrderKey: string): OrderReceipt | undefined {
    return this.receipts.get(clientOrderKey);
  }

  saveReceipt(receipt: OrderReceipt): void {
    this.receipts.set(receipt.clientOrderKey, receipt);
    this.store.saveReceipt(receipt);
  }

  /** This engine's orders that are not final (Unknown included: the engine cannot tell they are done). */
  working(): OrderRecord[] {
    return [...this.orders.values()].filter((o) => !isFinal(o.status));
  }

  /**
   * What is still to fill of the working orders on one side of an instrument, other clients' included, with one
   * order counted at a new quantity (a modification). Orders of one OCA group count once (at most one of them
   * fills): a bracket's profit taker and stop are one exit.
   */
  workingQuantity(instrument: Instrument, side: OrderSide, replacing?: { orderId: number; quantity: number }): number {
    const key = instrumentKey(instrument);
    const byGroup = new Map<string, number>();
    let total = 0;
    for (const order of [...this.orders.values(), ...this.external.values()]) {
      if (order.side !== side || isFinal(order.status) || instrumentKey(order.instrument) !== key) continue;
      const replaced = !order.external && order.orderId === replacing?.orderId;
      const remaining = replaced ? replacing.quantity : Math.max(0, order.quantity - order.filled);
      if (order.ocaGroup === null) total += remaining;
      else byGroup.set(order.ocaGroup, Math.max(byGroup.get(order.ocaGroup) ?? 0, remaining));
    }
    for (const remaining of byGroup.values()) total += remaining;
    return total;
  }

  /** Saves, publishes and audits one order as it is now. */
  commit(order: OrderRecord, change: OrderChange): void {
    if (order.external) {
      this.external.delete(`id:${order.orderId}`); // seen first without its permId
      this.external.set(externalKey(order), order);
    } else {
      this.orders.set(order.orderId, order);
      this.store.saveOrder(order);
    }
    this.bus.publish('orderChanged', order);
    this.audit({ ...change, orderId: order.orderId });
  }

  /** A field that is no transition (a commission joined): saved and published, not audited. */
  update(order: OrderRecord): void {
    this.orders.set(order.orderId, order);
    this.store.saveOrder(order);
    this.bus.publish('orderChanged', order);
  }

  audit(entry: Omit<AuditEntry, 'at' | 'orderId'> & { orderId?: number | null }): void {
    this.store.audit({ at: this.clock(), orderId: null, ...entry });
  }

  /**
   * Applies what the venue said about one order: this engine's through the state machine; another client's kept
   * read-only. A report for an id this engine has no record of (placed before its records were lost) is shown
   * read-only too. Null when the report names no order the engine can show.
   */
  applyReport(report: VenueOrderReport): ReportOutcome | null {
    const known = (report.external ? undefined : this.orders.get(report.orderId)) ?? this.externalFor(report);
    if (known) {
      const transition = applyVenueReport(known, report, this.clock());
      if (transition) this.commit(transition.order, { who: 'venue', what: `order ${transition.what}`, why: transition.why, inputs: report });
      return { order: transition?.order ?? known, transition, firstSeen: false };
    }
    if (!report.order) return null;
    const fresh = readOnlyRecord(report, this.clock());
    const transition = applyVenueReport(fresh, report, this.clock());
    const order = transition?.order ?? fresh;
    this.commit(order, { who: 'venue', what: `read-only order seen (${order.status})`, why: order.message ?? '', inputs: report });
    return { order, transition, firstSeen: true };
  }

  private externalFor(report: VenueOrderReport): OrderRecord | undefined {
    if (report.permId !== null && report.permId > 0) {
      const byPerm = this.external.get(`perm:${report.permId}`);
      if (byPerm) return byPerm;
    }
    return this.external.get(`id:${report.orderId}`);
  }
}

export interface ReportOutcome {
  order: OrderRecord;
  transition: OrderTransition | null;
  /** An order the engine had never seen (another client's, or one it has no record of). */
  firstSeen: boolean;
}

function externalKey(order: OrderRecord): string {
  return order.permId !== null && order.permId > 0 ? `perm:${order.permId}` : `id:${order.orderId}`;
}

function readOnlyRecord(report: VenueOrderReport, now: number): OrderRecord {
  const d = report.order!;
  return {
    orderId: report.orderId,
    clientOrderKey: report.permId ? `perm:${report.permId}` : `id:${report.orderId}`,
    role: 'single',
    parentId: d.parentId,
    instrument: d.instrument,
    side: d.side,
    quantity: d.quantity,
    type: d.type,
    limitPrice: d.limitPrice,
    stopPrice: d.stopPrice,
    tif: d.tif,
    outsideRth: d.outsideRth,
    ocaGroup: d.ocaGroup,
    status: 'Unknown',
    filled: 0,
    avgFillPrice: null,
    commission: 0,
    message: report.external ? 'placed in TWS or by another client: read-only here' : 'placed by this engine before its records were lost: read-only here',
    permId: report.permId,
    source: 'reconciliation',
    requestedBy: report.external ? 'TWS or another client' : 'unknown',
    external: true,
    createdAt: now,
    updatedAt: now,
  };
}

import type { EngineBus } from '../../bus/catalogue';
import { FINAL_ORDER_STATUSES, type AccountSnapshot, type Fill, type OrderRecord, type Position } from '../../market/order';
import { Topic } from '../../runtime/topic';
import type { FlattenProgress } from '../../contract/riskView';
import { IDLE_FLATTEN } from '../../execution/flattenAll';

/** Orders, fills, positions and the account as the cockpit shows them: at most one publish per 50 ms a stream. */
const PACE_MS = 50;
/** Finished orders kept for the Orders panel beside every working one. */
const FINISHED_SHOWN = 200;
const FILLS_SHOWN = 200;

export class ExecutionStreams {
  readonly orders = new Topic<OrderRecord[]>(PACE_MS);
  readonly executions = new Topic<Fill[]>(PACE_MS);
  readonly positions = new Topic<Position[]>(PACE_MS);
  readonly account = new Topic<AccountSnapshot>(PACE_MS);
  /** Flatten all's progress: every step is shown (not paced), idle before any run. */
  readonly flatten = new Topic<FlattenProgress>();
  /** By rowKey: orders placed in TWS or by other clients have their own id sequences, so ids alone may collide. */
  private readonly byId = new Map<string, OrderRecord>();
  private fills: Fill[] = [];
  private readonly unsubscribes: Array<() => void> = [];

  constructor(private readonly bus: EngineBus) {}

  start(): void {
    this.orders.publish([]);
    this.executions.publish([]);
    this.positions.publish([]);
    this.flatten.publish(IDLE_FLATTEN);
    this.unsubscribes.push(
      this.bus.subscribe('orderChanged', (order) => this.onOrder(order)),
      this.bus.subscribe('fillRecorded', (fill) => this.onFill(fill)),
      this.bus.subscribe('positionsChanged', (positions) => this.positions.publish([...positions])),
      this.bus.subscribe('accountChanged', (account) => this.account.publish(account)),
      this.bus.subscribe('flattenProgressed', (progress) => this.flatten.publish(progress)),
    );
  }

  stop(): void {
    for (const off of this.unsubscribes.splice(0)) off();
    for (const topic of [this.orders, this.executions, this.positions, this.account, this.flatten] as const) topic.close();
  }

  private onOrder(order: OrderRecord): void {
    this.byId.set(rowKey(order), order);
    this.forgetOldFinished();
    this.orders.publish([...this.byId.values()].sort((a, b) => b.createdAt - a.createdAt || b.orderId - a.orderId));
  }

  private onFill(fill: Fill): void {
    const others = this.fills.filter((f) => f.execId !== fill.execId);
    this.fills = [fill, ...others].sort((a, b) => b.time - a.time).slice(0, FILLS_SHOWN);
    this.executions.publish(this.fills);
  }

  private forgetOldFinished(): void {
    const finished = [...this.byId.values()].filter((o) => FINAL_ORDER_STATUSES.has(o.status));
    if (finished.length <= FINISHED_SHOWN) return;
    finished.sort((a, b) => a.updatedAt - b.updatedAt);
    for (const old of finished.slice(0, finished.length - FINISHED_SHOWN)) this.byId.delete(rowKey(old));
  }
}

/** One row per order: this engine's by id, others' by their permanent id (unique across clients) when known. */
export function rowKey(order: OrderRecord): string {
  return order.external ? `x${order.permId ?? order.orderId}` : String(order.orderId);
}

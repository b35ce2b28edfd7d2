/**
 * What the live engine keeps in Redis, kept in memory for a replay: a replay starts from nothing (no orders, no
 * positions, no history, proposal numbers from 1) and leaves nothing behind, so it never touches the trader's Redis.
 */
import type { AuditEntry, ExecutionStore, StoredExecution } from '../../execution/executionStore';
import type { RecordedFill } from '../../execution/fillJoiner';
import type { BookedPosition } from '../../execution/positionBook';
import type { AccountSnapshot, OrderReceipt, OrderRecord } from '../../market/order';
import type { HistoryEntry, HistoryStore } from '../../signals/signalHistory';

export class MemoryExecutionStore implements ExecutionStore {
  readonly orders = new Map<number, OrderRecord>();
  readonly fills: RecordedFill[] = [];
  positions: readonly BookedPosition[] = [];
  readonly auditRows: AuditEntry[] = [];
  private idFloor = 0;

  async load(): Promise<StoredExecution> {
    return { orders: [], receipts: [], idFloor: this.idFloor, positions: [], fills: [] };
  }

  async raiseIdFloor(floor: number): Promise<void> {
    this.idFloor = Math.max(this.idFloor, floor);
  }

  saveOrder(order: OrderRecord): void {
    this.orders.set(order.orderId, { ...order });
  }

  saveReceipt(_receipt: OrderReceipt): void {}

  saveFill(fill: RecordedFill): void {
    this.fills.push(fill);
  }

  savePositions(positions: readonly BookedPosition[]): void {
    this.positions = positions;
  }

  saveAccount(_account: AccountSnapshot): void {}

  audit(entry: AuditEntry): void {
    this.auditRows.push(entry);
  }

  async close(): Promise<void> {}
}

export class MemoryHistoryStore implements HistoryStore {
  readonly entries: HistoryEntry[] = [];

  async append(entry: HistoryEntry): Promise<void> {
    this.entries.push(entry);
  }

  async load(): Promise<HistoryEntry[]> {
    return [...this.entries];
  }
}

/** Proposal numbers from 1, as a fresh engine's would be. */
export function proposalNumbers(): () => Promise<number> {
  let next = 0;
  return async () => ++next;
}

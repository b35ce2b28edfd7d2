import type { AccountSnapshot, OrderReceipt, OrderRecord } from '../market/order';
import type { RecordedFill } from './fillJoiner';
import type { BookedPosition } from './positionBook';

/** One row of the durable audit trail: who did what, why, with which inputs, when. Never expires. */
export interface AuditEntry {
  at: number;
  /** The requester (operator via transport, strategy id), `venue` for what the gateway reported, `engine`. */
  who: string;
  /** "order submitted", "order Submitted → Filled", "order denied", "fill", "reconciliation: …". */
  what: string;
  /** The requester's reason, the denial's sentence, the gateway's message. */
  why: string;
  orderId: number | null;
  /** What it acted on (the request, the venue's report, the fill); stored as JSON. */
  inputs: unknown;
}

/** What the order manager finds at start. */
export interface StoredExecution {
  orders: OrderRecord[];
  receipts: OrderReceipt[];
  /** Every order id below it may have been used; 0 when none was ever reserved. */
  idFloor: number;
  positions: BookedPosition[];
  fills: RecordedFill[];
}

/**
 * Where the order manager keeps its state (core/store/executionStore.ts writes it to Redis).
 *
 * `raiseIdFloor` is the one write the manager waits for: an id is never used before the store holds a floor above
 * it. Every other write returns at once and is queued: kept in order while the store is unreachable, written when
 * it is back, never dropped (orders and positions keep only their newest value while they wait).
 */
export interface ExecutionStore {
  /** Rejects when the store cannot be read: the manager does not start without its ids, keys and orders. */
  load(): Promise<StoredExecution>;
  /** Records that every id below `floor` may be used (never lowers it); rejects when it could not be recorded. */
  raiseIdFloor(floor: number): Promise<void>;
  saveOrder(order: OrderRecord): void;
  saveReceipt(receipt: OrderReceipt): void;
  saveFill(fill: RecordedFill): void;
  /** The whole book (flat positions with today's realized P&L included). */
  savePositions(positions: readonly BookedPosition[]): void;
  saveAccount(account: AccountSnapshot): void;
  audit(entry: AuditEntry): void;
  /** Writes what waits (a last try, within the store's deadline) and stops retrying, until the next load. */
  close(): Promise<void>;
}

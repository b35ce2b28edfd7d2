import type { Redis } from 'ioredis';
import type { AuditEntry, ExecutionStore, StoredExecution } from '../execution/executionStore';
import type { RecordedFill } from '../execution/fillJoiner';
import type { BookedPosition } from '../execution/positionBook';
import { FINAL_ORDER_STATUSES, type AccountSnapshot, type OrderReceipt, type OrderRecord } from '../market/order';
import { withDeadline } from '../runtime/deadline';
import { moduleLogger } from '../runtime/logger';
import { keys } from './keys';

const log = moduleLogger('executionStore');

/** Finished orders, client order keys and fills older than this are pruned at start (the audit stream keeps all). */
export const KEEP_MS = 7 * 86_400_000;
const RETRY_MS = 1_000;
const CLOSE_WRITE_MS = 2_000;

/** Raises the floor, never lowers it. */
const RAISE_FLOOR = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local wanted = tonumber(ARGV[1])
if wanted > current then redis.call('SET', KEYS[1], ARGV[1]) return wanted end
return current`;

interface StoredReceipt {
  clientOrderKey: string;
  orderIds: number[];
  at: number;
}

/** What waits to be written; orders, receipts and fills keep their newest value per id, audit rows all, in order. */
interface Pending {
  orders: Map<number, OrderRecord>;
  receipts: Map<string, StoredReceipt>;
  fills: Map<string, RecordedFill>;
  positions: readonly BookedPosition[] | null;
  account: AccountSnapshot | null;
  audit: AuditEntry[];
}

const nothingPending = (): Pending => ({ orders: new Map(), receipts: new Map(), fills: new Map(), positions: null, account: null, audit: [] });

export interface RedisExecutionStoreOptions {
  /** Writes are gathered this long into one MULTI (default 50 ms). */
  batchMs?: number;
  now?: () => number;
}

/**
 * The order manager's state in Redis (keys.execution). The id floor is written at once and awaited. Every other
 * write is queued and written in one MULTI per batch: while Redis is unreachable the queue is kept — audit rows
 * and fills all and in order, orders and positions at their newest — and written as soon as the client is ready
 * again (and every second until then). Nothing queued is dropped; a stop makes a last try within 2 s and logs what
 * it could not write.
 */
export class RedisExecutionStore implements ExecutionStore {
  private pending = nothingPending();
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private closed = false;
  private readonly batchMs: number;
  private readonly now: () => number;
  /** Redis is back: what waits is written now, not at the next retry. */
  private readonly onReady = () => {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule(0);
  };

  constructor(
    private readonly redis: Redis,
    options: RedisExecutionStoreOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 50;
    this.now = options.now ?? Date.now;
    redis.on('ready', this.onReady);
  }

  /** Reads what is kept; also (re)opens the store after a close, for a manager started again. */
  async load(): Promise<StoredExecution> {
    if (this.closed) {
      this.closed = false;
      this.redis.on('ready', this.onReady);
    }
    const { execution } = keys;
    const [orders, receipts, floor, fills, positions] = await Promise.all([
      this.redis.hgetall(execution.orders.key),
      this.redis.hgetall(execution.clientKeys.key),
      this.redis.get(execution.orderIdFloor.key),
      this.redis.hgetall(execution.fills.key),
      this.redis.get(execution.positions.key),
    ]);
    const cutoff = this.now() - KEEP_MS;
    const loaded: StoredExecution = {
      orders: this.entries(execution.orders.key, orders, isOrder, (o) => !FINAL_ORDER_STATUSES.has(o.status) || o.updatedAt >= cutoff),
      receipts: this.entries(execution.clientKeys.key, receipts, isReceipt, (r) => r.at >= cutoff).map(({ clientOrderKey, orderIds }): OrderReceipt => ({ clientOrderKey, orderIds, duplicate: false })),
      idFloor: Number(floor ?? 0) || 0,
      positions: parsePositions(positions),
      fills: this.entries(execution.fills.key, fills, isFill, (f) => f.fill.time >= cutoff),
    };
    return loaded;
  }

  async raiseIdFloor(floor: number): Promise<void> {
    await this.redis.eval(RAISE_FLOOR, 1, keys.execution.orderIdFloor.key, String(floor));
  }

  saveOrder(order: OrderRecord): void {
    this.pending.orders.set(order.orderId, order);
    this.schedule();
  }

  saveReceipt(receipt: OrderReceipt): void {
    this.pending.receipts.set(receipt.clientOrderKey, { clientOrderKey: receipt.clientOrderKey, orderIds: receipt.orderIds, at: this.now() });
    this.schedule();
  }

  saveFill(fill: RecordedFill): void {
    this.pending.fills.set(fill.fill.execId, fill);
    this.schedule();
  }

  savePositions(positions: readonly BookedPosition[]): void {
    this.pending.positions = positions;
    this.schedule();
  }

  saveAccount(account: AccountSnapshot): void {
    this.pending.account = account;
    this.schedule();
  }

  audit(entry: AuditEntry): void {
    this.pending.audit.push(entry);
    this.schedule();
  }

  /** Audit rows waiting for Redis (Health, tests). */
  get waitingAuditRows(): number {
    return this.pending.audit.length;
  }

  /** Writes what waits now; rejects when Redis did not take it (it stays queued). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (!hasPending(this.pending)) return;
    this.writing = this.write();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.redis.off('ready', this.onReady);
    await withDeadline(this.flush(), CLOSE_WRITE_MS, 'writing the order records').catch((error: unknown) =>
      log.error({ err: error, auditRows: this.pending.audit.length, orders: this.pending.orders.size }, 'order records that waited for Redis were not written before the stop'),
    );
  }

  private schedule(delay = this.batchMs): void {
    if (this.closed || this.timer !== undefined || !hasPending(this.pending)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, delay);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = nothingPending();
    const { execution } = keys;
    const multi = this.redis.multi();
    for (const [id, order] of batch.orders) multi.hset(execution.orders.key, String(id), JSON.stringify(order));
    for (const [key, receipt] of batch.receipts) multi.hset(execution.clientKeys.key, key, JSON.stringify(receipt));
    for (const [execId, fill] of batch.fills) multi.hset(execution.fills.key, execId, JSON.stringify(fill));
    if (batch.positions) multi.set(execution.positions.key, JSON.stringify(batch.positions));
    if (batch.account) multi.set(execution.account.key, JSON.stringify(batch.account));
    for (const row of batch.audit) multi.xadd(execution.audit.key, '*', ...auditFields(row));
    try {
      const results = (await multi.exec()) ?? [];
      const refused = results.filter(([error]) => error !== null);
      if (refused.length > 0) log.error({ err: refused[0]![0], refused: refused.length }, 'Redis refused order records (not retried: it would refuse them again)');
      if (this.failing) log.info('order records written now that Redis answers again');
      this.failing = false;
      this.schedule();
    } catch (error) {
      this.pending = merged(batch, this.pending);
      if (!this.failing) log.error({ err: error, auditRows: this.pending.audit.length }, 'order records wait for Redis; retrying');
      this.failing = true;
      if (!this.closed) this.schedule(RETRY_MS);
      throw error;
    }
  }

  /** The valid, recent entries of a hash; unreadable and old ones are deleted from it (the audit keeps the history). */
  private entries<T>(key: string, hash: Record<string, string>, valid: (v: unknown) => v is T, recent: (v: T) => boolean): T[] {
    const kept: T[] = [];
    const dropped: string[] = [];
    for (const [field, text] of Object.entries(hash)) {
      const value = parse(text);
      if (!valid(value)) log.warn({ key, field }, 'unreadable stored entry skipped');
      else if (recent(value)) kept.push(value);
      else dropped.push(field);
    }
    if (dropped.length > 0) this.redis.hdel(key, ...dropped).catch(() => undefined);
    return kept;
  }
}

/**
 * Every readable fill in `execution:fills` (what the execution has kept, a week back), read without pruning: for
 * readers beside the order manager (the daily summary). Unreadable entries are left out (the order manager's load
 * reports them).
 */
export async function storedFills(redis: Redis): Promise<RecordedFill[]> {
  const hash = await redis.hgetall(keys.execution.fills.key);
  return Object.values(hash).map(parse).filter(isFill);
}

function hasPending(p: Pending): boolean {
  return p.orders.size > 0 || p.receipts.size > 0 || p.fills.size > 0 || p.positions !== null || p.account !== null || p.audit.length > 0;
}

/** A batch Redis did not take, put back before what came meanwhile (newer values win; audit rows keep their order). */
function merged(older: Pending, newer: Pending): Pending {
  return {
    orders: new Map([...older.orders, ...newer.orders]),
    receipts: new Map([...older.receipts, ...newer.receipts]),
    fills: new Map([...older.fills, ...newer.fills]),
    positions: newer.positions ?? older.positions,
    account: newer.account ?? older.account,
    audit: [...older.audit, ...newer.audit],
  };
}

function auditFields(row: AuditEntry): string[] {
  return ['at', String(row.at), 'who', row.who, 'what', row.what, 'why', row.why, 'orderId', row.orderId === null ? '' : String(row.orderId), 'inputs', JSON.stringify(row.inputs ?? null)];
}

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isOrder = (v: unknown): v is OrderRecord => isObject(v) && typeof v.orderId === 'number' && typeof v.status === 'string' && isObject(v.instrument);
const isReceipt = (v: unknown): v is StoredReceipt => isObject(v) && typeof v.clientOrderKey === 'string' && Array.isArray(v.orderIds) && typeof v.at === 'number';
const isFill = (v: unknown): v is RecordedFill => isObject(v) && isObject(v.fill) && typeof v.fill.execId === 'string' && typeof v.fill.time === 'number';
const isPosition = (v: unknown): v is BookedPosition => isObject(v) && isObject(v.instrument) && typeof v.quantity === 'number' && typeof v.avgCost === 'number';

function parsePositions(text: string | null): BookedPosition[] {
  const value = parse(text);
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    log.warn({ key: keys.execution.positions.key }, 'stored positions unreadable: starting from the venue’s (reconciliation)');
    return [];
  }
  return value.filter(isPosition);
}

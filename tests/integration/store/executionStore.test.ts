import type { Redis } from 'ioredis';
import { afterEach, describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { AuditEntry } from '../../../core/execution/executionStore';
import { OrderManager } from '../../../core/execution/orderManager';
import { emptyPosition } from '../../../core/execution/positionBook';
import { orderRecords } from '../../../core/execution/orderTickets';
import type { Fill } from '../../../core/market/order';
import { OrderGate } from '../../../core/risk/orderGate';
import { RedisExecutionStore, KEEP_MS } from '../../../core/store/executionStore';
import { keys } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { eventually } from '../../support/eventually';
import { orderRequest, RecordingVenue, SPY } from '../../support/executionDoubles';
import { startTestRedis, type TestRedis } from '../../support/testRedis';
import { relaxedRiskLimits } from '../../support/riskFixtures';

const { execution } = keys;
const NOW = Date.parse('2025-03-03T15:00:00Z');

const audit = (what: string, at = NOW): AuditEntry => ({ at, who: 'trader via test', what, why: 'because', orderId: 7, inputs: { n: what } });
const fill = (execId: string, time = NOW): Fill => ({ execId, orderId: 7, instrument: SPY, side: 'buy', quantity: 10, price: 450, exchange: 'ARCA', time, commission: 1 });

async function auditRows(redis: Redis): Promise<Record<string, string>[]> {
  const entries = await redis.xrange(execution.audit.key, '-', '+');
  return entries.map(([, flat]) => Object.fromEntries(flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]!]] : []))));
}

describe('execution store (Redis)', () => {
  let server: TestRedis | undefined;
  const clients: Redis[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await server?.stop();
    server = undefined;
  });

  async function client(): Promise<Redis> {
    const c = connectRedis(server!.url, 'execution-test');
    clients.push(c);
    await c.connect();
    return c;
  }

  test('keeps orders, client order keys, fills, positions, the account and the audit stream, none of them expiring, and loads them back', async () => {
    server = await startTestRedis();
    const redis = await client();
    const store = new RedisExecutionStore(redis, { now: () => NOW });
    const [order] = orderRecords(orderRequest({ clientOrderKey: 'key-00000001' }), [7], NOW);
    store.saveOrder(order!);
    store.saveOrder({ ...order!, status: 'Submitted' });
    store.saveReceipt({ clientOrderKey: 'key-00000001', orderIds: [7], duplicate: false });
    store.saveFill({ fill: fill('e-1'), external: false });
    store.savePositions([{ ...emptyPosition(SPY, '2025-03-03', NOW), quantity: 10, avgCost: 450 }]);
    store.saveAccount({ account: 'DU1', currency: 'USD', netLiquidation: 1, buyingPower: 2, excessLiquidity: 3, availableFunds: 4, dayPnl: 0, realizedPnl: 0, unrealizedPnl: 0, greeks: { delta: 0, gamma: 0, theta: 0, vega: 0, deltaDollars: 0, gammaDollars: 0, thetaDollars: 0, vegaDollars: 0 }, updatedAt: NOW });
    store.audit(audit('order submitted'));
    store.audit(audit('order PendingSubmit → Submitted'));
    await store.flush();
    await store.raiseIdFloor(107);

    for (const key of [execution.orders, execution.clientKeys, execution.orderIdFloor, execution.fills, execution.positions, execution.account, execution.audit]) {
      expect(await redis.ttl(key.key), key.key).toBe(-1);
    }
    expect((await auditRows(redis)).map((r) => r.what)).toEqual(['order submitted', 'order PendingSubmit → Submitted']);
    expect((await auditRows(redis))[0]).toEqual({ at: String(NOW), who: 'trader via test', what: 'order submitted', why: 'because', orderId: '7', inputs: '{"n":"order submitted"}' });

    const loaded = await new RedisExecutionStore(redis, { now: () => NOW }).load();
    expect(loaded.orders).toEqual([{ ...order, status: 'Submitted' }]);
    expect(loaded.receipts).toEqual([{ clientOrderKey: 'key-00000001', orderIds: [7], duplicate: false }]);
    expect(loaded.idFloor).toBe(107);
    expect(loaded.fills).toEqual([{ fill: fill('e-1'), external: false }]);
    expect(loaded.positions).toEqual([expect.objectContaining({ quantity: 10, avgCost: 450 })]);
    await store.close();
  });

  test('raises the order id floor and never lowers it', async () => {
    server = await startTestRedis();
    const redis = await client();
    const store = new RedisExecutionStore(redis);
    await store.raiseIdFloor(200);
    await store.raiseIdFloor(150);
    expect(await redis.get(execution.orderIdFloor.key)).toBe('200');
    await store.close();
  });

  test('writes audit rows made while Redis was unreachable, in order, once it is back', async () => {
    server = await startTestRedis();
    const redis = await client();
    const store = new RedisExecutionStore(redis, { batchMs: 5 });
    store.audit(audit('before the outage'));
    await store.flush();
    await server.server.stop();
    await eventually('the client to notice Redis is gone', () => redis.status !== 'ready');
    for (const what of ['during 1', 'during 2', 'during 3']) store.audit(audit(what));
    const [order] = orderRecords(orderRequest(), [9], NOW);
    store.saveOrder(order!);
    await expect(store.flush()).rejects.toThrow();
    expect(store.waitingAuditRows).toBe(3);
    await server.server.start();
    const rows = await eventually('the waiting rows to be written', async () => {
      const all = await auditRows(redis).catch(() => []);
      return all.length === 4 ? all : null;
    });
    expect(rows.map((r) => r.what)).toEqual(['before the outage', 'during 1', 'during 2', 'during 3']);
    expect(await redis.hexists(execution.orders.key, '9')).toBe(1);
    expect(store.waitingAuditRows).toBe(0);
    await store.close();
  });

  test('skips unreadable entries and prunes finished orders, keys and fills older than a week at start', async () => {
    server = await startTestRedis();
    const redis = await client();
    const old = NOW - KEEP_MS - 1;
    const [working] = orderRecords(orderRequest(), [1], old);
    const [finishedOld] = orderRecords(orderRequest(), [2], old);
    const [finishedRecent] = orderRecords(orderRequest(), [3], NOW);
    await redis.hset(execution.orders.key, '1', JSON.stringify(working), '2', JSON.stringify({ ...finishedOld, status: 'Filled' }), '3', JSON.stringify({ ...finishedRecent, status: 'Cancelled' }), '4', '{not json');
    await redis.hset(execution.clientKeys.key, 'old-key-0001', JSON.stringify({ clientOrderKey: 'old-key-0001', orderIds: [2], at: old }), 'new-key-0001', JSON.stringify({ clientOrderKey: 'new-key-0001', orderIds: [3], at: NOW }));
    await redis.hset(execution.fills.key, 'old', JSON.stringify({ fill: fill('old', old), external: false }), 'new', JSON.stringify({ fill: fill('new'), external: false }));
    await redis.set(execution.positions.key, '"not a list"');
    const loaded = await new RedisExecutionStore(redis, { now: () => NOW }).load();
    expect(loaded.orders.map((o) => o.orderId).sort()).toEqual([1, 3]);
    expect(loaded.receipts.map((r) => r.clientOrderKey)).toEqual(['new-key-0001']);
    expect(loaded.fills.map((f) => f.fill.execId)).toEqual(['new']);
    expect(loaded.positions).toEqual([]);
    await eventually('old entries to be deleted', async () => (await redis.hlen(execution.orders.key)) === 3 && (await redis.hlen(execution.fills.key)) === 1);
    expect(await redis.hexists(execution.orders.key, '4')).toBe(1); // unreadable: left for a person to look at
  });
});

describe('order manager on Redis', () => {
  let server: TestRedis | undefined;
  const clients: Redis[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await server?.stop();
    server = undefined;
  });

  async function engine() {
    const redis = connectRedis(server!.url, 'execution-test');
    clients.push(redis);
    await redis.connect();
    const bus = createEngineBus();
    const venue = new RecordingVenue(bus);
    const store = new RedisExecutionStore(redis, { batchMs: 5 });
    const manager = new OrderManager({ bus, venue, store, gate: new OrderGate({ current: { state: 'ACTIVE', changedAt: 0, changedBy: 't', reason: '', persisted: true } }, relaxedRiskLimits()), optionMarks: () => null });
    await manager.start();
    const connect = async (nextValidId: number) => {
      const done = new Promise((resolve) => bus.subscribe('reconciliationReported', resolve));
      venue.connect(nextValidId);
      await done;
    };
    return { redis, bus, venue, store, manager, connect };
  }

  test('a double submit across an engine restart places once, and ids are not reused though the venue’s nextValidId went back', async () => {
    server = await startTestRedis();
    const first = await engine();
    await first.connect(100);
    const request = orderRequest({ clientOrderKey: 'restart-key-0001' });
    const receipt = await first.bus.send('submitOrder', request);
    await first.manager.stop();
    first.redis.disconnect();

    const second = await engine();
    await second.connect(1);
    expect(await second.bus.send('submitOrder', request)).toEqual({ ...receipt, duplicate: true });
    expect(second.venue.placed).toHaveLength(0);
    const next = await second.bus.send('submitOrder', orderRequest());
    expect(next.orderIds[0]).toBeGreaterThan(receipt.orderIds[0]!);
    await second.manager.stop();
    const rows = await auditRows(second.redis);
    expect(rows.filter((r) => r.what === 'order submitted (single)').map((r) => r.orderId)).toEqual([String(receipt.orderIds[0]), String(next.orderIds[0])]);
  });

  test('does not place an order whose id it could not record while Redis is down, and places again once it is back', async () => {
    server = await startTestRedis();
    const h = await engine();
    await h.connect(1);
    await eventually('ids to be recorded ahead', async () => Number(await h.redis.get(execution.orderIdFloor.key)) > 1);
    await server.server.stop();
    h.venue.disconnect();
    await h.connect(5_000); // a session whose ids lie beyond what was recorded
    await expect(h.bus.send('submitOrder', orderRequest())).rejects.toMatchObject({ denial: { code: 'STORE_UNAVAILABLE' } });
    expect(h.venue.placed).toHaveLength(0);
    await server.server.start();
    await eventually('Redis to be back for the client', () => h.redis.status === 'ready');
    const { orderIds } = await h.bus.send('submitOrder', orderRequest());
    expect(orderIds).toEqual([5_000]);
    const rows = await eventually('the denial made during the outage to be written', async () => {
      const all = await auditRows(h.redis);
      return all.some((r) => r.what === 'order denied') ? all : null;
    });
    expect(rows.find((r) => r.what === 'order denied')?.why).toMatch(/^STORE_UNAVAILABLE/);
    await h.manager.stop();
  });
});

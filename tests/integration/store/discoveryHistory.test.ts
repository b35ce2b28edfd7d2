import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import type { Bar } from '../../../core/market/bar';
import type { Trade } from '../../../core/market/trade';
import { readSymbolHistory } from '../../../core/store/discoveryHistory';
import { DiscoveryHistoryWriter, type DiscoveryHistorySettings } from '../../../core/store/discoveryHistoryWriter';
import { keys } from '../../../core/store/keys';
import { RedisBatchWriter } from '../../../core/store/redisBatchWriter';
import { connectRedis } from '../../../core/store/redisConnection';
import { DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE } from '../../../core/venues/ibkr/data/depthBook';
import { SymbolState } from '../../../core/venues/ibkr/data/symbolState';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

const SETTINGS: DiscoveryHistorySettings = { historyMinutes: 120, bookSnapshotSeconds: 1, bookLevels: 2 };
const SYMBOLS = [{ symbol: 'SPY', dataClass: 'level2' as const }, { symbol: 'AAPL', dataClass: 'standard' as const }];

/** A history writer on its own bus, writing through the ingestion's batch writer to the test's redis-server. */
async function historyOnBus(url = redis.url, settings = SETTINGS) {
  const client = connectRedis(url, 'discovery-history-test');
  await client.connect();
  const bus: EngineBus = createEngineBus();
  const batches = new RedisBatchWriter(client);
  const writer = new DiscoveryHistoryWriter(bus, batches, SYMBOLS, settings);
  writer.start();
  return {
    bus, writer, client,
    drain: () => batches.drain(),
    async stop() {
      writer.stop();
      await batches.drain();
      batches.stop();
      client.disconnect();
    },
  };
}

const trade = (symbol: string, price: number, at: number, size = 100): Trade =>
  ({ symbol, price, size, ts: at - 3, receivedAt: at, totalVolume: 0, vwap: price, aggressor: 'sell' });
const bar = (symbol: string, time: number, close: number): Bar =>
  ({ symbol, time, open: close - 0.1, high: close + 0.2, low: close - 0.3, close, volume: 1200, wap: close - 0.05, count: 7 });

describe('the discovery history keeps trades, bars and book snapshots per symbol in Redis streams', () => {
  test('prints and bars from the bus are read back for a window, oldest first, per symbol', async () => {
    await redis.client.flushall();
    const h = await historyOnBus();
    const now = Date.now();
    h.bus.publish('tradePrinted', trade('SPY', 590.01, now - 2000, 37));
    h.bus.publish('tradePrinted', trade('AAPL', 243.5, now - 1500));
    h.writer.flushTrades(); // a second passed (the writer's timer)
    h.bus.publish('tradePrinted', trade('SPY', 590.02, now - 1000, 300));
    h.bus.publish('barClosed', bar('SPY', now - 10_000, 590.02));
    h.bus.publish('tradePrinted', trade('MSFT', 420, now)); // not configured: not kept
    h.writer.flushTrades();
    await h.drain();
    const spy = await readSymbolHistory(redis.client, 'SPY', now - 60_000, now + 60_000);
    expect(spy.trades).toEqual([
      { price: 590.01, size: 37, ts: now - 2003, aggressor: 'sell' },
      { price: 590.02, size: 300, ts: now - 1003, aggressor: 'sell' },
    ]);
    expect(spy.bars).toEqual([bar('SPY', now - 10_000, 590.02)]);
    expect(spy.skipped).toBe(0);
    const aapl = await readSymbolHistory(redis.client, 'AAPL', now - 60_000, now + 60_000);
    expect(aapl.trades.map((t) => t.price)).toEqual([243.5]);
    expect(aapl.books).toEqual([]);
    expect(await redis.client.exists(keys.history.trades('MSFT').key)).toBe(0);
    // The window is by when the prints were received (a second to an entry): the older one is outside this one.
    expect((await readSymbolHistory(redis.client, 'SPY', now - 1500, now)).trades.map((t) => t.price)).toEqual([590.02]);
    expect(await redis.client.ttl(keys.history.trades('SPY').key)).toBeGreaterThan(119 * 60);
    await h.stop();
  });

  test('a Level 2 book is snapshotted every bookSnapshotSeconds, its top bookLevels rows per side, only when they changed', async () => {
    await redis.client.flushall();
    const h = await historyOnBus(redis.url, { ...SETTINGS, bookSnapshotSeconds: 0.25 });
    const state = new SymbolState('SPY', true);
    const depth = (side: number, position: number, price: number, size: number, exchange: string, marketMaker: string) =>
      state.applyDepth({ position, operation: OP.insert, side, price, size, exchange, marketMaker }, Date.now());
    depth(SIDE.bid, 0, 590.0, 300, 'NSDQ', 'GSCO');
    depth(SIDE.bid, 1, 589.99, 137, 'ARCA', 'ARCA');
    depth(SIDE.bid, 2, 589.98, 500, 'NSDQ', 'CDRG'); // third row: below bookLevels
    depth(SIDE.ask, 0, 590.01, 200, 'BATS', 'VIRT');
    const from = Date.now();
    h.bus.publish('bookChanged', state.bookChange!);
    await eventually('the first snapshot', async () => h.writer.appended.books === 1);
    // A change below the top two rows alone is no new snapshot; a change in them is.
    depth(SIDE.bid, 3, 589.97, 100, 'IEX', 'IEX');
    h.bus.publish('bookChanged', state.bookChange!);
    await new Promise((r) => setTimeout(r, 600));
    expect(h.writer.appended.books).toBe(1);
    state.applyDepth({ position: 0, operation: OP.update, side: SIDE.ask, price: 590.01, size: 400, exchange: 'BATS', marketMaker: 'VIRT' }, Date.now());
    h.bus.publish('bookChanged', state.bookChange!);
    await eventually('the second snapshot', async () => h.writer.appended.books === 2);
    await h.drain();
    const { books } = await readSymbolHistory(redis.client, 'SPY', from, Date.now());
    expect(books).toHaveLength(2);
    expect(books[0]!.bids).toEqual([
      { price: 590.0, size: 300, exchange: 'NSDQ', marketMaker: 'GSCO' },
      { price: 589.99, size: 137, exchange: 'ARCA', marketMaker: 'ARCA' },
    ]);
    expect(books[0]!.asks).toEqual([{ price: 590.01, size: 200, exchange: 'BATS', marketMaker: 'VIRT' }]);
    expect(books[1]!.asks[0]!.size).toBe(400);
    expect(books[1]!.ts).toBeGreaterThan(books[0]!.ts);
    await h.stop();
  });

  test('entries older than historyMinutes are trimmed away as new ones are written', async () => {
    await redis.client.flushall();
    const h = await historyOnBus();
    const now = Date.now();
    const old = now - 121 * 60_000;
    for (let i = 0; i < 300; i++) h.bus.publish('tradePrinted', trade('SPY', 500 + i / 100, old + i));
    h.bus.publish('barClosed', bar('SPY', old, 500));
    h.writer.flushTrades();
    await h.drain();
    h.bus.publish('tradePrinted', trade('SPY', 590, now));
    h.writer.flushTrades();
    await h.drain();
    expect(await redis.client.xlen(keys.history.trades('SPY').key)).toBe(1);
    const history = await readSymbolHistory(redis.client, 'SPY', 0, now + 1000);
    expect(history.trades.map((t) => t.price)).toEqual([590]);
    await h.stop();
  });

  test('the history survives an engine restart and a Redis restart: a new writer appends after it, a new reader reads both', async () => {
    await redis.client.flushall();
    const first = await historyOnBus();
    const start = Date.now();
    first.bus.publish('tradePrinted', trade('SPY', 590.01, start - 5000));
    first.bus.publish('barClosed', bar('SPY', start - 10_000, 590.01));
    await first.stop();
    redis.client.disconnect();
    await redis.server.stop();
    await redis.server.start();
    redis.client = new Redis(redis.url);
    const second = await historyOnBus();
    second.bus.publish('tradePrinted', trade('SPY', 590.02, Date.now()));
    await second.stop();
    const history = await readSymbolHistory(redis.client, 'SPY', start - 60_000, Date.now() + 1000);
    expect(history.trades.map((t) => t.price)).toEqual([590.01, 590.02]);
    expect(history.bars.map((b) => b.close)).toEqual([590.01]);
  });

  test('a print received before the newest entry of its stream (the clock stepped back) is still stored, not refused', async () => {
    await redis.client.flushall();
    const h = await historyOnBus();
    const now = Date.now();
    h.bus.publish('tradePrinted', trade('SPY', 590.01, now));
    h.writer.flushTrades();
    await h.drain();
    h.bus.publish('tradePrinted', trade('SPY', 590.02, now - 5000));
    await h.stop();
    const history = await readSymbolHistory(redis.client, 'SPY', now - 60_000, Date.now() + 1000);
    expect(history.trades.map((t) => t.price)).toEqual([590.01, 590.02]);
  });

  test('an entry that does not parse is skipped and counted; the others are read', async () => {
    await redis.client.flushall();
    const h = await historyOnBus();
    const now = Date.now();
    h.bus.publish('tradePrinted', trade('SPY', 590.01, now - 2000));
    h.writer.flushTrades();
    await h.drain();
    const key = keys.history.trades('SPY').key;
    await redis.client.xadd(key, `${now - 1500}-*`, 'd', '590.02,not-a-size,1,b;590.025,100,1,b');
    await redis.client.xadd(key, `${now - 1400}-*`, 'other', 'field');
    h.bus.publish('tradePrinted', trade('SPY', 590.03, now - 1000));
    await h.stop();
    const history = await readSymbolHistory(redis.client, 'SPY', now - 60_000, now);
    expect(history.trades.map((t) => t.price)).toEqual([590.01, 590.025, 590.03]);
    expect(history.skipped).toBe(2);
  });

  test('a Redis error while reading rejects, for the caller to report', async () => {
    await redis.client.flushall();
    await redis.client.set(keys.history.bars('SPY').key, 'not a stream');
    await expect(readSymbolHistory(redis.client, 'SPY', 0, Date.now())).rejects.toThrow(/WRONGTYPE/);
  });

  test('a long window is read in pages, oldest first, with nothing lost or repeated', async () => {
    await redis.client.flushall();
    const h = await historyOnBus();
    const now = Date.now();
    for (let i = 0; i < 25_000; i++) {
      h.bus.publish('tradePrinted', trade('SPY', 500 + i / 1000, now - 25_000 + i, i + 1));
      h.writer.flushTrades(); // one entry each: 25,000 entries, three pages
      if (i % 3000 === 0) await h.drain(); // within what waits for Redis (HISTORY_BUFFER_LIMITS)
    }
    await h.stop();
    const { trades } = await readSymbolHistory(redis.client, 'SPY', 0, now);
    expect(trades).toHaveLength(25_000);
    expect(trades.every((t, i) => t.size === i + 1)).toBe(true);
  });
});

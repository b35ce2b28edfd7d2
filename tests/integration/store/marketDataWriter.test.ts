import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import { emptyQuote } from '../../../core/market/quote';
import type { Trade } from '../../../core/market/trade';
import { keys } from '../../../core/store/keys';
import { MarketDataWriter } from '../../../core/store/marketDataWriter';
import { RedisBatchWriter } from '../../../core/store/redisBatchWriter';
import { connectRedis } from '../../../core/store/redisConnection';
import { DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE } from '../../../core/venues/ibkr/data/depthBook';
import { SymbolState } from '../../../core/venues/ibkr/data/symbolState';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

/** A market-data writer on its own bus and a real redis-server: what the bus carries is what Redis gets. */
async function writerOnBus() {
  const client = connectRedis(redis.url, 'market-data-writer-test');
  await client.connect();
  const bus = createEngineBus();
  const batches = new RedisBatchWriter(client);
  const writer = new MarketDataWriter(bus, batches, [{ symbol: 'SPY', dataClass: 'level2' }, { symbol: 'AAPL', dataClass: 'standard' }]);
  await writer.start();
  return {
    bus, writer,
    async stop() {
      await writer.stop();
      await batches.drain();
      batches.stop();
      client.disconnect();
    },
    drain: () => batches.drain(),
  };
}

describe('the market-data writer keeps market:{symbol}:* current from the bus', () => {
  test('a quote lands in the ticker hash, with the spread and the top-of-book imbalance of a standard symbol', async () => {
    const w = await writerOnBus();
    const quote = emptyQuote('AAPL');
    Object.assign(quote, { bid: 190, ask: 190.05, bidSize: 300, askSize: 100, ts: 1 });
    w.bus.publish('quoteChanged', quote);
    await w.drain();
    expect(await redis.client.hgetall(keys.market.ticker('AAPL').key)).toMatchObject({ bid: '190', ask: '190.05', bidSize: '300', askSize: '100' });
    expect(Number(await redis.client.get(keys.market.spread('AAPL').key))).toBeCloseTo(0.05, 8);
    expect(await redis.client.get(keys.market.imbalance('AAPL').key)).toBe('0.5');
    await w.stop();
  });

  test('every print is listed, the newest is market:{symbol}:last', async () => {
    const w = await writerOnBus();
    const trade = (price: number): Trade => ({ symbol: 'SPY', price, size: 100, ts: price, receivedAt: price, totalVolume: 0, vwap: price, aggressor: 'buy' });
    for (const price of [450, 450.01, 450.02]) w.bus.publish('tradePrinted', trade(price));
    await w.drain();
    const listed = (await redis.client.lrange(keys.market.trades('SPY').key, 0, -1)).map((t) => (JSON.parse(t) as Trade).price);
    expect(listed).toEqual([450.02, 450.01, 450]);
    expect(JSON.parse((await redis.client.get(keys.market.last('SPY').key))!)).toMatchObject({ price: 450.02 });
    await w.stop();
  });

  test('a book that becomes crossed is written flagged and counted once, however often it is written so', async () => {
    const w = await writerOnBus();
    const state = new SymbolState('SPY', true);
    state.applyDepth({ position: 0, operation: OP.insert, side: SIDE.bid, price: 10, size: 1, exchange: 'ARCA', marketMaker: 'ARCA' }, 1);
    state.applyDepth({ position: 0, operation: OP.insert, side: SIDE.ask, price: 9.99, size: 1, exchange: 'NSDQ', marketMaker: 'NSDQ' }, 2);
    w.bus.publish('bookChanged', state.bookChange!);
    await w.drain();
    await new Promise((r) => setTimeout(r, 5)); // past the book's write throttle
    w.bus.publish('bookChanged', state.bookChange!);
    await w.drain();
    expect(JSON.parse((await redis.client.get(keys.market.book('SPY').key))!)).toMatchObject({ crossed: true, locked: false });
    expect(w.writer.crossedOrLockedBooks).toBe(1);
    state.book!.clear(3);
    w.bus.publish('bookCleared', state.bookChange!);
    await w.drain();
    expect(JSON.parse((await redis.client.get(keys.market.book('SPY').key))!)).toMatchObject({ consolidated: { bids: [], asks: [] }, crossed: false });
    await w.stop();
  });
});

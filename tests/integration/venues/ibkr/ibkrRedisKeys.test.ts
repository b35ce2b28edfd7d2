import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEPTH_ROWS } from '../../../../core/venues/ibkr/data/symbolState';
import { keys, LIST_LIMITS } from '../../../../core/store/keys';
import { LEVEL2, STANDARD, rowsOf, runMarket, simulatedRows, startIngestHarness, whenQuiet, whenSubscribed, type IngestHarness } from './ibkrHarness';

let h: IngestHarness;
const marketPrints: Array<{ symbol: string; price: number; size: number; ts: number }> = [];

beforeAll(async () => {
  h = await startIngestHarness();
  await whenSubscribed(h, LEVEL2.length * 4 + STANDARD.length * 2);
  h.market.on('trade', (t) => marketPrints.push({ symbol: t.symbol, price: t.price, size: t.size, ts: t.ts }));
  await runMarket(h.market, 30_000);
  await whenQuiet(h);
  await new Promise((r) => setTimeout(r, 1100)); // one monitoring round (metrics, stale)
});

afterAll(async () => {
  await h?.stop();
});

const redis = () => h.redis.client;

async function ttlOf(key: string): Promise<number> {
  return redis().ttl(key);
}

function expectTtl(actual: number, spec: { ttl: number | null }): void {
  if (spec.ttl === null) expect(actual).toBe(-1);
  else {
    expect(actual).toBeGreaterThan(spec.ttl - (spec.ttl >= 3600 ? 120 : 5));
    expect(actual).toBeLessThanOrEqual(spec.ttl);
  }
}

describe('IBKR ingestion writes the documented Redis keys', () => {
  test.each([...LEVEL2, ...STANDARD].map((s) => s.symbol))('%s has ticker, spread, imbalance, last, trades and bars with their TTLs', async (symbol) => {
    const ticker = await redis().hgetall(keys.market.ticker(symbol).key);
    expect(Object.keys(ticker).sort()).toEqual(['ask', 'askSize', 'bid', 'bidSize', 'close', 'halted', 'last', 'lastSize', 'ts', 'volume']);
    const quote = h.market.quote(symbol)!;
    expect(Number(ticker.bid)).toBe(quote.bid);
    expect(Number(ticker.ask)).toBe(quote.ask);
    expect(Number(ticker.volume)).toBe(quote.volume);
    expect(Number(await redis().get(keys.market.spread(symbol).key))).toBeCloseTo(quote.ask - quote.bid, 8);
    const imbalance = Number(await redis().get(keys.market.imbalance(symbol).key));
    expect(imbalance).toBeGreaterThanOrEqual(-1);
    expect(imbalance).toBeLessThanOrEqual(1);
    const last = JSON.parse((await redis().get(keys.market.last(symbol).key))!);
    expect(last).toMatchObject({ symbol, price: expect.any(Number), size: expect.any(Number), ts: expect.any(Number), aggressor: expect.stringMatching(/buy|sell|unknown/) });
    const trades = await redis().lrange(keys.market.trades(symbol).key, 0, -1);
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThanOrEqual(LIST_LIMITS.trades);
    expect(JSON.parse(trades[0]!)).toEqual(last);
    const bars = (await redis().lrange(keys.market.bars(symbol).key, 0, -1)).map((b) => JSON.parse(b));
    expect(bars.length).toBeGreaterThanOrEqual(5);
    expect(bars[0]).toMatchObject({ symbol, time: expect.any(Number), open: expect.any(Number), volume: expect.any(Number), count: expect.any(Number) });
    expect(bars[0].time).toBeGreaterThan(bars[1].time);
    expect(bars.length).toBeLessThanOrEqual(LIST_LIMITS.bars);
    // The chart's scroll-back history holds the same bars, newest first, for longer (an hour).
    const history = (await redis().lrange(keys.market.barHistory(symbol).key, 0, -1)).map((b) => JSON.parse(b));
    expect(history.slice(0, bars.length)).toEqual(bars);
    for (const spec of [keys.market.ticker(symbol), keys.market.spread(symbol), keys.market.imbalance(symbol), keys.market.last(symbol), keys.market.trades(symbol), keys.market.bars(symbol), keys.market.barHistory(symbol)]) {
      expectTtl(await ttlOf(spec.key), spec);
    }
  });

  test('every print the market made is stored once, newest first', async () => {
    const stored = await redis().lrange(keys.market.trades('IWM').key, 0, -1);
    const prints = stored.map((t) => JSON.parse(t) as { ts: number; price: number; size: number });
    const made = marketPrints.filter((t) => t.symbol === 'IWM').slice(-LIST_LIMITS.trades).reverse();
    expect(made.length).toBeGreaterThan(100);
    expect(prints.map(({ ts, price, size }) => ({ ts, price, size }))).toEqual(made.map(({ ts, price, size }) => ({ ts, price, size })));
  });

  test.each(LEVEL2.map((s) => s.symbol))('%s book has the consolidated book and one book per exchange, TTL 60', async (symbol) => {
    const book = JSON.parse((await redis().get(keys.market.book(symbol).key))!);
    expect(book.symbol).toBe(symbol);
    expect(book.consolidated.bids.length).toBe(simulatedRows(h, symbol, DEPTH_ROWS).bids.length);
    const exchanges = Object.keys(book.exchanges);
    expect(exchanges.length).toBeGreaterThanOrEqual(3);
    for (const ex of exchanges) for (const row of book.exchanges[ex].bids) expect(row.exchange).toBe(ex);
    expect(typeof book.crossed).toBe('boolean');
    expectTtl(await ttlOf(keys.market.book(symbol).key), keys.market.book(symbol));
  });

  test.each(LEVEL2.map((s) => s.symbol))('%s book matches the simulated book exactly after a burst of depth updates', async (symbol) => {
    await runMarket(h.market, 3_000, 20);
    await whenQuiet(h);
    const expected = simulatedRows(h, symbol, DEPTH_ROWS);
    const stored = JSON.parse((await redis().get(keys.market.book(symbol).key))!);
    expect(rowsOf(stored.consolidated.bids)).toEqual(expected.bids);
    expect(rowsOf(stored.consolidated.asks)).toEqual(expected.asks);
  });

  test('connection, account, metrics, errors and staleness keys are written', async () => {
    expect(await redis().get(keys.ibkr.connected.key)).toBe('1');
    expectTtl(await ttlOf(keys.ibkr.connected.key), keys.ibkr.connected);
    const account = await redis().hgetall(keys.ibkr.account.key);
    expect(account.accounts).toMatch(/^DU/);
    expectTtl(await ttlOf(keys.ibkr.account.key), keys.ibkr.account);
    const metrics = await redis().hgetall(keys.monitoring.ibkrMetrics.key);
    expect(Number(metrics.messagesTotal)).toBeGreaterThan(1000);
    expect(Number(metrics.updatesDepth)).toBeGreaterThan(0);
    expect(metrics).toMatchObject({ connected: '1', reconnects: '0', queueDepth: '0', subscriptionsActive: '16' });
    expect(Number(metrics.lastMessageAgeMs)).toBeGreaterThanOrEqual(0);
    expectTtl(await ttlOf(keys.monitoring.ibkrMetrics.key), keys.monitoring.ibkrMetrics);
    const errors = (await redis().lrange(keys.monitoring.ibkrErrors.key, 0, -1)).map((e) => JSON.parse(e));
    expect(errors.find((e) => e.code === 2104)).toMatchObject({ meaning: 'market-data farm connection OK', severity: 'info' });
    expectTtl(await ttlOf(keys.monitoring.ibkrErrors.key), keys.monitoring.ibkrErrors);
    const stale = await redis().hgetall(keys.monitoring.dataStale.key);
    expect(JSON.parse(stale['ibkr:SPY']!)).toMatchObject({ symbol: 'SPY', stale: expect.any(Boolean), kinds: expect.any(Array) });
    expectTtl(await ttlOf(keys.monitoring.dataStale.key), keys.monitoring.dataStale);
  });

  test('unusual volume readings carry their baseline once enough bars exist', async () => {
    await runMarket(h.market, 200_000, 500);
    await whenQuiet(h);
    const reading = JSON.parse((await redis().get(keys.market.unusualVolume('AAPL').key))!);
    expect(reading).toMatchObject({ symbol: 'AAPL', unusual: expect.any(Boolean), volumeRatio: expect.any(Number), baselineMedianVolume: expect.any(Number) });
    expect(reading.baselineBars).toBeGreaterThanOrEqual(36);
    expectTtl(await ttlOf(keys.market.unusualVolume('AAPL').key), keys.market.unusualVolume('AAPL'));
  });
});

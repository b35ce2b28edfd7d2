import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEPTH_ROWS } from '../../../../core/venues/ibkr/data/symbolState';
import { keys } from '../../../../core/store/keys';
import { eventually, LEVEL2, rowsOf, runMarket, simulatedRows, startIngestHarness, whenQuiet, whenSubscribed, type IngestHarness } from './ibkrHarness';

const SYMBOLS = [...LEVEL2, { symbol: 'AAPL', dataClass: 'standard' as const }];
const PLAN = LEVEL2.length * 4 + 2;

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness({ symbols: SYMBOLS, staleAfterSeconds: 1, timings: { watchdogTimeoutMs: 60_000 } });
  await whenSubscribed(h, PLAN);
  await runMarket(h.market, 2_000);
});

afterAll(async () => {
  await h?.stop();
});

async function staleEntry(symbol: string): Promise<{ stale: boolean; kinds: string[]; reason: string | null }> {
  const raw = await h.redis.client.hget(keys.monitoring.dataStale.key, `ibkr:${symbol}`);
  return raw ? JSON.parse(raw) : { stale: false, kinds: [], reason: null };
}

async function expectBooksMatchMarket(): Promise<void> {
  await runMarket(h.market, 1_000, 20);
  await whenQuiet(h);
  for (const { symbol } of LEVEL2) {
    const expected = simulatedRows(h, symbol, DEPTH_ROWS);
    const stored = JSON.parse((await h.redis.client.get(keys.market.book(symbol).key))!);
    expect(rowsOf(stored.consolidated.bids), `${symbol} bids`).toEqual(expected.bids);
    expect(rowsOf(stored.consolidated.asks), `${symbol} asks`).toEqual(expected.asks);
  }
}

describe('IBKR ingestion under each gateway fault', () => {
  test('1100 marks data interrupted and stale; 1102 clears it without resubscribing', async () => {
    const sent = h.ingest.state().metrics.requestsSent;
    h.gateway.faults.connectivityLost();
    await eventually('data marked interrupted', () => h.ingest.state().dataInterrupted?.includes('1100'));
    await eventually('stale in monitoring:data:stale', async () => (await staleEntry('SPY')).stale);
    expect((await staleEntry('AAPL')).reason).toMatch(/1100/);
    h.gateway.faults.connectivityRestored(true);
    await eventually('interruption cleared', () => h.ingest.state().dataInterrupted === null);
    await runMarket(h.market, 1_500);
    await eventually('fresh again', async () => !(await staleEntry('SPY')).stale, 3_000);
    expect(h.ingest.state().metrics.requestsSent).toBe(sent);
    expect(h.ingest.state().metrics.reconnects).toBe(0);
  });

  test('1101 resubscribes everything once on the same socket and the books come back whole', async () => {
    const sent = h.ingest.state().metrics.requestsSent;
    h.gateway.faults.connectivityLost();
    await eventually('interrupted', () => h.ingest.state().dataInterrupted !== null);
    h.gateway.faults.connectivityRestored(false);
    await eventually('resubscribed', () => h.ingest.state().metrics.requestsSent === sent + PLAN && h.ingest.state().metrics.queueDepth === 0);
    expect(h.ingest.state().metrics.resubscribes).toBe(1);
    expect(h.ingest.state().metrics.reconnects).toBe(0);
    expect(h.ingest.state().errors.filter((e) => [102, 309].includes(e.code))).toEqual([]);
    await expectBooksMatchMarket();
  });

  test('2103 marks data stale without touching the socket; 2104 brings it back', async () => {
    const sent = h.ingest.state().metrics.requestsSent;
    h.gateway.faults.farmDown('marketData');
    await eventually('farm down noticed', () => h.ingest.state().dataInterrupted?.includes('2103'));
    await eventually('stale', async () => (await staleEntry('QQQ')).stale);
    h.gateway.faults.farmUp('marketData');
    await eventually('farm up noticed', () => h.ingest.state().dataInterrupted === null);
    await runMarket(h.market, 1_500);
    await eventually('fresh again', async () => !(await staleEntry('QQQ')).stale, 3_000);
    expect(h.ingest.state()).toMatchObject({ connected: true, metrics: { reconnects: 0, requestsSent: sent } });
  });

  test('10167 delayed data: quotes keep landing, the symbols are shown as delayed until live data is back', async () => {
    const resubscribe = async () => {
      const sent = h.ingest.state().metrics.requestsSent;
      h.gateway.faults.connectivityLost();
      await eventually('interrupted', () => h.ingest.state().dataInterrupted !== null);
      h.gateway.faults.connectivityRestored(false);
      await eventually('resubscribed', () => h.ingest.state().metrics.requestsSent === sent + PLAN && h.ingest.state().metrics.queueDepth === 0);
    };
    h.gateway.faults.delayedData = true;
    try {
      await resubscribe();
      await eventually('delayed symbols listed', () => ['SPY', 'AAPL'].every((s) => h.ingest.state().delayedSymbols.includes(s)));
      expect(h.ingest.state().errors.some((e) => e.code === 10167)).toBe(true);
      await eventually('delayed in monitoring:ibkr:metrics', async () => (await h.redis.client.hget(keys.monitoring.ibkrMetrics.key, 'delayedSymbols'))?.includes('AAPL'));
      const before = await h.redis.client.hget(keys.market.ticker('AAPL').key, 'ts');
      await runMarket(h.market, 2_000);
      await eventually('delayed quotes land as quotes', async () => (await h.redis.client.hget(keys.market.ticker('AAPL').key, 'ts')) !== before);
    } finally {
      h.gateway.faults.delayedData = false;
    }
    await resubscribe();
    await runMarket(h.market, 500);
    expect(h.ingest.state().delayedSymbols).toEqual([]);
  });

  test('317 empties each book, which the venue then re-sends, and the reset is counted', async () => {
    const resets = h.ingest.state().metrics.depthResets;
    h.gateway.faults.depthReset();
    await eventually('resets counted', () => h.ingest.state().metrics.depthResets === resets + LEVEL2.length);
    await expectBooksMatchMarket();
  });

  test('garbage with an extra field is counted as 505 and loses no print', async () => {
    h.gateway.faults.set({ garbage: 'extra', garbageEvery: 7 });
    let made = 0;
    const count = (t: { symbol: string }) => t.symbol === 'AAPL' && made++;
    const before = await h.redis.client.llen(keys.market.trades('AAPL').key);
    h.market.on('trade', count);
    await runMarket(h.market, 3_000);
    h.market.off('trade', count);
    h.gateway.faults.set({ garbage: 'off' });
    await whenQuiet(h);
    expect(h.ingest.state().metrics.decodeErrors).toBeGreaterThan(10);
    expect(h.badInput.some((p) => /could not be decoded \(505\)/.test(p))).toBe(true);
    expect((await h.redis.client.llen(keys.market.trades('AAPL').key)) - before).toBe(made);
    expect(h.ingest.state().connected).toBe(true);
  });

  test('garbage with a missing field is counted, lost depth updates rebuild the books, and the feed carries on', async () => {
    const decodeErrors = h.ingest.state().metrics.decodeErrors;
    h.gateway.faults.set({ garbage: 'short', garbageEvery: 50 });
    await runMarket(h.market, 3_000);
    h.gateway.faults.set({ garbage: 'off' });
    await whenQuiet(h);
    expect(h.ingest.state().metrics.decodeErrors).toBeGreaterThan(decodeErrors);
    expect(h.ingest.state().metrics.depthRebuilds).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_100)); // a rebuild is re-requested at most once a second per symbol
    await expectBooksMatchMarket();
    expect(h.ingest.state()).toMatchObject({ connected: true, metrics: { reconnects: 0 } });
  });
});

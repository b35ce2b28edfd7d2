import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../../core/bus/catalogue';
import { IbkrMarketData } from '../../../../core/venues/ibkr/data/ibkrMarketData';
import { DEFAULT_TIMINGS, IbConnection } from '../../../../core/venues/ibkr/connection/ibConnection';
import { keys } from '../../../../core/store/keys';
import { eventually, LEVEL2, runMarket, startIngestHarness, whenQuiet, whenSubscribed, type IngestHarness } from './ibkrHarness';

const PLAN = LEVEL2.length * 4 + 2 * 2;

/** Counts the market's prints of one symbol while `during` runs, and the prints the ingestion stored meanwhile. */
async function printsDuring(h: IngestHarness, symbol: string, during: () => Promise<void>): Promise<{ made: number; stored: number }> {
  let made = 0;
  const count = (t: { symbol: string }) => t.symbol === symbol && made++;
  const storedBefore = await h.redis.client.llen(keys.market.trades(symbol).key);
  h.market.on('trade', count);
  await during();
  h.market.off('trade', count);
  await whenQuiet(h);
  const storedAfter = await h.redis.client.llen(keys.market.trades(symbol).key);
  return { made, stored: storedAfter - storedBefore };
}

describe('IBKR ingestion survives disconnects', () => {
  test('after the gateway is killed mid-stream and restarted, data resumes with every subscription once and the reconnect counted', async () => {
    const h = await startIngestHarness();
    try {
      await whenSubscribed(h, PLAN);
      await runMarket(h.market, 5_000);
      h.market.advance(50); // frames in flight when the gateway dies
      await h.gateway.stop();
      await eventually('the ingestion to notice', () => !h.ingest.state().connected);
      await eventually('ibkr:connected = 0', async () => (await h.redis.client.get(keys.ibkr.connected.key)) === '0');
      await runMarket(h.market, 2_000); // the market goes on while nobody listens
      await h.restartGateway();
      await whenSubscribed(h, PLAN);
      const state = h.ingest.state();
      expect(state.metrics.reconnects).toBe(1);
      expect(state.metrics.requestsSent).toBe(2 * PLAN);
      expect(state.errors.filter((e) => [102, 309, 101].includes(e.code))).toEqual([]);
      expect(await h.redis.client.get(keys.ibkr.connected.key)).toBe('1');
      const { made, stored } = await printsDuring(h, 'IWM', () => runMarket(h.market, 10_000));
      expect(made).toBeGreaterThan(50);
      expect(stored).toBe(made); // resumed, and no doubled subscription doubles the prints
    } finally {
      await h.stop();
    }
  });

  test('a socket cut in the middle of a frame is reconnected and the books are whole again', async () => {
    const h = await startIngestHarness({ symbols: LEVEL2 });
    try {
      await whenSubscribed(h, LEVEL2.length * 4);
      await runMarket(h.market, 2_000);
      h.gateway.faults.dropMidMessage();
      await eventually('a reconnect', () => h.ingest.state().metrics.reconnects === 1);
      await whenSubscribed(h, LEVEL2.length * 4);
      await runMarket(h.market, 2_000);
      await whenQuiet(h);
      const book = JSON.parse((await h.redis.client.get(keys.market.book('SPY').key))!);
      expect(book.consolidated.bids[0].price).toBe(h.market.depth('SPY')!.bids[0]!.price);
      expect(h.ingest.state().connected).toBe(true);
    } finally {
      await h.stop();
    }
  });

  test('a client id already in use is refused with 326 and the ingestion connects with the next id and says so', async () => {
    const h = await startIngestHarness({ symbols: LEVEL2.slice(0, 1) });
    const connection = new IbConnection({ host: '127.0.0.1', port: h.gateway.port, clientId: 17 }, { ...DEFAULT_TIMINGS, backoff: { initialMs: 100, maxMs: 500 } });
    const second = new IbkrMarketData({
      connection,
      symbols: [{ symbol: 'AAPL', dataClass: 'standard' }],
      staleAfterSeconds: 10,
      bus: createEngineBus(), // a venue alone: nobody listens, nothing is written
      reportBadInput: () => undefined,
    });
    try {
      await whenSubscribed(h, 4);
      await second.start({ log: pino({ level: 'silent' }), fail: () => undefined });
      connection.start();
      await eventually('the second module to connect', () => second.state().connected, 10_000);
      expect(second.state().clientId).toBe(18);
      expect(second.state().metrics.clientIdRetries).toBe(1);
      expect(second.errors.latest(20).some((e) => e.code === 326 && /client id/.test(e.meaning))).toBe(true);
      expect(h.gateway.clientIds().sort()).toEqual([17, 18]);
      expect(h.ingest.state().connected).toBe(true);
    } finally {
      connection.stop();
      await second.stop();
      await h.stop();
    }
  });

  test('a stalled gateway that keeps the socket open is caught by the reqCurrentTime watchdog and reconnected when it answers again', async () => {
    const h = await startIngestHarness({ symbols: LEVEL2.slice(0, 1) });
    try {
      await whenSubscribed(h, 4);
      h.gateway.faults.stall = true;
      await eventually('the watchdog to drop the silent session', () => h.ingest.state().metrics.reconnects >= 1, 10_000);
      expect(h.ingest.state().lastDisconnectReason).toMatch(/watchdog/);
      expect(h.ingest.state().connected).toBe(false);
      h.gateway.faults.stall = false;
      await whenSubscribed(h, 4);
      const { made, stored } = await printsDuring(h, 'SPY', () => runMarket(h.market, 3_000));
      expect(made).toBeGreaterThan(20);
      expect(stored).toBe(made);
    } finally {
      await h.stop();
    }
  });
});

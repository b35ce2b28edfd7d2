import { describe, expect, test } from 'vitest';
import { keys, LIST_LIMITS } from '../../../../core/store/keys';
import { eventually, LEVEL2, runMarket, startIngestHarness, whenQuiet, whenSubscribed } from './ibkrHarness';

describe('IBKR ingestion while Redis is down', () => {
  test('keeps ingesting into bounded buffers, shows degraded health, and writes the newest data once Redis is back', async () => {
    const symbols = [LEVEL2[0]!, { symbol: 'AAPL', dataClass: 'standard' as const }];
    const h = await startIngestHarness({ symbols });
    try {
      await whenSubscribed(h, 4 + 2);
      await runMarket(h.market, 2_000);
      await whenQuiet(h);
      const prints: Array<{ ts: number; price: number; size: number }> = [];
      h.market.on('trade', (t) => t.symbol === 'SPY' && prints.push({ ts: t.ts, price: t.price, size: t.size }));
      h.redis.client.on('error', () => undefined); // the test's own client, reconnecting in the background
      await h.redis.server.stop();
      const messagesBefore = h.ingest.state().metrics.messagesTotal;
      await runMarket(h.market, 40_000, 200);
      await eventually('health to show Redis degraded', () => h.ingest.detail().redis === 'degraded');
      const down = h.ingest.state();
      expect(down.connected).toBe(true);
      expect(down.metrics.messagesTotal).toBeGreaterThan(messagesBefore + 10_000);
      expect(prints.length).toBeGreaterThan(LIST_LIMITS.trades);
      expect(down.redis.dropped).toBeGreaterThan(0);
      const bound = symbols.length * (LIST_LIMITS.trades + LIST_LIMITS.bars + LIST_LIMITS.barHistory + 100) + LIST_LIMITS.ibkrErrors + 50;
      expect(down.redis.buffered).toBeLessThanOrEqual(bound);

      await h.redis.server.start();
      await eventually('writes to resume', () => !h.ingest.state().redis.degraded && h.ingest.writer.buffered === 0, 15_000);
      await whenQuiet(h);
      const stored = (await h.redis.client.lrange(keys.market.trades('SPY').key, 0, -1)).map((t) => JSON.parse(t));
      const newest = prints.slice(-LIST_LIMITS.trades).reverse();
      expect(stored.map(({ ts, price, size }) => ({ ts, price, size }))).toEqual(newest);
      expect(await h.redis.client.get(keys.ibkr.connected.key)).toBe('1');
      expect(h.ingest.detail().redis).toBe('ok');
    } finally {
      await h.stop();
    }
  });
});

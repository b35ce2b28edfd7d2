import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TWS_PACING } from '../../../../core/sim/gateway/pacing/historicalPacing';
import { keys } from '../../../../core/store/keys';
import { eventually, runMarket, startIngestHarness, whenQuiet, whenSubscribed, type IngestHarness } from './ibkrHarness';

// TWS's window is 15 s and the ingestion waits 16 s; here both are scaled down (1 s, 1.5 s) so the test takes seconds.
const PACING_WINDOW_MS = 1_000;
const PACING_RETRY_MS = 1_500;

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness({
    symbols: [{ symbol: 'AAPL', dataClass: 'standard' }],
    pacing: { ...TWS_PACING, identicalWithinMs: PACING_WINDOW_MS },
    pacingRetryMs: PACING_RETRY_MS,
  });
  await whenSubscribed(h, 2);
  await runMarket(h.market, 6_000);
  await whenQuiet(h);
});

afterAll(async () => {
  await h?.stop();
});

const barsSubscription = () => h.ingest.state().subscriptions.find((s) => s.id === 'AAPL:bars');
const newestBarTime = async () => JSON.parse((await h.redis.client.lindex(keys.market.bars('AAPL').key, 0))!).time as number;

describe('real-time bars refused for pacing (420)', () => {
  test('are counted, requested once more after the pacing window, and flow again', async () => {
    const sent = h.ingest.state().metrics.requestsSent;
    // 1101: TWS lost the subscriptions; the ingestion requests everything again at once, within the bars' window.
    h.gateway.faults.connectivityLost();
    await eventually('data interrupted', () => h.ingest.state().dataInterrupted !== null);
    h.gateway.faults.connectivityRestored(false);
    const refused = await eventually('bars refused for pacing', () => (barsSubscription()?.refused?.startsWith('420') ? barsSubscription() : undefined));
    expect(h.ingest.state().metrics.pacingViolations).toBe(1);
    expect(h.ingest.state().errors.map((e) => e.code)).toContain(420);
    expect(barsSubscription()).toMatchObject({ reqId: refused.reqId }); // not retried before the window has passed

    const again = await eventually('bars requested again and accepted', () => {
      const bars = barsSubscription();
      return bars && bars.reqId !== refused.reqId && bars.refused === null ? bars : undefined;
    }, PACING_RETRY_MS + 5_000);
    expect(again.refused).toBeNull();
    expect(h.ingest.state().metrics.requestsSent).toBe(sent + 2 + 1); // the plan once after 1101, then the bars once

    const before = await newestBarTime();
    await runMarket(h.market, 10_000);
    await whenQuiet(h);
    expect(await newestBarTime()).toBeGreaterThan(before);
    expect(h.ingest.state().metrics.pacingViolations).toBe(1); // no refusal loop
    await eventually('counted in monitoring', async () => (await h.redis.client.hget(keys.monitoring.ibkrMetrics.key, 'pacingViolations')) === '1');
  });
});

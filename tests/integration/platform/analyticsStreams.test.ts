import { afterEach, describe, expect, it } from 'vitest';
import type { GammaExposureUpdate, OptionsFlowView, VpinView } from '../../../core/contract/analyticsView';
import type { StreamEvent } from '../../../core/contract/contract';
import { contractOf, eventually } from '../../support/engineContract';
import { LIGHT_SYMBOLS, shippedConfig, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';

/** Small buckets and trade classification (VPIN readings within seconds), chains refreshed every few seconds. */
async function fastAnalyticsConfig(): Promise<string> {
  const vpin = { ...shippedConfig().analytics!.vpin as Record<string, unknown>, bucketVolume: 3_000, buckets: 5, classification: 'trade', historyReadings: 200, minHistoryReadings: 5 };
  return writeTestConfig({
    symbols: LIGHT_SYMBOLS,
    analytics: { ...shippedConfig().analytics, vpin },
    schedules: { ...shippedConfig().schedules, optionsRefreshSeconds: 5 },
  });
}

interface Seen {
  vpin: Array<StreamEvent<VpinView>>;
  gex: Array<StreamEvent<GammaExposureUpdate>>;
  flow: Array<StreamEvent<OptionsFlowView>>;
  close(): void;
}

/** Subscribes a cockpit to SPY's three analytics streams and keeps every event. */
async function watchSpy(engine: EngineProcess): Promise<Seen> {
  const cockpit = await contractOf(engine);
  const seen: Seen = { vpin: [], gex: [], flow: [], close: () => cockpit.close() };
  cockpit.client.subscribe('vpin', { symbol: 'SPY' }, (e) => seen.vpin.push(e));
  cockpit.client.subscribe('gex', { symbol: 'SPY' }, (e) => seen.gex.push(e));
  cockpit.client.subscribe('optionsFlow', { symbol: 'SPY' }, (e) => seen.flow.push(e));
  return seen;
}

describe('the analytics streams of a running engine', () => {
  let engine: EngineProcess | undefined;
  let seen: Seen | undefined;
  afterEach(async () => {
    seen?.close();
    await engine?.stop();
  });

  it('serve SPY’s VPIN readings, GEX and options flow with their as-of times, and after a restart begin with what Redis held', async () => {
    const configPath = await fastAnalyticsConfig();
    engine = await startEngineProcess({ configPath });
    seen = await watchSpy(engine);
    const first = seen;
    await eventually('VPIN readings', () => (first.vpin.at(-1)?.value.readings.length ?? 0) >= 3, 60_000, 100);
    await eventually('a GEX update', () => first.gex.length > 0, 60_000, 100);
    await eventually('an options flow reading', () => first.flow.some((e) => e.value.reading !== null), 60_000, 100);
    expect(first.flow[0]!.value, 'before the first chain: an empty flow').toEqual({ reading: null, unusualEvents: [] });
    const gex = first.gex.at(-1)!;
    expect(gex.value).toMatchObject({ symbol: 'SPY', spot: expect.any(Number), totals: expect.any(Object) });
    expect(gex.asOf).toBe(gex.value.computedAt);
    const flow = first.flow.find((e) => e.value.reading !== null)!;
    expect(flow.asOf).toBe(flow.value.reading!.asOf);
    const vpin = first.vpin.at(-1)!.value;
    expect(vpin).toMatchObject({ symbol: 'SPY', settings: { classification: 'trade', bucketVolume: 3_000, buckets: 5 } });
    expect(vpin.readings.map((r) => r.bucket)).toEqual([...vpin.readings.map((r) => r.bucket)].sort((a, b) => a - b));
    const bucketsSeen = new Set(vpin.readings.map((r) => r.bucket));
    first.close();
    await engine.stop();

    const restartedAt = Date.now();
    engine = await startEngineProcess({ configPath, dataDir: engine.dataDir });
    seen = await watchSpy(engine);
    const second = seen;
    await eventually('the first values after the restart', () => second.vpin.length > 0 && second.gex.length > 0 && second.flow.length > 0, 30_000, 50);
    expect(second.vpin[0]!.value.readings.some((r) => bucketsSeen.has(r.bucket)), 'the stored VPIN history').toBe(true);
    expect(second.gex[0]!.value.computedAt, 'the stored GEX, computed before the restart').toBeLessThan(restartedAt);
    expect(second.flow[0]!.value.reading?.computedAt, 'the stored flow reading, computed before the restart').toBeLessThan(restartedAt);
  }, 180_000);
});

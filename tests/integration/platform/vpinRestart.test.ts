import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import type { VpinReading } from '../../../core/market/vpinReading';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { LIGHT_SYMBOLS, shippedConfig, writeTestConfig } from '../../support/engineProcess';
import { startInProcessEngine } from '../../support/inProcessEngine';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/** Small buckets, so the simulated market at real speed fills several a second. */
async function configWithSmallBuckets(): Promise<string> {
  const vpin = { ...shippedConfig().analytics!.vpin as Record<string, unknown>, bucketVolume: 3_000, buckets: 5, classification: 'trade', historyReadings: 200, minHistoryReadings: 5 };
  return writeTestConfig({ symbols: LIGHT_SYMBOLS, analytics: { vpin } });
}

const vpinFigures = (e: Engine) => e.health().modules.vpin?.detail ?? {};

describe('VPIN in the engine', () => {
  it('reads the simulated market’s prints, writes analytics:{symbol}:vpin, and after a restart resumes from its stored buckets and history', async () => {
    const configPath = await configWithSmallBuckets();
    const first = await startInProcessEngine({ configPath, webBridge: false });
    engine = first.engine;
    const history = keys.analytics.vpinHistory('AAPL').key;
    await eventually('AAPL readings past the CDF warm-up in Redis', async () => (await first.engine.redis.client.llen(history)) >= 10);
    const stored = await eventually('the latest reading in Redis', async () => first.engine.redis.client.get(keys.analytics.vpin('AAPL').key));
    expect(JSON.parse(stored)).toMatchObject({ symbol: 'AAPL', bucket: expect.any(Number), vpin: expect.any(Number) });
    await first.engine.stop();
    engine = undefined;

    const second = await startInProcessEngine({ configPath, dataDir: first.dataDir, webBridge: false });
    engine = second.engine;
    expect(Number(vpinFigures(second.engine).restoredReadings)).toBeGreaterThanOrEqual(10);
    expect(vpinFigures(second.engine).restoredBuckets).toBe(LIGHT_SYMBOLS.length);
    const readings: VpinReading[] = [];
    second.engine.bus.subscribe('vpinUpdated', (r) => readings.push(r));
    await eventually('a reading after the restart', () => readings.find((r) => r.symbol === 'AAPL'));
    // Without the history its CDF would be null until minHistoryReadings new readings existed.
    expect(readings.find((r) => r.symbol === 'AAPL')!.cdf).not.toBeNull();
  });
});

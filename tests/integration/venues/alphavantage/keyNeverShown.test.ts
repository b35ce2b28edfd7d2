import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../../../core/contract/contract';
import { startSimulatedMarket, type SimulatedMarket } from '../../../../core/sim/simulatedMarket';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../../support/engineProcess';
import { redisDump } from '../../../support/redisDump';
import { tempDir } from '../../../support/testRedis';
import { waitFor } from './avTestBed';

/** A key as a trader would have one; the simulated free plan echoes it in its daily-cap answer, as the real service does. */
const SECRET = 'K3YN3V3RL0GG3D42';

describe('the API key a daily-cap answer echoes, in the real engine', () => {
  let sim: SimulatedMarket;
  let engine: EngineProcess;
  let health: Health;

  beforeAll(async () => {
    sim = await startSimulatedMarket({
      seed: 3, speed: 1, gatewayPort: 0, alphaVantagePort: 0, stateDir: tempDir(), symbols: ['SPY', 'AAPL'], startTs: Date.now(),
      alphaVantage: { plan: 'free', callsPerDay: 3, apiKey: SECRET },
    });
    engine = await startEngineProcess({
      configPath: await writeTestConfig({ symbols: LIGHT_SYMBOLS }),
      extraArgs: ['--source', 'ibkr'],
      // Everything the engine logs, down to debug, is searched.
      env: { ALPHAVANTAGE_API_KEY: SECRET, ALPHAVANTAGE_BASE_URL: sim.alphaVantage.url, IB_HOST: '127.0.0.1', IB_PORT: String(sim.gatewayPort), LOG_LEVEL: 'debug' },
    });
    const read = async () => (await (await fetch(`http://127.0.0.1:${engine.port}/api/health`)).json()) as Health;
    await waitFor(async () => (health = await read()).modules.alphaVantage?.detail.callsPausedUntil != null, 30_000, 'the daily cap in /api/health');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // monitoring flushed, logs written
    health = await read();
  }, 90_000);

  afterAll(async () => {
    await engine?.stop();
    await sim?.stop();
  });

  it('was echoed by the answers the engine got', () => {
    expect(sim.alphaVantage.throttledCount()).toBeGreaterThanOrEqual(1);
  });

  it('is not in /api/health, which says in words that calls are paused and until when', () => {
    const text = JSON.stringify(health);
    expect(text).not.toContain(SECRET);
    expect(health.modules.alphaVantage!.detail.plan).toMatch(/daily limit for this API key is used up \(this key allows 3 requests a day\)\. All Alpha Vantage calls are paused until/);
  });

  it('is not in anything the engine logged', () => {
    const log = engine.output();
    expect(log).toContain('We have detected your API key as [API key]'); // the answer was logged, redacted
    expect(log).not.toContain(SECRET);
  });

  it('is not in any Redis key or value', async () => {
    const config = parse(fs.readFileSync(engine.configPath, 'utf8')) as { redis: { port: number } };
    const password = fs.readFileSync(path.join(engine.dataDir, 'redis.password'), 'utf8').trim();
    const redis = new Redis({ host: '127.0.0.1', port: config.redis.port, password });
    try {
      const dump = await redisDump(redis);
      expect(dump).toContain('daily limit for this API key is used up');
      expect(dump).not.toContain(SECRET);
    } finally {
      redis.disconnect();
    }
  });
});

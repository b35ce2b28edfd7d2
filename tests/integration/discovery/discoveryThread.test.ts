import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryThread } from '../../../core/app/discoveryCompute';
import type { DiscoveryJob } from '../../../core/app/discoveryMessages';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

const fixture = (name: string) => new URL(`../../fixtures/discovery/${name}`, import.meta.url);

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

function job(id: number): DiscoveryJob {
  const now = Date.now();
  return {
    stamp: { id, trigger: 'manual', requestedBy: 'test', reason: 'thread faults', startedAt: now, windowMinutes: 120 },
    symbols: [{ symbol: 'SPY', level2: true }],
    from: now - 120 * 60_000,
    to: now,
    previousJson: null,
  };
}

describe('the discovery thread when it fails', () => {
  it('a thread that dies fails the run it was doing, by name, and a new thread takes the next run', async () => {
    const thread = new DiscoveryThread({ redisUrl: redis.url, entry: fixture('exitingThread.mjs') });
    try {
      await expect(thread.compute(job(1), () => undefined)).rejects.toThrow('the discovery thread exited (code 3)');
      await expect(thread.compute(job(2), () => undefined)).rejects.toThrow('the discovery thread exited (code 3)'); // a new one, which dies too
    } finally {
      await thread.stop();
    }
  });

  it('a thread that never answers fails the run at the time limit and is ended', async () => {
    const thread = new DiscoveryThread({ redisUrl: redis.url, entry: fixture('silentThread.mjs'), timeoutMs: 500 });
    try {
      await expect(thread.compute(job(1), () => undefined)).rejects.toThrow('the discovery thread did not finish run 1 within 1 s');
    } finally {
      await thread.stop();
    }
  });

  it('a thread that cannot start fails the run saying so; the engine never computes a run itself', async () => {
    const thread = new DiscoveryThread({ redisUrl: redis.url, entry: fixture('brokenThread.mjs') });
    try {
      await expect(thread.compute(job(1), () => undefined)).rejects.toThrow(/the discovery thread could not start: .*this thread cannot start/);
    } finally {
      await thread.stop();
    }
  });

  it('the real thread answers a run with the run whole: its JSON and discovered.yaml’s text made there', async () => {
    const thread = new DiscoveryThread({ redisUrl: redis.url });
    const steps: string[] = [];
    try {
      const computed = await thread.compute(job(7), (p) => steps.push(p.step));
      expect(computed.run).toMatchObject({ id: 7, trigger: 'manual', reason: 'thread faults' });
      expect(JSON.parse(computed.runJson)).toEqual(computed.run);
      expect(computed.yaml).toContain('# Parameters AlphaTrader discovered');
      expect(computed.summary).toMatchObject({ id: 7, error: null });
      expect(steps).toEqual(['SPY: history read, parameters computed', 'correlations computed']);
    } finally {
      await thread.stop();
    }
  });
});

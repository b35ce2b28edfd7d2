import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import { ContractClient } from '../../../core/contract/contractClient';
import type { Quote } from '../../../core/contract/contract';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { keys } from '../../../core/store/keys';
import { startInProcessEngine } from '../../support/inProcessEngine';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await startInProcessEngine({ webBridge: false }));
});
afterAll(async () => engine?.stop());

async function eventually<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a bus subscriber that throws', () => {
  it('is counted in Health by event, and the engine keeps writing Redis and streaming quotes to the cockpit', async () => {
    let thrown = 0;
    engine.bus.subscribe('quoteChanged', () => {
      thrown++;
      throw new Error('a broken subscriber');
    });
    await eventually('the broken subscriber to have thrown', () => thrown > 20);
    // The store writer still keeps the ticker current ...
    const tickerTs = async () => Number((await engine.redis.client.hget(keys.market.ticker('AAPL').key, 'ts')) ?? 0);
    const before = await tickerTs();
    await eventually('the ticker to move on in Redis', async () => (await tickerTs()) > before);
    // ... and the cockpit still gets quotes.
    const pair = createMemoryPair();
    engine.contract.serve(pair.server, 'bus-failure-test');
    const cockpit = new ContractClient(pair.client);
    const quotes: Quote[] = [];
    cockpit.subscribe('quote', { symbol: 'AAPL' }, (event) => quotes.push(event.value));
    await eventually('quotes on the cockpit stream', () => quotes.length >= 3);
    // Health shows the failures by event, and the engine runs on.
    const health = engine.health();
    expect(Number(health.modules.bus?.detail.quoteChanged)).toBeGreaterThan(20);
    expect(health.modules.ibkrIngest?.state).toBe('running');
  });
});

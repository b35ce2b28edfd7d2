import { afterEach, describe, expect, it } from 'vitest';
import { ContractClient } from '../../../core/contract/contractClient';
import type { Engine } from '../../../core/app/engine';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { keys } from '../../../core/store/keys';
import { startInProcessEngine } from '../../support/inProcessEngine';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

function clientOf(running: Engine): ContractClient {
  const pair = createMemoryPair();
  running.contract.serve(pair.server, 'test');
  return new ContractClient(pair.client);
}

describe('the kill switch (trading state)', () => {
  it('halts in one call, records who/when/why in system:halt and the audit stream', async () => {
    ({ engine } = await startInProcessEngine({ webBridge: false }));
    const client = clientOf(engine);
    const halted = await client.call('setTradingState', { state: 'HALTED', reason: 'news spike' });
    expect(halted).toMatchObject({ state: 'HALTED', reason: 'news spike', changedBy: 'trader via test', persisted: true });
    const stored = await engine.redis.client.hgetall(keys.system.halt.key);
    expect(stored).toMatchObject({ state: 'HALTED', reason: 'news spike', changedBy: 'trader via test' });
    const audit = await engine.redis.client.xrange(keys.system.haltAudit.key, '-', '+');
    expect(audit.at(-1)?.[1]).toEqual(expect.arrayContaining(['from', 'ACTIVE', 'to', 'HALTED', 'reason', 'news spike']));
  });

  it('refuses to leave HALTED without confirmation and leaves it with confirmation', async () => {
    ({ engine } = await startInProcessEngine({ webBridge: false }));
    const client = clientOf(engine);
    await client.call('setTradingState', { state: 'HALTED', reason: 'test' });
    await expect(client.call('setTradingState', { state: 'ACTIVE', reason: 'all clear' })).rejects.toMatchObject({ code: 'REFUSED' });
    expect(engine.tradingState.current.state).toBe('HALTED');
    const active = await client.call('setTradingState', { state: 'ACTIVE', reason: 'all clear', confirmed: true });
    expect(active.state).toBe('ACTIVE');
    expect(await engine.redis.client.hget(keys.system.halt.key, 'state')).toBe('ACTIVE');
  });

  it('refuses to loosen when the audit entry cannot be written, leaving the stored state untouched', async () => {
    ({ engine } = await startInProcessEngine({ webBridge: false }));
    const client = clientOf(engine);
    await client.call('setTradingState', { state: 'HALTED', reason: 'test' });
    await engine.redis.client.del(keys.system.haltAudit.key);
    await engine.redis.client.set(keys.system.haltAudit.key, 'not a stream');
    await expect(client.call('setTradingState', { state: 'ACTIVE', reason: 'x', confirmed: true })).rejects.toThrow(/could not be recorded.*WRONGTYPE/);
    expect(await engine.redis.client.hget(keys.system.halt.key, 'state')).toBe('HALTED');
    expect(engine.tradingState.current.state).toBe('HALTED');
  });

  it('stays HALTED across an engine restart', async () => {
    const first = await startInProcessEngine({ webBridge: false });
    await clientOf(first.engine).call('setTradingState', { state: 'HALTED', reason: 'end of day' });
    await first.engine.stop();
    ({ engine } = await startInProcessEngine({ webBridge: false, dataDir: first.dataDir, configPath: first.configPath }));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', reason: 'end of day' });
    expect((await clientOf(engine).call('getHealth', {})).tradingState).toBe('HALTED');
  });

  it('still halts when Redis is down, records the halt once Redis is back, and refuses to loosen meanwhile', async () => {
    ({ engine } = await startInProcessEngine({ webBridge: false }));
    const client = clientOf(engine);
    const managed = (engine.redis as unknown as { managed: { stop(): Promise<void>; start(): Promise<void> } }).managed;
    await managed.stop();
    await new Promise((r) => setTimeout(r, 200));

    const halted = await client.call('setTradingState', { state: 'HALTED', reason: 'redis outage drill' });
    expect(halted).toMatchObject({ state: 'HALTED', persisted: false });
    expect(engine.tradingState.current.state).toBe('HALTED');
    await expect(client.call('setTradingState', { state: 'ACTIVE', reason: 'x', confirmed: true })).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    await managed.start();
    const deadline = Date.now() + 10_000;
    while (!engine.tradingState.current.persisted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', persisted: true });
    expect(await engine.redis.client.hget(keys.system.halt.key, 'reason')).toBe('redis outage drill');
  });
});

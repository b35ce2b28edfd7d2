import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractClient } from '../../../core/contract/contractClient';
import type { Engine } from '../../../core/app/engine';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { keys } from '../../../core/store/keys';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { startTestRedis } from '../../support/testRedis';

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

  it('restores the last audited state when system:halt is missing at start-up, and says so, instead of starting ACTIVE', async () => {
    const first = await startInProcessEngine({ webBridge: false });
    await clientOf(first.engine).call('setTradingState', { state: 'HALTED', reason: 'end of day' });
    await first.engine.stop();
    const redis = await startTestRedis(first.dataDir); // the same data: someone deletes the state, the audit stays
    await redis.client.del(keys.system.halt.key);
    await redis.stop();

    ({ engine } = await startInProcessEngine({ webBridge: false, dataDir: first.dataDir, configPath: first.configPath }));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', changedBy: 'engine', persisted: true });
    expect(engine.tradingState.current.reason).toMatch(/restored from the audit trail \(system:halt was missing at start-up\): HALTED set by trader via test .*"end of day"/);
    expect(await engine.redis.client.hget(keys.system.halt.key, 'state')).toBe('HALTED');
    const audit = await engine.redis.client.xrange(keys.system.haltAudit.key, '-', '+');
    expect(audit.at(-1)?.[1]).toEqual(expect.arrayContaining(['from', 'UNKNOWN', 'to', 'HALTED', 'by', 'engine']));
  });

  it('starts HALTED, not ACTIVE, when system:halt holds no valid state and there is no audit trail', async () => {
    const first = await startInProcessEngine({ webBridge: false });
    await first.engine.stop();
    const redis = await startTestRedis(first.dataDir);
    await redis.client.del(keys.system.haltAudit.key);
    await redis.client.hset(keys.system.halt.key, 'state', 'RUNNING');
    await redis.stop();

    ({ engine } = await startInProcessEngine({ webBridge: false, dataDir: first.dataDir, configPath: first.configPath }));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', persisted: true });
    expect(engine.tradingState.current.reason).toContain('system:halt held no valid state ("RUNNING")');
  });

  it('lets a HALT sent while a confirmed loosening is still being written win, recorded after it in the audit', async () => {
    ({ engine } = await startInProcessEngine({ webBridge: false }));
    const client = clientOf(engine);
    await client.call('setTradingState', { state: 'HALTED', reason: 'open' });
    const pid = engine.redis.managedPid!;
    process.kill(pid, 'SIGSTOP'); // Redis holds the loosening's write until it runs again
    try {
      const loosening = client.call('setTradingState', { state: 'ACTIVE', reason: 'all clear', confirmed: true });
      await new Promise((r) => setTimeout(r, 100));
      const halting = client.call('setTradingState', { state: 'HALTED', reason: 'second thoughts' });
      await new Promise((r) => setTimeout(r, 100));
      process.kill(pid, 'SIGCONT');
      expect((await loosening).state).toBe('HALTED');
      expect(await halting).toMatchObject({ state: 'HALTED', reason: 'second thoughts', persisted: true });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', reason: 'second thoughts' });
    expect(await engine.redis.client.hgetall(keys.system.halt.key)).toMatchObject({ state: 'HALTED', reason: 'second thoughts' });
    const audit = (await engine.redis.client.xrange(keys.system.haltAudit.key, '-', '+')).slice(-2).map(([, f]) => `${f[1]}->${f[3]}`);
    expect(audit).toEqual(['HALTED->ACTIVE', 'ACTIVE->HALTED']);
  });
});

describe('the kill switch journal (changes Redis never took, kept on disk)', () => {
  const journalFile = (dataDir: string) => path.join(dataDir, 'trading-state.unrecorded.json');

  it('starts HALTED and records it when the journal an earlier run left cannot be read', async () => {
    const first = await startInProcessEngine({ webBridge: false });
    await first.engine.stop();
    fs.writeFileSync(journalFile(first.dataDir), '{"truncated": ');
    ({ engine } = await startInProcessEngine({ webBridge: false, dataDir: first.dataDir, configPath: first.configPath }));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', persisted: true, reason: expect.stringMatching(/is not JSON: halted for safety/) });
    expect(await engine.redis.client.hget(keys.system.halt.key, 'state')).toBe('HALTED');
    expect(fs.existsSync(journalFile(first.dataDir))).toBe(false);
  });

  it('never loosens from the journal: an older REDUCING left unrecorded does not replace a newer HALTED in Redis', async () => {
    const first = await startInProcessEngine({ webBridge: false });
    const older = Date.now() - 60_000;
    await clientOf(first.engine).call('setTradingState', { state: 'HALTED', reason: 'newer halt' });
    await first.engine.stop();
    const stale = [{ from: 'ACTIVE', to: { state: 'REDUCING', changedAt: older, changedBy: 'trader', reason: 'old', persisted: false } }];
    fs.writeFileSync(journalFile(first.dataDir), JSON.stringify(stale));
    ({ engine } = await startInProcessEngine({ webBridge: false, dataDir: first.dataDir, configPath: first.configPath }));
    expect(engine.tradingState.current).toMatchObject({ state: 'HALTED', reason: 'newer halt' });
    const audit = await engine.redis.client.xrange(keys.system.haltAudit.key, '-', '+');
    expect(audit.some(([, fields]) => fields.includes('old'))).toBe(false);
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../../support/testRedis';
import { eventually } from '../../support/engineContract';
import { startExecutionHarness, type ExecutionHarness } from './executionHarness';
import { placeRestingOrders } from './killSwitchOrders';

/** Runs `npm run halt -- <args>` as a trader would in a terminal. */
function npmHalt(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'halt', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run halt: the kill switch from a terminal, through the data dir', () => {
  let h: ExecutionHarness;
  beforeAll(async () => {
    h = await startExecutionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  test('halts a running engine (exit 0, HALTED) and its working orders are cancelled at the gateway', async () => {
    const ids = await placeRestingOrders(h, 5);
    const result = await npmHalt(['--data-dir', h.dataDir, '--reason', 'cockpit frozen']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^HALTED: engine pid \d+/);
    expect(await h.client.call('getTradingState', {})).toMatchObject({ state: 'HALTED', reason: 'cockpit frozen', changedBy: expect.stringMatching(/via terminal$/) });
    await eventually('no order working at the gateway', () => h.gateway.workingOrders() === 0);
    await eventually('the engine to see them cancelled', () => ids.every((id) => h.orders().find((o) => o.orderId === id)?.status === 'Cancelled'));
    expect(fs.readdirSync(path.join(h.dataDir, 'halt-requests'))).toEqual([]);
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
  }, 60_000);

  test('halts with Redis frozen: HALTED at once, cancels sent, recorded when Redis runs again', async () => {
    const ids = await placeRestingOrders(h, 3);
    const redisPid = (JSON.parse(fs.readFileSync(path.join(h.dataDir, 'redis', 'redis-server.pid'), 'utf8')) as { pid: number }).pid;
    process.kill(redisPid, 'SIGSTOP');
    try {
      const result = await npmHalt(['--data-dir', h.dataDir, '--reason', 'redis frozen']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^HALTED: engine pid \d+, in force, not yet recorded in Redis/);
      await eventually('no order working at the gateway', () => h.gateway.workingOrders() === 0);
    } finally {
      process.kill(redisPid, 'SIGCONT');
    }
    await eventually('the engine to see them cancelled', () => ids.every((id) => h.orders().find((o) => o.orderId === id)?.status === 'Cancelled'), 20_000);
    await eventually('the HALT recorded once Redis runs', async () => (await h.client.call('getTradingState', {})).persisted === true, 20_000);
    expect(await h.client.call('getTradingState', {})).toMatchObject({ state: 'HALTED', reason: 'redis frozen' });
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
  }, 90_000);

  test('an unreadable halt request still halts (someone asked to stop trading) and is answered', async () => {
    const dir = path.join(h.dataDir, 'halt-requests');
    fs.writeFileSync(path.join(dir, 'garbled.request.json'), '{"reason": "cut off');
    const answerFile = path.join(dir, 'garbled.answer.json');
    const answer = await eventually('the answer', () => (fs.existsSync(answerFile) ? JSON.parse(fs.readFileSync(answerFile, 'utf8')) : undefined));
    expect(answer).toMatchObject({ ok: true, state: { state: 'HALTED', reason: expect.stringContaining('unreadable') } });
    fs.rmSync(answerFile);
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
  }, 60_000);

  test('a frozen engine is reported as not reached (exit 1), and its request withdrawn', async () => {
    h.engine.child.kill('SIGSTOP');
    try {
      const result = await npmHalt(['--data-dir', h.dataDir, '--reason', 'engine frozen', '--timeout-ms', '1000']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/NOT HALTED: the engine \(pid \d+\) did not answer within 1000 ms: it may be frozen/);
      expect(fs.readdirSync(path.join(h.dataDir, 'halt-requests'))).toEqual([]);
    } finally {
      h.engine.child.kill('SIGCONT');
    }
  }, 60_000);

  test('a data dir without a running engine is reported as not reached (exit 1) with why', async () => {
    const empty = tempDir('alphatrader-halt-');
    try {
      const result = await npmHalt(['--data-dir', empty]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/NOT HALTED: no engine is running on .*engine\.lock cannot be read \(ENOENT\)/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { EventName, SecType } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../core/store/freePort';
import { tempDir } from '../../support/testRedis';
import { connectClient, waitFor } from './gatewayHarness';

let child: ChildProcess | undefined;
afterEach(() => void child?.kill('SIGTERM'));

/** Runs `npm run sim`'s entry point and resolves once the gateway says it listens. */
async function runSim(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ALPHATRADER_STOP_ON_STDIN_END: '1' },
  });
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim did not listen within 60 s:\n${output}`)), 60_000);
    proc.stdout!.on('data', () => output.includes('TWS API gateway listening') && (clearTimeout(timer), resolve()));
    proc.once('exit', (code) => reject(new Error(`sim exited with ${code}:\n${output}`)));
  });
  return { child: proc, output: () => output };
}

/** Runs `npm run sim`'s entry point until it exits by itself. */
async function runSimToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child = proc;
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { code, output };
}

const stopped = (proc: ChildProcess) => new Promise<number | null>((resolve) => (proc.once('exit', resolve), proc.kill('SIGINT')));

describe('npm run sim', () => {
  it('records the model with --record and serves that recording to a TWS API client with --replay', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'session.jsonl');
    const recording = await runSim(['--port', String(await freePort()), '--av-port', '0', '--state-dir', dir, '--record', file, '--speed', '5']);
    child = recording.child;
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await stopped(recording.child)).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', format: 'alphatrader-session' });

    const port = await freePort();
    const replay = await runSim(['--port', String(port), '--av-port', '0', '--state-dir', dir, '--replay', file]);
    child = replay.child;
    expect(replay.output()).toContain(`Market: replay of ${file}`);
    const client = await connectClient(port, 7);
    const tick = waitFor<[number, number, number]>(client.ib, EventName.tickPrice, () => true, 15_000);
    client.ib.reqMktData(1, { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
    const [, , price] = await tick;
    expect(price).toBeGreaterThan(0);
    client.disconnect();
  }, 180_000);

  it('exits 1 saying which port is taken and which flag changes it, without a stack trace', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const av = await runSimToExit(['--port', '0', '--av-port', String(port), '--state-dir', tempDir()]);
      expect(av.code).toBe(1);
      expect(av.output.trim()).toBe(`The simulated market could not start: port ${port} is in use; choose another with --av-port (0 = any free port)`);
      const gateway = await runSimToExit(['--port', String(port), '--av-port', '0', '--state-dir', tempDir()]);
      expect(gateway.code).toBe(1);
      expect(gateway.output.trim()).toBe(`The simulated market could not start: port ${port} is in use; choose another with --port`);
    } finally {
      taken.close();
    }
  });

  it('plays the Alpha Vantage plan named by --av-plan, and refuses an unknown plan or trading-hours mode by name', async () => {
    const dir = tempDir();
    const avPort = await freePort();
    const sim = await runSim(['--port', String(await freePort()), '--av-port', String(avPort), '--av-plan', 'premium75', '--state-dir', dir]);
    child = sim.child;
    await waitUntil(() => sim.output().includes('Alpha Vantage-compatible endpoint'));
    expect(sim.output()).toContain('(plan premium75)');
    const body = (await (await fetch(`http://127.0.0.1:${avPort}/query?function=REALTIME_OPTIONS&symbol=SPY&apikey=k`)).json()) as { message: string; data: Array<{ symbol: string }> };
    expect(body.message).toMatch(/^This is a premium endpoint\./);
    expect(body.data.map((r) => r.symbol)).toEqual(['XXYYZZ']);
    expect(await stopped(sim.child)).toBe(0);

    const bad = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', '--av-plan', 'gold'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let errors = '';
    bad.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    expect(await new Promise((resolve) => bad.once('exit', resolve))).toBe(2);
    expect(errors).toContain('--av-plan must be one of premium600, premium75, free, got "gold"');

    const badHours = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', '--trading-hours', 'sometimes'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let hoursErrors = '';
    badHours.stderr!.on('data', (chunk: Buffer) => (hoursErrors += chunk.toString()));
    expect(await new Promise((resolve) => badHours.once('exit', resolve))).toBe(2);
    expect(hoursErrors).toContain('--trading-hours must be enforced or always-open, got "sometimes"');
  }, 120_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

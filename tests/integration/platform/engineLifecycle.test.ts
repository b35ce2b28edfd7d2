import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../../core/contract/contract';
import { freePort } from '../../../core/store/freePort';
import { LIGHT_SYMBOLS, runEngineToExit, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { alive, childPids } from '../../support/processes';
import { contractOf } from '../../support/engineContract';
import { tempDir } from '../../support/testRedis';

const engines: EngineProcess[] = [];
const leftovers: number[] = [];
const blockers: Array<{ server: net.Server; sockets: Set<net.Socket> }> = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const { server, sockets } of blockers.splice(0)) {
    server.close();
    sockets.forEach((socket) => socket.destroy());
  }
});

async function startEngine(options: { dataDir?: string; configPath?: string } = {}): Promise<EngineProcess> {
  const engine = await startEngineProcess({ configPath: options.configPath ?? (await writeTestConfig({ symbols: LIGHT_SYMBOLS })), dataDir: options.dataDir });
  engines.push(engine);
  return engine;
}

const health = async (engine: EngineProcess) => (await axios.get<Health>(`http://127.0.0.1:${engine.port}/api/health`)).data;

/** Another program holding a port on 127.0.0.1. */
async function occupyPort(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket)); // accepts, never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  blockers.push({ server, sockets });
  return (server.address() as net.AddressInfo).port;
}

/** Whether anything accepts connections on the port (a redis-server left behind would). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Halts trading through the engine's own WebSocket contract, as the cockpit's HALT button does. */
async function haltThroughCockpit(engine: EngineProcess, reason: string): Promise<void> {
  const { client, close } = await contractOf(engine);
  try {
    const state = await client.call('setTradingState', { state: 'HALTED', reason });
    expect(state).toMatchObject({ state: 'HALTED', persisted: true });
  } finally {
    close();
  }
}

describe('the engine process across its own faults', () => {
  it('after kill -9 of the engine, the next start shuts its leftover redis-server down and comes up in the persisted state', async () => {
    const first = await startEngine();
    await haltThroughCockpit(first, 'before the crash');
    const leftoverRedis = (await health(first)).modules.redis?.detail.pid as number;
    leftovers.push(leftoverRedis);
    expect(await first.stop('SIGKILL')).toBe(null);
    expect(alive(leftoverRedis)).toContain('redis-server'); // the fault: kill -9 leaves redis-server running

    const second = await startEngine({ dataDir: first.dataDir, configPath: first.configPath });
    expect(alive(leftoverRedis)).toBe(false);
    const report = await health(second);
    expect(report).toMatchObject({ status: 'ok', redis: { connected: true }, tradingState: 'HALTED' });
    expect(report.modules.redis).toMatchObject({ state: 'running', restarts: 0 });
    expect(childPids(second.child.pid!)).toContain(report.modules.redis?.detail.pid);
    expect(second.output()).toContain('a redis-server left running by an earlier engine on this data dir: shutting it down');
  });

  it('refuses a second engine on the same data dir with exit code 1, naming the running one, whose state stays as it was', async () => {
    const first = await startEngine();
    await haltThroughCockpit(first, 'only one engine decides');
    const { code, stderr } = await runEngineToExit(['--port', '0', '--data-dir', first.dataDir, '--config', first.configPath]);
    expect(code).toBe(1);
    expect(stderr).toContain(`data dir ${first.dataDir} is in use by another AlphaTrader engine (pid ${first.child.pid}, web port ${first.port}`);
    expect(await health(first)).toMatchObject({ status: 'ok', tradingState: 'HALTED', modules: { redis: { restarts: 0 } } });
  });

  it('exits 1 saying the web port is in use and which flag changes it, leaving no redis-server behind', async () => {
    const webPort = await occupyPort();
    const redisPort = await freePort();
    const config = await writeTestConfig({ symbols: LIGHT_SYMBOLS, redis: { port: redisPort } });
    const dataDir = tempDir();
    const { code, stderr } = await runEngineToExit(['--port', String(webPort), '--data-dir', dataDir, '--config', config]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`AlphaTrader could not start: webBridge: port ${webPort} is in use; choose another with --port (0 = any free port)`);
    expect(await listening(redisPort)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'engine.lock'))).toBe(false);
  });

  it("exits 1 saying the Redis port is in use, with redis-server's own words", async () => {
    const redisPort = await occupyPort();
    const config = await writeTestConfig({ symbols: LIGHT_SYMBOLS, redis: { port: redisPort } });
    const { code, stderr } = await runEngineToExit(['--port', '0', '--data-dir', tempDir(), '--config', config]);
    expect(code).toBe(1);
    expect(stderr).toContain(`AlphaTrader could not start: redis: port ${redisPort} is in use; choose another redis.port in the config file`);
    expect(stderr).toContain('redis-server said:');
    expect(stderr).toContain('bind: Address already in use');
  });

  it('refuses an empty redis.password file instead of running Redis without a password', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'redis.password'), '\n');
    const redisPort = await freePort();
    const config = await writeTestConfig({ symbols: LIGHT_SYMBOLS, redis: { port: redisPort } });
    const { code, stderr } = await runEngineToExit(['--port', '0', '--data-dir', dataDir, '--config', config]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dataDir, 'redis.password')} is empty, so redis-server would run without a password`);
    expect(await listening(redisPort)).toBe(false);
  });
});

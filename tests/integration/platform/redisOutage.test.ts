import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { Health } from '../../../core/contract/contract';
import { keys } from '../../../core/store/keys';
import { contractOf, eventually, healthOf, processAlive, redisOf, redisPidOf } from '../../support/engineContract';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

const running: Array<{ stop(): Promise<unknown> }> = [];
const clients: Array<{ close(): void } | Redis> = [];
let external: TestRedis | undefined;

/**
 * A frozen redis-server is noticed once a command has waited `redis.socketTimeoutSeconds` (10 s shipped); the freeze
 * tests set it to this, so each waits seconds, not tens of seconds, for the same disconnect.
 */
const FROZEN_AFTER_SECONDS = 3;
/** A test that starts, freezes, stops and starts an engine again: on a loaded 2-core machine that outlasts 60 s. */
const TWO_ENGINES_MS = 120_000;

async function startEngine(options: { dataDir?: string; configPath?: string; env?: NodeJS.ProcessEnv; frozenAfterSeconds?: number } = {}): Promise<EngineProcess> {
  const redis = options.frozenAfterSeconds === undefined ? {} : { redis: { socketTimeoutSeconds: options.frozenAfterSeconds } };
  const engine = await startEngineProcess({ configPath: options.configPath ?? (await writeTestConfig({ symbols: LIGHT_SYMBOLS, ...redis })), ...options });
  running.push(engine);
  return engine;
}

function track<T extends { close(): void } | Redis>(client: T): T {
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) {
    if ('disconnect' in client) client.disconnect();
    else client.close();
  }
  await Promise.all(running.splice(0).map((engine) => engine.stop()));
  await external?.stop();
  external = undefined;
});

/** The last entry of system:halt:audit as a field map. */
async function lastAudit(redis: Redis): Promise<Record<string, string>> {
  const [entry] = await redis.xrevrange(keys.system.haltAudit.key, '+', '-', 'COUNT', 1);
  const flat = entry?.[1] ?? [];
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** kill -9 of the engine's redis-server; resolves with Health once a new one runs and the engine's client is back on it. */
async function crashRedisAndWait(engine: EngineProcess, what: string): Promise<Health> {
  const pid = await redisPidOf(engine);
  process.kill(pid, 'SIGKILL');
  return eventually(`the client back after ${what}`, async () => {
    const h = await healthOf(engine);
    return h.redis.connected && h.modules.redis?.detail.pid !== pid && h.status === 'ok' ? h : null;
  });
}

describe('the engine when its Redis goes away', () => {
  it('reconnects its Redis client every time the managed redis-server is killed with SIGKILL and restarted', async () => {
    const engine = await startEngine();
    for (let crash = 1; crash <= 3; crash++) {
      const health = await crashRedisAndWait(engine, `crash ${crash}`);
      expect(health.modules.redis).toMatchObject({ state: 'running', restarts: crash, detail: { status: 'ready', reconnects: crash } });
    }
    // Writes land again: the ingestion's buffer empties into the restarted redis-server.
    const redis = track(redisOf(engine));
    const since = Date.now();
    await eventually('a fresh heartbeat in the restarted Redis', async () => {
      const beat = await redis.get(keys.module.heartbeat('redis').key).catch(() => null);
      return beat !== null && (JSON.parse(beat) as { ts: number }).ts >= since;
    });
    const ingest = (await healthOf(engine)).modules.ibkrIngest?.detail;
    expect(ingest).toMatchObject({ redis: 'ok' });
  });

  it('records a HALT sent while the managed redis-server is down, with its audit entry, and a restart comes up HALTED', async () => {
    const engine = await startEngine();
    const { client } = track(await contractOf(engine));
    await crashRedisAndWait(engine, 'a first crash'); // the second outage is the one that used to strand the client
    process.kill(await redisPidOf(engine), 'SIGKILL');
    await eventually('health to show Redis disconnected', async () => !(await healthOf(engine)).redis.connected, 5_000, 10);

    const halted = await client.call('setTradingState', { state: 'HALTED', reason: 'redis crash drill' });
    expect(halted).toMatchObject({ state: 'HALTED', persisted: false });

    await eventually('the HALT to be recorded once Redis is back', async () => (await client.call('getTradingState', {})).persisted);
    const redis = track(redisOf(engine));
    expect(await redis.hgetall(keys.system.halt.key)).toMatchObject({ state: 'HALTED', reason: 'redis crash drill', changedBy: 'trader via websocket' });
    expect(await lastAudit(redis)).toMatchObject({ from: 'ACTIVE', to: 'HALTED', reason: 'redis crash drill', at: String(halted.changedAt) });

    expect(await engine.stop()).toBe(0);
    const restarted = await startEngine({ dataDir: engine.dataDir, configPath: engine.configPath });
    const again = track(await contractOf(restarted));
    expect(await again.client.call('getTradingState', {})).toMatchObject({ state: 'HALTED', reason: 'redis crash drill', persisted: true });
    expect((await healthOf(restarted)).tradingState).toBe('HALTED');
  });

  it('reconnects to an external Redis (REDIS_URL) that was killed and started again, and records a HALT sent meanwhile', async () => {
    external = await startTestRedis();
    const engine = await startEngine({ env: { REDIS_URL: external.url } });
    const { client } = track(await contractOf(engine));
    external.client.on('error', () => undefined);
    process.kill(external.server.pid!, 'SIGKILL');
    await eventually('health to show Redis disconnected', async () => !(await healthOf(engine)).redis.connected, 5_000, 10);
    const halted = await client.call('setTradingState', { state: 'HALTED', reason: 'external redis drill' });
    expect(halted.persisted).toBe(false);

    await external.server.start(); // same data dir, port and password
    await eventually('the client back', async () => (await healthOf(engine)).redis.connected);
    await eventually('the HALT to be recorded', async () => (await client.call('getTradingState', {})).persisted);
    expect(await external.client.hget(keys.system.halt.key, 'state')).toBe('HALTED');
    expect(await lastAudit(external.client)).toMatchObject({ from: 'ACTIVE', to: 'HALTED', reason: 'external redis drill' });
  });

  it('shows Redis disconnected while its redis-server is frozen (SIGSTOP), and reconnects once it runs again', async () => {
    const engine = await startEngine({ frozenAfterSeconds: FROZEN_AFTER_SECONDS });
    const pid = await redisPidOf(engine);
    process.kill(pid, 'SIGSTOP');
    try {
      await eventually('health to show the frozen Redis as disconnected', async () => !(await healthOf(engine)).redis.connected, 30_000);
      expect((await healthOf(engine)).status).toBe('degraded');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await eventually('the client back', async () => (await healthOf(engine)).redis.connected, 30_000);
    expect(await redisPidOf(engine)).toBe(pid);
  });

  it('shuts down cleanly while its redis-server is frozen (SIGSTOP), leaving no redis-server behind', async () => {
    const engine = await startEngine({ frozenAfterSeconds: FROZEN_AFTER_SECONDS });
    const pid = await redisPidOf(engine);
    process.kill(pid, 'SIGSTOP');
    const started = Date.now();
    try {
      expect(await engine.stop('SIGTERM')).toBe(0);
      // A generous bound, only to prove the drains and the stop have deadlines (they add up to ~15 s at worst).
      expect(Date.now() - started).toBeLessThan(40_000);
      expect(processAlive(pid)).toBe(false);
    } finally {
      if (processAlive(pid)) process.kill(pid, 'SIGCONT'); // a failed run must not leave a frozen redis-server
    }
  });

  /** Freezes the engine's redis-server, sends a HALT (which cannot be recorded), then ends the engine with `signal`. */
  async function haltWhileFrozenThenStop(reason: string, signal: NodeJS.Signals): Promise<{ engine: EngineProcess; exitCode: number | null }> {
    const engine = await startEngine({ frozenAfterSeconds: FROZEN_AFTER_SECONDS });
    const { client } = track(await contractOf(engine));
    const pid = await redisPidOf(engine);
    process.kill(pid, 'SIGSTOP');
    try {
      await eventually('health to show the frozen Redis as disconnected', async () => !(await healthOf(engine)).redis.connected, 30_000);
      expect(await client.call('setTradingState', { state: 'HALTED', reason })).toMatchObject({ state: 'HALTED', persisted: false });
      return { engine, exitCode: await engine.stop(signal) };
    } finally {
      if (processAlive(pid)) process.kill(pid, 'SIGCONT'); // after SIGKILL its leftover redis-server runs on, as after a real crash
    }
  }

  /** Starts the engine again on the same data dir: it must come up HALTED, with the HALT recorded and audited. */
  async function expectHaltRecordedAfterRestart(engine: EngineProcess, reason: string): Promise<void> {
    const restarted = await startEngine({ dataDir: engine.dataDir, configPath: engine.configPath });
    const again = track(await contractOf(restarted));
    expect(await again.client.call('getTradingState', {})).toMatchObject({ state: 'HALTED', reason, persisted: true });
    expect(await lastAudit(track(redisOf(restarted)))).toMatchObject({ from: 'ACTIVE', to: 'HALTED', reason });
    expect(fs.existsSync(path.join(engine.dataDir, 'trading-state.unrecorded.json'))).toBe(false);
  }

  it('keeps a HALT set while Redis is frozen across a clean stop, and the next start records it with its audit entry', async () => {
    const { engine, exitCode } = await haltWhileFrozenThenStop('halt during a freeze', 'SIGTERM');
    expect(exitCode).toBe(0); // Redis never answered: the HALT is still unrecorded
    await expectHaltRecordedAfterRestart(engine, 'halt during a freeze');
  }, TWO_ENGINES_MS);

  it('keeps a HALT set while Redis is frozen when the engine is then killed with SIGKILL', async () => {
    const { engine, exitCode } = await haltWhileFrozenThenStop('halt, then the engine dies', 'SIGKILL');
    expect(exitCode).toBe(null);
    await expectHaltRecordedAfterRestart(engine, 'halt, then the engine dies');
  }, TWO_ENGINES_MS);

  it('opens its Redis connection again when the connection is ended under it', async () => {
    const { engine } = await startInProcessEngine({ webBridge: false });
    running.push(engine);
    const ended = new Promise((resolve) => engine.redis.client.once('end', resolve));
    engine.redis.client.disconnect(); // ended, as ioredis ends it by itself when a connection attempt fails before any socket
    await ended;
    await eventually('the client back', () => engine.redis.isAlive());
    expect(engine.redis.detail()).toMatchObject({ status: 'ready', reconnects: 1 });
    expect(await engine.redis.client.ping()).toBe('PONG');
  });
});

import fs from 'node:fs';
import http from 'node:http';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import type { Health } from '../../../core/contract/contract';
import { LIGHT_SYMBOLS, runEngineToExit, startEngineProcess as startFullEngine, writeTestConfig } from '../../support/engineProcess';
import { alive, childPids } from '../../support/processes';
import { tempDir } from '../../support/testRedis';

const startEngineProcess = async (options: { dataDir?: string; configPath?: string } = {}) =>
  startFullEngine({ configPath: await writeTestConfig({ symbols: LIGHT_SYMBOLS }), ...options });

describe('the engine process', () => {
  it('stops start-up with exit code 2 and a message naming file, key, value and expectation for an invalid config', async () => {
    const config = await writeTestConfig({ risk: { maxOpenOrders: 'many' } });
    const { code, stderr } = await runEngineToExit(['--config', config, '--data-dir', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain(config);
    expect(stderr).toContain('risk.maxOpenOrders: got "many", expected number');
  });

  it('refuses an invalid environment variable by name', async () => {
    const config = await writeTestConfig();
    const { code, stderr } = await runEngineToExit(['--config', config, '--data-dir', tempDir()], { IB_CLIENT_ID: 'abc' });
    expect(code).toBe(2);
    expect(stderr).toContain('IB_CLIENT_ID: got "abc"');
  });

  it('refuses an invalid LOG_LEVEL by name with exit code 2 instead of crashing inside the logger', async () => {
    const config = await writeTestConfig();
    const { code, stderr } = await runEngineToExit(['--config', config, '--data-dir', tempDir()], { LOG_LEVEL: 'loud' });
    expect(code).toBe(2);
    expect(stderr).toContain('LOG_LEVEL: got "loud", expected one of');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says in a sentence, with exit code 2, that a config path cannot be read', async () => {
    const folder = tempDir();
    const { code, stderr } = await runEngineToExit(['--config', folder, '--data-dir', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot read ${folder}: it is a folder, not a file`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('never shows the password of a REDIS_URL it refuses', async () => {
    const config = await writeTestConfig();
    const { code, stderr } = await runEngineToExit(['--config', config, '--data-dir', tempDir()], { REDIS_URL: 'redis//:hunter2@127.0.0.1:6390' });
    expect(code).toBe(2);
    expect(stderr).toContain('REDIS_URL: got "***@127.0.0.1:6390", expected a redis:// or rediss:// URL');
    expect(stderr).not.toContain('hunter2');
  });

  it('refuses an unknown flag', async () => {
    const { code, stderr } = await runEngineToExit(['--prot', '9000']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--prot'");
  });

  it('answers /api/health with every module running, then leaves no redis-server behind on SIGTERM', async () => {
    const engine = await startEngineProcess();
    const { data: health } = await axios.get<Health>(`http://127.0.0.1:${engine.port}/api/health`);
    expect(health).toMatchObject({ status: 'ok', source: 'sim', redis: { connected: true } });
    for (const name of ['redis', 'tradingState', 'sim', 'webBridge', 'optionsFlow']) expect(health.modules[name]?.state).toBe('running');
    expect(health.modules.redis?.lastHeartbeat).toBeGreaterThan(Date.now() - 10_000);
    const children = childPids(engine.child.pid!);
    expect(children).toContain(health.modules.redis?.detail.pid);

    expect(await engine.stop('SIGTERM')).toBe(0);
    for (const pid of children) expect(alive(pid)).toBe(false);
    await expect(axios.get(`http://127.0.0.1:${engine.port}/api/health`, { timeout: 1_000 })).rejects.toThrow();
  });

  it('stops promptly while a browser still holds an idle keep-alive connection', async () => {
    const engine = await startEngineProcess();
    const agent = new http.Agent({ keepAlive: true });
    await axios.get(`http://127.0.0.1:${engine.port}/api/health`, { httpAgent: agent });
    const started = Date.now();
    expect(await engine.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    agent.destroy();
  });

  it('finishes a clean shutdown when Ctrl+C delivers SIGINT twice (terminal and npm both forward it)', async () => {
    const engine = await startEngineProcess();
    const children = childPids(engine.child.pid!);
    const exited = new Promise<number | null>((resolve) => engine.child.once('exit', resolve));
    engine.child.kill('SIGINT');
    engine.child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of children) expect(alive(pid)).toBe(false);
  });

  it('shuts down cleanly on SIGINT too, and a restart finds the same Redis data', async () => {
    const first = await startEngineProcess();
    const redisPid = (await axios.get<Health>(`http://127.0.0.1:${first.port}/api/health`)).data.modules.redis?.detail.pid as number;
    expect(await first.stop('SIGINT')).toBe(0);
    expect(alive(redisPid)).toBe(false);
    expect(fs.existsSync(`${first.dataDir}/redis.password`)).toBe(true);

    const second = await startEngineProcess({ dataDir: first.dataDir, configPath: first.configPath });
    const health = (await axios.get<Health>(`http://127.0.0.1:${second.port}/api/health`)).data;
    expect(health.redis.connected).toBe(true);
    expect(await second.stop()).toBe(0);
  });
});

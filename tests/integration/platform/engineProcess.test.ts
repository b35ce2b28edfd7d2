import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import type { Health } from '../../../core/contract/contract';
import { LIGHT_SYMBOLS, spawnEngine, startEngineProcess as startFullEngine, writeTestConfig } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';

const startEngineProcess = async (options: { dataDir?: string; configPath?: string } = {}) =>
  startFullEngine({ configPath: await writeTestConfig({ symbols: LIGHT_SYMBOLS }), ...options });

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** True while the process exists and is not a zombie; names it, so a failure says what was left behind. */
function alive(pid: number): string | false {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.split(') ')[1]?.startsWith('Z')) return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() || `pid ${pid}`;
  } catch {
    return false;
  }
}

async function runToExit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawnEngine(args, env);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

describe('the engine process', () => {
  it('stops start-up with exit code 2 and a message naming file, key, value and expectation for an invalid config', async () => {
    const config = await writeTestConfig({ risk: { maxOpenOrders: 'many' } });
    const { code, stderr } = await runToExit(['--config', config, '--data-dir', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain(config);
    expect(stderr).toContain('risk.maxOpenOrders: got "many", expected number');
  });

  it('refuses an invalid environment variable by name', async () => {
    const config = await writeTestConfig();
    const { code, stderr } = await runToExit(['--config', config, '--data-dir', tempDir()], { IB_CLIENT_ID: 'abc' });
    expect(code).toBe(2);
    expect(stderr).toContain('IB_CLIENT_ID: got "abc"');
  });

  it('refuses an unknown flag', async () => {
    const { code, stderr } = await runToExit(['--prot', '9000']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--prot'");
  });

  it('answers /api/health with every module running, then leaves no redis-server behind on SIGTERM', async () => {
    const engine = await startEngineProcess();
    const { data: health } = await axios.get<Health>(`http://127.0.0.1:${engine.port}/api/health`);
    expect(health).toMatchObject({ status: 'ok', source: 'sim', redis: { connected: true } });
    for (const name of ['redis', 'tradingState', 'sim', 'webBridge']) expect(health.modules[name]?.state).toBe('running');
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

import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test as base, type Page } from '@playwright/test';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { writeTestConfig } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';
import { launchEngine, type LaunchedEngine } from './launchEngine';

/** The real engine (child process, managed redis-server on a free port) in a fresh data dir. */
export interface Workstation {
  readonly engine: LaunchedEngine;
  readonly dataDir: string;
  /** Opens the cockpit at the URL the engine printed and waits until the page is connected to the engine. */
  open(page: Page): Promise<void>;
  /** SIGTERM, wait for exit. */
  stop(): Promise<void>;
  /** Stops (if running) and starts again with the same data dir, config and port (the token is new). */
  restart(): Promise<void>;
  /** A client for the engine's Redis (password from the data dir, port from the test config). */
  redis(): Redis;
}

/** `configOverrides` replace top-level sections of config.yaml, e.g. `{ sim: { ...sim, speed: 20 } }`. */
export async function createWorkstation(configOverrides: Record<string, unknown> = {}): Promise<Workstation & { dispose(): Promise<void> }> {
  const dataDir = tempDir('alphatrader-e2e-');
  const configPath = await writeTestConfig(configOverrides);
  const redisPort = (parse(fs.readFileSync(configPath, 'utf8')) as { redis: { port: number } }).redis.port;
  const clients: Redis[] = [];
  let engine = await launchEngine({ dataDir, configPath, port: 0 });
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    const code = await engine.stop('SIGTERM');
    if (code !== 0) throw new Error(`engine exited with ${code} on SIGTERM:\n${engine.output()}`);
  };
  return {
    get engine() {
      return engine;
    },
    dataDir,
    // Opened = the page has its engine connection: a click before that is answered "not connected to the engine".
    open: async (page) => {
      await page.goto(engine.url);
      await baseExpect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    },
    stop,
    async restart() {
      await stop();
      engine = await launchEngine({ dataDir, configPath, port: engine.port });
      running = true;
    },
    redis() {
      const password = fs.readFileSync(path.join(dataDir, 'redis.password'), 'utf8').trim();
      const client = new Redis({ host: '127.0.0.1', port: redisPort, password, lazyConnect: false, maxRetriesPerRequest: 1 });
      clients.push(client);
      return client;
    },
    async dispose() {
      clients.forEach((client) => client.disconnect());
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(configPath), { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ workstation: Workstation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  workstation: async ({}, use) => {
    const workstation = await createWorkstation();
    try {
      await use(workstation);
    } finally {
      await workstation.dispose();
    }
  },
});

/** The page streams the whole cockpit; on a shared machine give expectations time (explicit timeouts still win). */
export const expect = baseExpect.configure({ timeout: 15_000 });

import fs from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { parse } from 'yaml';
import type { Health } from '../../core/contract/contract';
import { ContractClient } from '../../core/contract/contractClient';
import { createWsClientTransport, type WebSocketConstructor } from '../../core/contract/wsClientTransport';
import type { EngineProcess } from './engineProcess';
import { eventually } from './eventually';

export { eventually };


export async function healthOf(engine: EngineProcess): Promise<Health> {
  return (await axios.get<Health>(`http://127.0.0.1:${engine.port}/api/health`, { timeout: 5_000 })).data;
}

/** The pid of the engine's managed redis-server, as Health reports it. */
export async function redisPidOf(engine: EngineProcess): Promise<number> {
  return (await healthOf(engine)).modules.redis?.detail.pid as number;
}

/** The contract over the engine's WebSocket bridge, as the cockpit in a browser uses it. */
export async function contractOf(engine: Pick<EngineProcess, 'port' | 'token'>): Promise<{ client: ContractClient; close(): void }> {
  const origin = `http://127.0.0.1:${engine.port}`;
  const WithOrigin = class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as WebSocketConstructor;
  const transport = createWsClientTransport(`ws://127.0.0.1:${engine.port}/ws?token=${engine.token}`, WithOrigin);
  await eventually('the WebSocket to open', () => transport.isOpen, 10_000);
  return { client: new ContractClient(transport), close: () => transport.dispose() };
}

/** A client of the engine's managed Redis: its configured port and the password kept in its data dir. */
export function redisOf(engine: EngineProcess): Redis {
  const config = parse(fs.readFileSync(engine.configPath, 'utf8')) as { redis: { port: number } };
  const password = fs.readFileSync(path.join(engine.dataDir, 'redis.password'), 'utf8').trim();
  const redis = new Redis({ port: config.redis.port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return redis;
}

/** True while the process exists and is not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

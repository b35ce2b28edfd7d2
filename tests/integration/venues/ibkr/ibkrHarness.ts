import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Redis } from 'ioredis';
import { startGateway, type GatewayOptions, type SimulatedGateway } from '../../../../core/sim/gateway/gateway';
import { createMarketModel, type MarketModel } from '../../../../core/sim/market/marketModel';
import { IbkrDataSource } from '../../../../core/app/ibkrDataSource';
import { createEngineBus, type EngineBus } from '../../../../core/bus/catalogue';
import type { IbkrDataSourceOptions } from '../../../../core/app/ibkrDataSource';
import type { PlannedSymbol } from '../../../../core/venues/ibkr/data/subscriptionPlan';
import { connectRedis } from '../../../../core/store/redisConnection';
import { startTestRedis, type TestRedis } from '../../../support/testRedis';
import { eventually } from '../../../support/eventually';

export { eventually };

export const LEVEL2: PlannedSymbol[] = [
  { symbol: 'SPY', dataClass: 'level2' },
  { symbol: 'QQQ', dataClass: 'level2' },
  { symbol: 'IWM', dataClass: 'level2' },
];
export const STANDARD: PlannedSymbol[] = [
  { symbol: 'AAPL', dataClass: 'standard' },
  { symbol: 'VXX', dataClass: 'standard' },
];

export interface IngestHarness {
  market: MarketModel;
  gateway: SimulatedGateway;
  redis: TestRedis;
  /** The module's own client, configured like the engine's (fails fast while Redis is down). */
  moduleRedis: Redis;
  bus: EngineBus;
  /** The venue with its store writers and detectors, as the engine composes them. */
  ingest: IbkrDataSource;
  badInput: string[];
  stateDir: string;
  /** Starts a gateway again on the same port (after gateway.stop()). */
  restartGateway(): Promise<SimulatedGateway>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  symbols?: PlannedSymbol[];
  seed?: number;
  /** Market clock at creation (default: the model's fixed Monday 09:30 New York open). */
  startTs?: number;
  faults?: GatewayOptions['faults'];
  /** The gateway's pacing rules (TWS's 15 s identical-request window by default). */
  pacing?: GatewayOptions['pacing'];
  pacingRetryMs?: number;
  timings?: IbkrDataSourceOptions['timings'];
  staleAfterSeconds?: number;
  clientId?: number;
}

const quietLog = pino({ level: 'silent' });

/**
 * The simulated market (clock driven by the test with advance()), the real gateway on a free port, a real
 * redis-server, and the IBKR data source (venue, Redis writers, detectors on one bus) connected over TCP, as the
 * engine constructs it.
 */
export async function startIngestHarness(options: HarnessOptions = {}): Promise<IngestHarness> {
  const symbols = options.symbols ?? [...LEVEL2, ...STANDARD];
  const market = createMarketModel({ seed: options.seed ?? 7, symbols: symbols.map((s) => s.symbol), startTs: options.startTs });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ibkr-ingest-'));
  const gatewayOptions = { feed: market, stateDir, faults: options.faults, pacing: options.pacing };
  let gateway = await startGateway({ ...gatewayOptions, port: 0 });
  const port = gateway.port;
  const redis = await startTestRedis();
  const moduleRedis = connectRedis(redis.url, 'ibkr-ingest-test');
  await moduleRedis.connect();
  const badInput: string[] = [];
  const bus = createEngineBus((topic, error) => badInput.push(`bus subscriber of ${topic} failed: ${String(error)}`));
  const ingest = new IbkrDataSource({
    bus,
    ib: { host: '127.0.0.1', port, clientId: options.clientId ?? 17 },
    symbols,
    staleAfterSeconds: options.staleAfterSeconds ?? 10,
    redis: moduleRedis,
    reportBadInput: (_source, problem) => badInput.push(problem),
    pacingRetryMs: options.pacingRetryMs,
    timings: { backoff: { initialMs: 100, maxMs: 1000 }, watchdogIntervalMs: 500, watchdogTimeoutMs: 2000, connectTimeoutMs: 3000, ...options.timings },
  });
  await ingest.start({ log: quietLog, fail: (error) => { throw error; } });
  return {
    market, get gateway() { return gateway; }, redis, moduleRedis, bus, ingest, badInput, stateDir,
    async restartGateway() {
      gateway = await startGateway({ ...gatewayOptions, port });
      return gateway;
    },
    async stop() {
      await ingest.stop();
      await gateway.stop();
      moduleRedis.disconnect();
      await redis.stop();
    },
  };
}


/** Advances the market in steps and lets the sockets and the writer catch up between steps. */
export async function runMarket(market: MarketModel, ms: number, stepMs = 100): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    market.advance(stepMs);
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 30));
}

/** Waits until every planned subscription has been sent and the pacer is empty. */
export async function whenSubscribed(h: IngestHarness, expected: number): Promise<void> {
  await eventually('all subscriptions sent', () => {
    const s = h.ingest.state();
    return s.connected && s.subscriptions.length === expected && s.metrics.queueDepth === 0;
  });
}

/** Waits until no IB message has arrived for quietMs and the writer has nothing pending. */
export async function whenQuiet(h: IngestHarness, quietMs = 150): Promise<void> {
  let last = -1;
  let since = Date.now();
  await eventually('the feed to go quiet', () => {
    const total = h.ingest.venue.connection.messages;
    if (total !== last) {
      last = total;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= quietMs && h.ingest.writer.buffered === 0;
  }, 20_000, 20);
}

/** SMART depth of the simulated market: one row per price and exchange (sizes summed), best first, the first `rows`. */
export function simulatedRows(h: IngestHarness, symbol: string, rows: number) {
  const book = h.market.depth(symbol);
  const view = (side: Array<{ price: number; size: number; exchange: string }>) => {
    const out: Array<{ price: number; size: number; exchange: string }> = [];
    const byPlace = new Map<string, { price: number; size: number; exchange: string }>();
    for (const r of side) {
      const place = `${r.price}|${r.exchange}`;
      const seen = byPlace.get(place);
      if (seen) seen.size += r.size;
      else {
        const row = { price: r.price, size: r.size, exchange: r.exchange };
        byPlace.set(place, row);
        out.push(row);
      }
    }
    return out.slice(0, rows);
  };
  return { bids: view(book?.bids ?? []), asks: view(book?.asks ?? []) };
}

export function rowsOf(side: Array<{ price: number; size: number; exchange: string }>) {
  return side.map((r) => ({ price: r.price, size: r.size, exchange: r.exchange }));
}

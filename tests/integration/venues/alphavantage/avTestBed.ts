import { ChainReader } from '../../../../core/app/chainReader';
import { AlphaVantageStreams } from '../../../../core/app/cockpit/alphaVantageStreams';
import { createEngineBus, type EngineBus } from '../../../../core/bus/catalogue';
import type { StreamSource } from '../../../../core/runtime/topic';
import { AlphaVantageStore } from '../../../../core/store/alphaVantageStore';
import { AlphaVantageIngestModule, type AlphaVantageIngestOptions, type CallClass } from '../../../../core/venues/alphavantage';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint, type AlphaVantageEndpointOptions } from '../../../../core/sim/alphavantage';
import { createMarketModel, type MarketModel } from '../../../../core/sim/market/marketModel';
import { startTestRedis, type TestRedis } from '../../../support/testRedis';

export const API_KEY = 'test-key';

export interface Launch {
  callClass: CallClass;
  at: number;
  /** "REALTIME_OPTIONS SPY" */
  call: string;
}

/** A real redis-server, the simulated market's Alpha Vantage endpoint on 127.0.0.1, and ingestion modules wired to both (chains on the app's thread). */
export interface AvTestBed {
  redis: TestRedis;
  market: MarketModel;
  endpoint: AlphaVantageEndpoint;
  badInput: string[];
  /** A venue module storing into the test's Redis and publishing on its own bus, heard by the cockpit's streams. */
  ingest(options: Partial<AlphaVantageIngestOptions>): { module: AlphaVantageIngestModule; launches: Launch[]; bus: EngineBus; streams: AlphaVantageStreams };
  stop(): Promise<void>;
}

/**
 * `startTs`: the market clock's (still) instant; by default a Monday in January 2025, so intraday series are far behind
 * the wall clock. Give `Date.now()` for data that is current.
 */
export async function startAvTestBed(symbols: string[], endpoint: Partial<AlphaVantageEndpointOptions> = {}, startTs?: number): Promise<AvTestBed> {
  const redis = await startTestRedis();
  // The market clock stays still (never started), so every answer is priced from the same instant.
  const market = createMarketModel({ seed: 11, symbols, startTs });
  const av = await startAlphaVantageEndpoint({ feed: market, apiKey: API_KEY, ...endpoint });
  const modules: AlphaVantageIngestModule[] = [];
  const badInput: string[] = [];
  return {
    redis,
    market,
    endpoint: av,
    badInput,
    ingest(options) {
      const launches: Launch[] = [];
      const bus = createEngineBus();
      const streams = new AlphaVantageStreams(bus);
      streams.start();
      const module = new AlphaVantageIngestModule({
        baseUrl: () => av.url, // read at start, as the engine wires the simulated endpoint
        apiKey: API_KEY,
        callsPerMinute: 590,
        symbols: [],
        schedules: { optionsRefreshSeconds: 60, sentimentRefreshMinutes: 15, technicalsRefreshMinutes: 5 },
        storage: new AlphaVantageStore(redis.client),
        bus,
        reportBadInput: (source, problem) => badInput.push(`${source}: ${problem}`),
        onCallLaunched: (callClass, at, call) => launches.push({ callClass, at, call }),
        // Chain calls on the app's thread, writing on its own connection to the test's Redis, as core/app/dataSources wires them.
        chainCalls: (setup) => new ChainReader({ ...setup, redisUrl: redis.url }),
        ...options,
        tuning: { tickMs: 50, staggerMs: 0, monitorFlushMs: 100, ...options.tuning },
      });
      modules.push(module);
      return { module, launches, bus, streams };
    },
    async stop() {
      for (const m of modules) await m.stop();
      await av.close();
      await redis.stop();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What a cockpit watching `topic` sees first (a chain is read back from Redis for it): fails if nothing comes in `timeoutMs`. */
export function firstSeen<V>(topic: StreamSource<V>, timeoutMs = 15_000): Promise<V> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing published within ${timeoutMs} ms`)), timeoutMs);
    const unsubscribe = topic.subscribe((value) => {
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(value);
    });
  });
}

/** True once every tracked symbol/data type has been stored at least once. */
export function allStored(module: AlphaVantageIngestModule): boolean {
  const status = module.currentStatus();
  return status !== undefined && status.freshness.every((f) => f.lastSuccess !== null);
}

import fs from 'node:fs';
import path from 'node:path';
import type { ContractClient } from '../../../core/contract/contractClient';
import type { OrderRecord, Position } from '../../../core/market/order';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint } from '../../../core/sim/alphavantage';
import { startGateway, type SimulatedGateway } from '../../../core/sim/gateway/gateway';
import { createMarketModel, type MarketModel } from '../../../core/sim/market/marketModel';
import { contractOf, eventually, healthOf } from '../../support/engineContract';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';

/**
 * The real engine in `--source ibkr` mode against the simulated gateway in this process, whose market clock the test
 * drives with advance(); the test trades through the engine's contract, as the cockpit does.
 */
export interface ExecutionHarness {
  market: MarketModel;
  gateway: SimulatedGateway;
  engine: EngineProcess;
  client: ContractClient;
  /** The engine's data dir (engine.lock, the halt requests). */
  dataDir: string;
  /** Every value of the orders and positions streams, newest last. */
  orders(): OrderRecord[];
  positions(): Position[];
  /** Advances the market in steps, letting the sockets catch up between steps. */
  run(ms: number, stepMs?: number): Promise<void>;
  /** Resolves once the engine has published a quote of the symbol: its risk checks see one from then on. */
  whenQuoted(symbol: string): Promise<void>;
  restartEngine(signal?: NodeJS.Signals): Promise<void>;
  restartGateway(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Risk limits an execution test's orders stay within (large sizes, limits through the market, any hour): these tests
 * are about the order path; the risk tests pass their own.
 */
export const ORDER_PATH_RISK = {
  marketCalendar: 'always-open', maxOrderNotional: 1e9, maxOrderShares: 1e6, priceBandPercent: 100, maxPositionPerSymbol: 1e6,
  maxOrdersPerSecond: 1_000, maxOrdersPerMinute: 10_000, duplicateWindowSeconds: 0, maxConcentrationPercent: 1_000, maxStaleDataSeconds: 3_600,
  maxDailyLoss: 1e9, maxDrawdown: 1e9, maxConsecutiveRejections: 1_000, maxOpenOrders: 1_000,
};

export interface ExecutionHarnessOptions {
  risk?: Record<string, unknown>;
  /** Serves the same market's option chains as a simulated Alpha Vantage (the engine's option marks come from them). */
  optionChains?: boolean;
}

export async function startExecutionHarness(options: ExecutionHarnessOptions = {}): Promise<ExecutionHarness> {
  const dir = tempDir('alphatrader-exec-');
  const market = createMarketModel({ seed: 11, symbols: LIGHT_SYMBOLS.map((s) => s.symbol) });
  const stateDir = path.join(dir, 'sim');
  fs.mkdirSync(stateDir);
  let gateway = await startGateway({ feed: market, stateDir, port: 0 });
  const gatewayPort = gateway.port;
  const alphaVantage: AlphaVantageEndpoint | null = options.optionChains ? await startAlphaVantageEndpoint({ feed: market }) : null;
  const alphaVantageEnv = alphaVantage ? { ALPHAVANTAGE_API_KEY: 'test-key', ALPHAVANTAGE_BASE_URL: alphaVantage.url } : {};
  const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, risk: options.risk ?? ORDER_PATH_RISK });
  const dataDir = path.join(dir, 'data');
  const launch = () => startEngineProcess({ dataDir, configPath, extraArgs: ['--source', 'ibkr'], env: { IB_PORT: String(gatewayPort), ...alphaVantageEnv } });
  let engine = await launch();
  let contract = await contractOf(engine);
  let latest = { orders: [] as OrderRecord[], positions: [] as Position[] };
  const follow = () => {
    contract.client.subscribe('orders', {}, (e) => (latest.orders = e.value));
    contract.client.subscribe('positions', {}, (e) => (latest.positions = e.value));
  };
  follow();
  await whenTradable(engine);
  return {
    market,
    get gateway() { return gateway; },
    get engine() { return engine; },
    get client() { return contract.client; },
    dataDir,
    orders: () => latest.orders,
    positions: () => latest.positions,
    async run(ms, stepMs = 100) {
      for (let t = 0; t < ms; t += stepMs) {
        market.advance(stepMs);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async whenQuoted(symbol) {
      let seen = false;
      const off = contract.client.subscribe('quote', { symbol }, () => (seen = true));
      try {
        // The market moves on while waiting: a quote is only sent when it changes.
        await eventually(`the engine's first ${symbol} quote`, () => seen || (market.advance(100), false), 30_000, 50);
      } finally {
        off();
      }
    },
    async restartEngine(signal = 'SIGTERM') {
      contract.close();
      await engine.stop(signal);
      engine = await launch();
      contract = await contractOf(engine);
      latest = { orders: [], positions: [] };
      follow();
      await whenTradable(engine);
    },
    async restartGateway() {
      await gateway.stop();
      gateway = await startGateway({ feed: market, stateDir, port: gatewayPort });
    },
    async stop() {
      contract.close();
      await engine.stop();
      await gateway.stop();
      await alphaVantage?.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(path.dirname(configPath), { recursive: true, force: true });
    },
  };
}

/** The execution module is connected and has reconciled with the gateway. */
export async function whenTradable(engine: EngineProcess): Promise<void> {
  await eventually('the engine to reconcile with the gateway', async () => (await healthOf(engine)).modules.execution?.detail.reconciled === true, 30_000, 100);
}

/** A fresh client order key, as the cockpit makes one per click of Submit. */
export function orderKey(): string {
  return `test-${Math.random().toString(36).slice(2, 12)}`;
}

export function roundToCent(price: number): number {
  return Math.round(price * 100) / 100;
}

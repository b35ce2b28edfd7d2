import path from 'node:path';
import type { EngineModule } from '../runtime/supervisor';
import type { AvPlan } from '../sim/alphavantage';
import type { TradingHoursMode } from '../sim/gateway/orders/tradingHours';
import { startSimulatedMarket, type SimulatedMarket } from '../sim/simulatedMarket';

export interface SimulatedMarketModuleOptions {
  seed: number;
  speed: number;
  gatewayPort: number;
  alphaVantagePort: number;
  /** The Alpha Vantage plan the embedded endpoint plays (premium600, premium75, free). */
  alphaVantagePlan: AvPlan;
  /** Whether the simulated exchange keeps US trading hours (by today's clock) or never closes. */
  tradingHours: TradingHoursMode;
  dataDir: string;
  symbols: string[];
}

/** The embedded market in sim mode: the TWS-protocol gateway (and Alpha Vantage endpoint) the ingestion talks to. */
export class SimulatedMarketModule implements EngineModule {
  readonly name = 'sim';
  private running: SimulatedMarket | null = null;

  constructor(private readonly options: SimulatedMarketModuleOptions) {}

  get market(): SimulatedMarket | null {
    return this.running;
  }

  async start(): Promise<void> {
    const { seed, speed, gatewayPort, alphaVantagePort, alphaVantagePlan, tradingHours, dataDir, symbols } = this.options;
    // Restarts reuse the bound ports so the ingestion reconnects to the same address.
    this.running = await startSimulatedMarket({
      seed,
      speed,
      gatewayPort: this.running?.gatewayPort ?? gatewayPort,
      alphaVantagePort: this.running?.alphaVantagePort ?? alphaVantagePort,
      stateDir: path.join(dataDir, 'sim'),
      symbols,
      howToChangePort: {
        gateway: 'choose another sim.gatewayPort in the config file (0 = any free port)',
        alphaVantage: 'choose another sim.alphaVantagePort in the config file (0 = any free port)',
      },
      alphaVantage: { plan: alphaVantagePlan },
      tradingHours,
      // The workstation's market runs on today's clock so as-of times and staleness read naturally.
      startTs: Date.now(),
    });
  }

  async stop(): Promise<void> {
    await this.running?.stop();
  }

  detail() {
    const stats = this.running?.gateway.stats();
    return {
      gatewayPort: this.running?.gatewayPort ?? null,
      alphaVantagePort: this.running?.alphaVantagePort ?? null,
      alphaVantagePlan: this.options.alphaVantagePlan,
      tradingHours: this.options.tradingHours,
      clients: stats?.sessions ?? 0,
      framesSent: stats?.framesSent ?? 0,
    };
  }
}

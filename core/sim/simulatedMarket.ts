import { startGateway, type SimulatedGateway } from './gateway/gateway';
import type { FaultSwitches } from './gateway/faults';
import { createMarketModel, type MarketModel } from './market/marketModel';

export interface SimulatedMarketOptions {
  seed: number;
  /** Market-clock speed: 1 is real time. */
  speed: number;
  /** TWS-protocol gateway port on 127.0.0.1; 0 picks any free port. */
  gatewayPort: number;
  /** Alpha Vantage-compatible endpoint port; 0 picks any free port. Not served yet (see below). */
  alphaVantagePort: number;
  /** Where persistent simulator state lives (the order-id high-water marks). */
  stateDir: string;
  /** Options for the Alpha Vantage-compatible endpoint, passed through once it exists. */
  alphaVantage?: Record<string, unknown>;
  /** Initial gateway limits and faults; switchable later through gateway.faults. */
  faults?: Partial<FaultSwitches>;
  symbols?: string[];
  startTs?: number;
}

export interface SimulatedMarket {
  market: MarketModel;
  gateway: SimulatedGateway;
  gatewayPort: number;
  /** Present once the Alpha Vantage-compatible endpoint is wired in. */
  alphaVantage?: { stop(): Promise<void> };
  alphaVantagePort?: number;
  stop(): Promise<void>;
}

/**
 * The embedded market the engine uses in sim mode: the seeded model running on its own clock and the
 * TWS-protocol gateway serving it. The Alpha Vantage-compatible endpoint (core/sim/alphavantage) is
 * composed here once it lands; until then alphaVantage/alphaVantagePort stay undefined.
 */
export async function startSimulatedMarket(opts: SimulatedMarketOptions): Promise<SimulatedMarket> {
  const market = createMarketModel({ seed: opts.seed, speed: opts.speed, symbols: opts.symbols, startTs: opts.startTs });
  const gateway = await startGateway({ feed: market, port: opts.gatewayPort, stateDir: opts.stateDir, faults: opts.faults });
  market.start();
  let stopped = false;
  return {
    market,
    gateway,
    gatewayPort: gateway.port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      market.stop();
      await gateway.stop();
    },
  };
}

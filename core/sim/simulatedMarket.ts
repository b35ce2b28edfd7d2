import { listenFailure } from '../runtime/listenFailure';
import { startGateway, type SimulatedGateway } from './gateway/gateway';
import type { FaultSwitches } from './gateway/gatewayFaults';
import type { TradingHoursMode } from './gateway/orders/tradingHours';
import type { MarketFeed } from './market/marketFeed';
import { createMarketModel, type MarketModel } from './market/marketModel';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint, type AlphaVantageEndpointOptions } from './alphavantage';

export interface SimulatedMarketOptions {
  seed: number;
  /** Market-clock speed: 1 is real time. */
  speed: number;
  /** TWS-protocol gateway port on 127.0.0.1; 0 picks any free port. */
  gatewayPort: number;
  /** Alpha Vantage-compatible endpoint port on 127.0.0.1; 0 picks any free port. */
  alphaVantagePort: number;
  /** Where persistent simulator state lives (the order-id high-water marks). */
  stateDir: string;
  /** Options for the Alpha Vantage-compatible endpoint (key, calls per minute, throttle style...). */
  alphaVantage?: Omit<AlphaVantageEndpointOptions, 'feed' | 'port'>;
  /** What a listen failure tells the user to change, per server (a flag for `npm run sim`, a config key for the engine). */
  howToChangePort?: { gateway: string; alphaVantage: string };
  /** Initial gateway limits and faults; switchable later through gateway.faults. */
  faults?: Partial<FaultSwitches>;
  /** 'enforced' (default): US trading hours by the market clock; 'always-open': the venue never closes. */
  tradingHours?: TradingHoursMode;
  symbols?: string[];
  startTs?: number;
}

export type SimulatedMarket = ServedMarket<MarketModel>;

/** What serves a market: the TWS-protocol gateway and the Alpha Vantage endpoint, both priced from one feed. */
export interface ServedMarket<F extends MarketFeed> {
  market: F;
  gateway: SimulatedGateway;
  gatewayPort: number;
  alphaVantage: AlphaVantageEndpoint;
  alphaVantagePort: number;
  stop(): Promise<void>;
}

/**
 * The embedded market the engine uses in sim mode: the seeded model running on its own clock, the TWS-protocol
 * gateway and the Alpha Vantage-compatible endpoint, both priced from that one market.
 */
export async function startSimulatedMarket(opts: SimulatedMarketOptions): Promise<SimulatedMarket> {
  const market = createMarketModel({ seed: opts.seed, speed: opts.speed, symbols: opts.symbols, startTs: opts.startTs });
  return serveMarket(market, opts);
}

/** Serves any feed (the model, or a replay of a recorded session or LOBSTER files) and starts its clock. */
export async function serveMarket<F extends MarketFeed>(market: F, opts: Omit<SimulatedMarketOptions, 'speed' | 'symbols' | 'startTs'>): Promise<ServedMarket<F>> {
  const howToChange = opts.howToChangePort ?? { gateway: 'choose another gateway port', alphaVantage: 'choose another Alpha Vantage port' };
  const gateway = await startGateway({ feed: market, port: opts.gatewayPort, stateDir: opts.stateDir, faults: opts.faults, tradingHours: opts.tradingHours }).catch((e: unknown) => {
    throw listenFailure(e, opts.gatewayPort, howToChange.gateway);
  });
  let alphaVantage: AlphaVantageEndpoint;
  try {
    alphaVantage = await startAlphaVantageEndpoint({ seed: opts.seed, ...opts.alphaVantage, feed: market, port: opts.alphaVantagePort });
  } catch (e) {
    await gateway.stop();
    throw listenFailure(e, opts.alphaVantagePort, howToChange.alphaVantage);
  }
  market.start();
  let stopped = false;
  return {
    market,
    gateway,
    gatewayPort: gateway.port,
    alphaVantage,
    alphaVantagePort: alphaVantage.port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      market.stop();
      await Promise.all([gateway.stop(), alphaVantage.close()]);
    },
  };
}

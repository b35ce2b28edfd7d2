import type { Settings } from '../config/settings';
import { AlphaVantageIngestModule } from '../venues/alphavantage/alphaVantageIngestModule';
import { IbkrIngestModule } from '../venues/ibkr/data/ibkrIngestModule';
import { SimulatedMarketModule } from '../sim/simulatedMarketModule';
import type { RedisModule } from '../store/redisModule';
import type { EngineModule } from '../runtime/supervisor';

export interface MarketModules {
  sim: SimulatedMarketModule | null;
  ibkr: IbkrIngestModule;
  /** Null when no Alpha Vantage key is configured outside sim mode. */
  alphaVantage: AlphaVantageIngestModule | null;
  all: EngineModule[];
}

/** The data sources for the configured source: in sim mode the ingestion talks to the embedded market. */
export function marketModules(settings: Settings, redis: RedisModule, reportBadInput: (source: string, problem: string) => void): MarketModules {
  const { config } = settings;
  const sim = settings.source === 'sim' ? simulatedMarketModule(settings) : null;
  const ibkr = new IbkrIngestModule({
    // In sim mode the gateway's port is known only once it listens; the connection reads it at each connect.
    ib: sim ? { host: '127.0.0.1', get port() { return sim.market?.gatewayPort ?? 0; }, clientId: settings.ib.clientId } : settings.ib,
    symbols: config.symbols,
    staleAfterSeconds: config.schedules.staleAfterSeconds,
    redis: redis.client,
    reportBadInput,
    dependsOn: dependencies(sim),
  });
  const alphaVantage = sim || settings.alphaVantage.apiKey ? alphaVantageModule(settings, sim, redis, reportBadInput) : null;
  const all: EngineModule[] = [...(sim ? [sim] : []), ibkr, ...(alphaVantage ? [alphaVantage] : [])];
  return { sim, ibkr, alphaVantage, all };
}

/** In sim mode the ingestion must wait for the market it connects to. */
function dependencies(sim: SimulatedMarketModule | null): string[] {
  return sim ? ['redis', 'sim'] : ['redis'];
}

function simulatedMarketModule(settings: Settings): SimulatedMarketModule {
  const { seed, speed, gatewayPort, alphaVantagePort } = settings.config.sim;
  const symbols = settings.config.symbols.map((s) => s.symbol);
  return new SimulatedMarketModule({ seed, speed, gatewayPort, alphaVantagePort, dataDir: settings.dataDir, symbols });
}

function alphaVantageModule(
  settings: Settings,
  sim: SimulatedMarketModule | null,
  redis: RedisModule,
  reportBadInput: (source: string, problem: string) => void,
): AlphaVantageIngestModule {
  return new AlphaVantageIngestModule({
    baseUrl: sim ? () => `http://127.0.0.1:${sim.market?.alphaVantagePort ?? 0}` : settings.alphaVantage.baseUrl,
    apiKey: sim ? 'sim' : settings.alphaVantage.apiKey!,
    callsPerMinute: settings.alphaVantage.callsPerMinute,
    symbols: settings.config.symbols,
    schedules: settings.config.schedules,
    redis: redis.client,
    reportBadInput,
    dependsOn: dependencies(sim),
  });
}

import type { EngineBus } from '../bus/catalogue';
import type { Settings } from '../config/settings';
import type { DiscoveryRun } from '../market/discoveryReading';
import type { EngineModule } from '../runtime/supervisor';
import { SimulatedMarketModule } from './simulatedMarketModule';
import { AlphaVantageStore } from '../store/alphaVantageStore';
import { redisUrlOf } from '../store/redisConnection';
import type { RedisModule } from '../store/redisModule';
import { AlphaVantageIngestModule } from '../venues/alphavantage/alphaVantageIngestModule';
import { ChainReader } from './chainReader';
import { IbkrDataSource } from './ibkrDataSource';
import { VpinModule } from './vpinModule';

export interface DataSources {
  sim: SimulatedMarketModule | null;
  ibkr: IbkrDataSource;
  /** Null when no Alpha Vantage key is configured outside sim mode. */
  alphaVantage: AlphaVantageIngestModule | null;
  /** VPIN per symbol; null when analytics.vpin.enabled is false. */
  vpin: VpinModule | null;
  all: EngineModule[];
}

/** The data sources for the configured source, publishing on the bus: in sim mode the venues talk to the embedded market. */
/** `discovered`: the newest discovery run, when discovery runs (VPIN takes its bucket sizes). */
export function dataSources(
  settings: Settings,
  redis: RedisModule,
  bus: EngineBus,
  reportBadInput: (source: string, problem: string) => void,
  discovered?: () => DiscoveryRun | null,
): DataSources {
  const { config } = settings;
  const sim = settings.source === 'sim' ? simulatedMarketModule(settings) : null;
  const ibkr = new IbkrDataSource({
    // In sim mode the gateway's port is known only once it listens; the connection reads it at each connect.
    ib: sim ? { host: '127.0.0.1', get port() { return sim.market?.gatewayPort ?? 0; }, clientId: settings.ib.clientId } : settings.ib,
    symbols: config.symbols,
    staleAfterSeconds: config.schedules.staleAfterSeconds,
    bus,
    redis: redis.client,
    reportBadInput,
    dependsOn: dependencies(sim),
    discoveryHistory: config.discovery.enabled ? config.discovery : null,
  });
  const alphaVantage = sim || settings.alphaVantage.apiKey ? alphaVantageModule(settings, sim, redis, bus, reportBadInput) : null;
  const vpin = config.analytics.vpin.enabled ? vpinModule(settings, redis, bus, reportBadInput, discovered) : null;
  // Listed before the ingestion, so it starts first and hears every print.
  const all: EngineModule[] = [...(sim ? [sim] : []), ...(vpin ? [vpin] : []), ibkr, ...(alphaVantage ? [alphaVantage] : [])];
  return { sim, ibkr, alphaVantage, vpin, all };
}

/** In sim mode the venues must wait for the market they connect to. */
function dependencies(sim: SimulatedMarketModule | null): string[] {
  return sim ? ['redis', 'sim'] : ['redis'];
}

function vpinModule(
  settings: Settings,
  redis: RedisModule,
  bus: EngineBus,
  reportBadInput: (source: string, problem: string) => void,
  discovered: (() => DiscoveryRun | null) | undefined,
): VpinModule {
  const { config } = settings;
  return new VpinModule({
    bus,
    redis: redis.client,
    config: config.analytics.vpin,
    symbols: config.symbols.map((s) => s.symbol),
    alwaysOpen: settings.source === 'sim' && config.sim.tradingHours === 'always-open',
    reportBadInput,
    discovered,
  });
}

function simulatedMarketModule(settings: Settings): SimulatedMarketModule {
  const { seed, speed, gatewayPort, alphaVantagePort, alphaVantagePlan, tradingHours } = settings.config.sim;
  const symbols = settings.config.symbols.map((s) => s.symbol);
  return new SimulatedMarketModule({ seed, speed, gatewayPort, alphaVantagePort, alphaVantagePlan, tradingHours, dataDir: settings.dataDir, symbols });
}

function alphaVantageModule(
  settings: Settings,
  sim: SimulatedMarketModule | null,
  redis: RedisModule,
  bus: EngineBus,
  reportBadInput: (source: string, problem: string) => void,
): AlphaVantageIngestModule {
  return new AlphaVantageIngestModule({
    baseUrl: sim ? () => `http://127.0.0.1:${sim.market?.alphaVantagePort ?? 0}` : settings.alphaVantage.baseUrl,
    apiKey: sim ? 'sim' : settings.alphaVantage.apiKey!,
    callsPerMinute: settings.alphaVantage.callsPerMinute,
    entitlement: settings.alphaVantage.entitlement,
    optionsFallback: settings.alphaVantage.optionsFallback,
    symbols: settings.config.symbols,
    schedules: settings.config.schedules,
    storage: new AlphaVantageStore(redis.client),
    // Chain calls run whole on a thread of their own, writing on its own connection to the engine's Redis.
    chainCalls: (setup) => new ChainReader({ ...setup, redisUrl: redisUrlOf(redis.client) }),
    bus,
    reportBadInput,
    dependsOn: dependencies(sim),
  });
}

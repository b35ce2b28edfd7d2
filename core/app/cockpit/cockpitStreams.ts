import type { EngineBus } from '../../bus/catalogue';
import type { VpinSettings } from '../../contract/analyticsView';
import { AlphaVantageStreams } from './alphaVantageStreams';
import { AnalyticsStreams } from './analyticsStreams';
import { ExecutionStreams } from './executionStreams';
import { MarketStreams } from './marketStreams';

/**
 * Everything the cockpit's streams show, fed by the bus and paced for people: the only code that knows UI cadences
 * (market streams coalesced to one publish per 50 ms, the Alpha Vantage status to two a second, the analytics to one per 50 ms).
 */
export class CockpitStreams {
  readonly market: MarketStreams;
  readonly alphaVantage: AlphaVantageStreams;
  readonly execution: ExecutionStreams;
  readonly analytics: AnalyticsStreams;

  /** `vpinSettings`: a symbol's VPIN settings, or null when VPIN is disabled. */
  constructor(bus: EngineBus, symbols: ReadonlyArray<{ symbol: string; dataClass: string }>, vpinSettings: (symbol: string) => VpinSettings | null) {
    this.market = new MarketStreams(bus, symbols);
    this.alphaVantage = new AlphaVantageStreams(bus);
    this.execution = new ExecutionStreams(bus);
    this.analytics = new AnalyticsStreams(bus, symbols.map((s) => s.symbol), vpinSettings);
  }

  /** Subscribes to the bus: call before the data sources start, so no event goes unheard. */
  start(): void {
    this.market.start();
    this.alphaVantage.start();
    this.execution.start();
    this.analytics.start();
  }

  stop(): void {
    this.market.stop();
    this.alphaVantage.stop();
    this.execution.stop();
    this.analytics.stop();
  }
}

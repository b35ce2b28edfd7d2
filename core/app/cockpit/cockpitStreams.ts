import type { EngineBus } from '../../bus/catalogue';
import { AlphaVantageStreams } from './alphaVantageStreams';
import { ExecutionStreams } from './executionStreams';
import { MarketStreams } from './marketStreams';

/**
 * Everything the cockpit's streams show, fed by the bus and paced for people: the only code that knows UI cadences
 * (market streams coalesced to one publish per 50 ms, the Alpha Vantage status to two a second).
 */
export class CockpitStreams {
  readonly market: MarketStreams;
  readonly alphaVantage: AlphaVantageStreams;
  readonly execution: ExecutionStreams;

  constructor(bus: EngineBus, symbols: ReadonlyArray<{ symbol: string; dataClass: string }>) {
    this.market = new MarketStreams(bus, symbols);
    this.alphaVantage = new AlphaVantageStreams(bus);
    this.execution = new ExecutionStreams(bus);
  }

  /** Subscribes to the bus: call before the data sources start, so no event goes unheard. */
  start(): void {
    this.market.start();
    this.alphaVantage.start();
    this.execution.start();
  }

  stop(): void {
    this.market.stop();
    this.alphaVantage.stop();
    this.execution.stop();
  }
}

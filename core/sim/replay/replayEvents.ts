import type { SentimentSnapshot } from '../../market/sentiment';
import type { TechnicalSnapshot } from '../../market/technicals';
import type { SimBar, SimDepthBook, MarketEpisode, OptionQuote, SimQuote, SymbolSpec, TradePrint } from '../market/marketFeed';

/** One thing that happened in a recorded market, at market time `t` (epoch ms). */
export type ReplayEvent =
  | { t: number; type: 'quote'; data: SimQuote }
  | { t: number; type: 'trade'; data: TradePrint }
  | { t: number; type: 'depth'; data: SimDepthBook }
  | { t: number; type: 'bar'; data: SimBar }
  | { t: number; type: 'episode'; data: MarketEpisode }
  /** A snapshot of an underlying's whole option chain. */
  | { t: number; type: 'options'; underlying: string; data: OptionQuote[] }
  /**
   * What the engine heard beside the market itself, so a replay gives its strategies the same facts: the previous
   * session's close (TWS tick 9; null once cleared), and Alpha Vantage's technicals and news sentiment as refreshed.
   * The simulator's own replay serves the close (tick 9) and ignores the other two: its Alpha Vantage endpoint computes
   * technicals from the bars and news from its seed.
   */
  | { t: number; type: 'previousClose'; data: { symbol: string; close: number | null } }
  | { t: number; type: 'technicals'; data: TechnicalSnapshot }
  | { t: number; type: 'sentiment'; data: SentimentSnapshot };

export interface ReplaySession {
  startTs: number;
  symbols: SymbolSpec[];
  /** In time order. */
  events: ReplayEvent[];
}

/** The first line of a recorded-session file. */
export interface SessionHeader {
  type: 'header';
  format: 'alphatrader-session';
  version: 1;
  startTs: number;
  symbols: SymbolSpec[];
}

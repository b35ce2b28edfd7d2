import type { SimBar, SimDepthBook, MarketEpisode, OptionQuote, SimQuote, SymbolSpec, TradePrint } from '../market/marketFeed';

/** One thing that happened in a recorded market, at market time `t` (epoch ms). */
export type ReplayEvent =
  | { t: number; type: 'quote'; data: SimQuote }
  | { t: number; type: 'trade'; data: TradePrint }
  | { t: number; type: 'depth'; data: SimDepthBook }
  | { t: number; type: 'bar'; data: SimBar }
  | { t: number; type: 'episode'; data: MarketEpisode }
  /** A snapshot of an underlying's whole option chain. */
  | { t: number; type: 'options'; underlying: string; data: OptionQuote[] };

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

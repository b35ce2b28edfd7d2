/**
 * What the simulated market offers to the things that serve it: the TWS-protocol gateway and the
 * Alpha Vantage-compatible endpoint. The seeded model and the replay of a recorded session both implement it.
 * Times are epoch milliseconds UTC on the market's own clock (which may run faster than real time).
 */
export type Side = 'bid' | 'ask';
export type SimAggressor = 'buy' | 'sell';

export interface SymbolSpec {
  symbol: string;
  conId: number;
  secType: 'STK';
  /** 'STK' for single names; ETFs are still STK in TWS but flagged here. */
  isEtf: boolean;
  primaryExchange: string;
  currency: 'USD';
  minTick: number;
  longName: string;
  /** Level 2 symbols get per-exchange depth with several market makers. */
  level2: boolean;
}

export interface SimQuote {
  symbol: string;
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
  last: number;
  lastSize: number;
  /** Cumulative day volume in shares. */
  volume: number;
  halted: boolean;
  ts: number;
}

/** Why a print happened; the analytics must find these without being told, tests use the tag to check. */
export type TradeKind = 'noise' | 'informed' | 'sweep' | 'block' | 'unusual';

export interface TradePrint {
  symbol: string;
  price: number;
  size: number;
  exchange: string;
  aggressor: SimAggressor;
  kind: TradeKind;
  /** Cumulative day volume and VWAP after this print (RTVolume carries both). */
  totalVolume: number;
  vwap: number;
  ts: number;
}

/** One row of a depth book: a market maker's (or exchange's) quote at one price. */
export interface DepthRow {
  price: number;
  size: number;
  exchange: string;
  /** Market-participant id on that exchange, e.g. GSCO, MSCO, NITE; equals exchange when anonymous. */
  marketMaker: string;
}

/** Full depth per side, best price first; ties keep a stable order. */
export interface SimDepthBook {
  symbol: string;
  bids: DepthRow[];
  asks: DepthRow[];
  ts: number;
}

export interface SimBar {
  symbol: string;
  /** Bar start, epoch seconds (as TWS sends real-time bars). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export interface OptionSpec {
  conId: number;
  underlying: string;
  /** YYYYMMDD */
  expiry: string;
  strike: number;
  right: 'C' | 'P';
  tradingClass: string;
  multiplier: number;
  /** OCC id, e.g. SPY250117C00450000 */
  occId: string;
}

export interface OptionQuote {
  spec: OptionSpec;
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
  last: number;
  mark: number;
  volume: number;
  openInterest: number;
  impliedVol: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
  underlyingPrice: number;
  ts: number;
}

/** A marked episode in the model (for tests and replay files); the analytics never read these. */
export interface MarketEpisode {
  kind: 'informed' | 'sweep' | 'block' | 'unusual_volume' | 'unusual_options' | 'regime_switch' | 'halt';
  symbol: string;
  startTs: number;
  endTs?: number;
  detail: Record<string, string | number | boolean>;
}

export interface Fill {
  price: number;
  size: number;
  exchange: string;
}

export interface MarketEventMap {
  quote: [SimQuote];
  trade: [TradePrint];
  /** The depth book of a level-2 symbol changed; read it with depth(symbol). */
  depth: [SimDepthBook];
  bar: [SimBar];
  episode: [MarketEpisode];
}

export interface MarketFeed {
  symbols(): SymbolSpec[];
  symbol(symbol: string): SymbolSpec | undefined;
  quote(symbol: string): SimQuote | undefined;
  depth(symbol: string): SimDepthBook | undefined;
  /** Most recent completed 5-second bars, oldest first. */
  bars(symbol: string, count: number): SimBar[];
  optionChain(underlying: string): OptionQuote[];
  option(conId: number): OptionQuote | undefined;
  /** Takes liquidity from the book for an order: partial fills and slippage come from the depth. */
  fill(symbol: string, side: SimAggressor, quantity: number, limitPrice?: number): Fill[];
  now(): number;
  on<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void;
  off<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void;
  /** Real-time pacing: speed 1 is wall-clock; speed 10 runs ten times faster. */
  start(): void;
  stop(): void;
  /** Advances the market clock by ms synchronously, emitting everything that happens (tests, faster than real time). */
  advance(ms: number): void;
  /**
   * Optional: bars of barSeconds (5, a multiple of 60 up to 3600, or 86400 for daily), oldest first, including
   * history from before the feed started; the last bar may still be forming.
   */
  historicalBars?(symbol: string, barSeconds: number, count: number): SimBar[];
  /** Optional: the close of the session before the current one (TWS tick 9); undefined when unknown. */
  previousClose?(symbol: string): number | undefined;
  /** Optional: the option chain at the close of a session date (YYYY-MM-DD); the live chain for today; [] when unknown. */
  historicalOptionChain?(underlying: string, date: string): OptionQuote[];
}

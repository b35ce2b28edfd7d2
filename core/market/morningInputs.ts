/**
 * The day's data the morning analysis is written from (assembled by core/app/morning/morningInputs.ts): per symbol
 * the overnight gap, news sentiment, technicals, GEX walls and flip, VPIN, the discovered volatility regime; and the
 * open positions. Stored with every analysis and shown in the cockpit beside it. Types only (browser-safe).
 */
import type { Regime } from './discoveryReading';
import type { DealerPositioning } from './gammaExposureReading';
import type { SentimentLabel } from './sentiment';
import type { Indicator } from './technicals';

export interface MorningGap {
  /** The previous session's close (TWS tick 9). */
  priorClose: number;
  /** The latest price before the open: the mid of a two-sided quote, else the last trade. */
  price: number;
  /** price − priorClose, and that as a percentage of priorClose. */
  change: number;
  percent: number;
}

export interface MorningGex {
  spot: number;
  /** Total GEX, US dollars per 1% move (dealers' side). */
  totalGex: number;
  callWall: number | null;
  putWall: number | null;
  /** The zero-gamma level; null when total GEX keeps one sign across the searched range (flipNote says which). */
  flip: number | null;
  flipNote: string | null;
  positioning: DealerPositioning;
  asOf: number;
}

export interface MorningVpin {
  vpin: number;
  /** VPIN's rank among its own recent readings (0..1); null while that history is short. */
  cdf: number | null;
  toxic: boolean;
  asOf: number;
}

export interface MorningTechnical {
  indicator: Indicator;
  /** The newest point's values as Alpha Vantage named them (RSI, MACD, MACD_Signal, …). */
  values: Record<string, number>;
  /** The engine's reading of it ("overbought", "bullish crossover", …). */
  signal: string;
  asOf: number;
}

export interface MorningSymbol {
  symbol: string;
  /** Null while the prior close or a pre-market price is missing. */
  gap: MorningGap | null;
  sentiment: { label: SentimentLabel; score: number; articles: number; asOf: number } | null;
  technicals: MorningTechnical[];
  gex: MorningGex | null;
  vpin: MorningVpin | null;
  /** The discovered volatility regime (parameter discovery), with the annualized realized volatility it rests on. */
  regime: { regime: Regime; volatility: number; computedAt: number } | null;
}

export interface MorningPosition {
  /** As a trader reads it: "SPY" or "SPY 2026-12-18 600 C". */
  instrument: string;
  symbol: string;
  /** Signed: negative is short. */
  quantity: number;
  avgCost: number;
  marketPrice: number | null;
  unrealizedPnl: number | null;
}

export interface MorningInputs {
  /** The New York trading day the analysis prepares, YYYY-MM-DD. */
  tradingDay: string;
  assembledAt: number;
  symbols: MorningSymbol[];
  positions: MorningPosition[];
}

/**
 * The Alpha Vantage data the engine stores in Redis and publishes to the cockpit (all times epoch ms UTC).
 * Type-only and free of Node imports, so the contract (and through it the renderer) may import it.
 */
import type { AvErrorKind } from './avError';

export type Indicator = 'rsi' | 'macd' | 'bbands' | 'atr';
export const INDICATORS: readonly Indicator[] = ['rsi', 'macd', 'bbands', 'atr'];

/** One kind of refreshed data; `<symbol>:<dataType>` names it in monitoring hashes. */
export type DataType = 'options' | 'sentiment' | Indicator;

/** The budget classes, in the order they are served when calls are short. */
export type CallClass = 'options' | 'sentiment' | 'technicals';
export const CALL_CLASSES: readonly CallClass[] = ['options', 'sentiment', 'technicals'];

export function callClassOf(dataType: DataType): CallClass {
  return dataType === 'options' || dataType === 'sentiment' ? dataType : 'technicals';
}

export interface OptionContractQuote {
  contractId: string;
  expiry: string; // YYYY-MM-DD
  strike: number;
  type: 'call' | 'put';
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
  last: number;
  mark: number;
  volume: number;
  openInterest: number;
  iv: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** `options:{symbol}:chain` */
export interface OptionChainSnapshot {
  symbol: string;
  /** When the chain was fetched. */
  asOf: number;
  /** The quote date AV gave (YYYY-MM-DD), null when absent. */
  quoteDate: string | null;
  contracts: OptionContractQuote[];
  /** Contracts refused by validation (missing or impossible fields). */
  skipped: number;
}

export interface ContractGreeks {
  contractId: string;
  iv: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
  openInterest: number;
  volume: number;
}

/** `options:{symbol}:greeks`: expiries → strike (canonical text, "450" or "452.5") → call/put. */
export interface GreeksByStrike {
  symbol: string;
  asOf: number;
  expiries: Record<string, Record<string, { call?: ContractGreeks; put?: ContractGreeks }>>;
}

export type SentimentLabel = 'Bearish' | 'Somewhat-Bearish' | 'Neutral' | 'Somewhat-Bullish' | 'Bullish';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Bullish'];

/** `sentiment:{symbol}:score` (a hash of these fields). */
export interface SentimentScore {
  symbol: string;
  asOf: number;
  /** Relevance-weighted mean of the ticker's own `ticker_sentiment_score` over its articles. */
  score: number;
  label: SentimentLabel;
  articles: number;
  /** The ticker's own label per article, counted. */
  distribution: Record<SentimentLabel, number>;
}

/** One entry of `sentiment:{symbol}:articles` (newest first, last 50). */
export interface SentimentArticle {
  title: string;
  url: string;
  publishedAt: number;
  /** As AV wrote it (YYYYMMDDTHHMMSS). */
  timePublished: string;
  authors: string[];
  summary: string;
  source: string;
  topics: Array<{ topic: string; relevance: number }>;
  overallScore: number | null;
  overallLabel: SentimentLabel | null;
  tickerScore: number;
  tickerLabel: SentimentLabel;
  tickerRelevance: number;
}

export interface SentimentSnapshot {
  score: SentimentScore;
  articles: SentimentArticle[];
}

export interface TechnicalPoint {
  /** As AV wrote it, US/Eastern ("2025-01-03 16:00"). */
  time: string;
  ts: number;
  values: Record<string, number>;
}

/** `technicals:{symbol}:{indicator}` */
export interface TechnicalSnapshot {
  symbol: string;
  indicator: Indicator;
  interval: string;
  asOf: number;
  lastRefreshed: string | null;
  /** Newest first. */
  series: TechnicalPoint[];
  latest: TechnicalPoint;
  interpretation: { signal: string; text: string };
}

/** The four indicators of one symbol, as the cockpit's technicals topic carries them. */
export type TechnicalsBySymbol = Partial<Record<Indicator, TechnicalSnapshot>>;

export interface FreshnessEntry {
  symbol: string;
  dataType: DataType;
  lastSuccess: number | null;
  ageMs: number | null;
  /** How old the data may get before it is fetched again. */
  windowMs: number;
  /** Older than this is stale. */
  maxAgeMs: number;
  stale: boolean;
}

export interface CallErrorReport {
  kind: AvErrorKind;
  message: string;
  at: number;
}

export interface ValidationReport {
  skipped: number;
  total: number;
  reasons: Record<string, number>;
  at: number;
}

/** The ingestion's state for the Health panel: budget, errors, data quality and freshness. */
export interface AlphaVantageStatus {
  asOf: number;
  budget: {
    callsPerWindow: number;
    windowMs: number;
    used: number;
    left: number;
    usedByClass: Record<CallClass, number>;
    queued: number;
    /** Launch spacing multiplier after throttling (1 = normal). */
    slowdown: number;
    totalCalls: number;
  };
  errors: Record<AvErrorKind, number>;
  /** Last refusal per "FUNCTION:SYMBOL" (Error Message, premium, information answers). */
  callErrors: Record<string, CallErrorReport>;
  /** Refused rows per "symbol:dataType" at its last fetch. */
  validation: Record<string, ValidationReport>;
  freshness: FreshnessEntry[];
  stale: number;
}

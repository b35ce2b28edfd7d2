/** The Alpha Vantage ingestion as the Health panel shows it: budget, errors, data quality and freshness. */
import type { Indicator, Timeliness } from '../market/technicals';

/** Every way an Alpha Vantage call can fail: what monitoring counts. */
export type AvErrorKind =
  | 'throttled' // a per-minute limit: {"Information": "... higher API call volume"}, {"Note"}, or HTTP 429: slow down, ask again
  | 'daily_cap' // "... N requests per day ...": the key's daily allowance is used up; every call waits for the next day
  | 'paused' // not sent: the key is paused by a daily cap (never reaches Alpha Vantage)
  | 'entitlement' // REALTIME_OPTIONS answered with the artificial XXYYZZ sample: the plan lacks realtime options
  | 'premium' // {"Information": "... premium endpoint ..."}: this key cannot call this function
  | 'not_covered' // NEWS_SENTIMENT {"Information": "Invalid inputs ..."}: the news feed does not cover the ticker
  | 'information' // any other {"Information"} answer
  | 'api_error' // {"Error Message"}: bad key, function or symbol
  | 'http' // 4xx/5xx status or a connection failure
  | 'timeout' // no complete answer in time
  | 'malformed' // not JSON (truncated) or JSON of an unexpected shape
  | 'validation'; // every row of an answer was refused

export const AV_ERROR_KINDS: readonly AvErrorKind[] = [
  'throttled', 'daily_cap', 'paused', 'entitlement', 'premium', 'not_covered', 'information', 'api_error', 'http', 'timeout', 'malformed', 'validation',
];

/** One kind of refreshed data; `<symbol>:<dataType>` names it in monitoring hashes. */
export type DataType = 'options' | 'sentiment' | Indicator;

/** The budget classes, in the order they are served when calls are short. */
export type CallClass = 'options' | 'sentiment' | 'technicals';

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
  /** What the data itself is as of (a series' newest point), when known. */
  dataAsOf: number | null;
  /** How current the data is, judged from itself (null before the first fetch). */
  timeliness: Timeliness | null;
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

/** What the key's plan allows, as answers have shown it, with what the trader is told. */
export interface AlphaVantagePlanStatus {
  realtimeOptions: 'unknown' | 'entitled' | 'not_entitled';
  /** Without realtime options: the previous session's chains ('historical') or none. */
  optionsFallback: 'historical' | 'none';
  /** When the plan was seen to lack realtime options, and when REALTIME_OPTIONS is asked again (only while not entitled). */
  realtimeOptionsRefusedAt: number | null;
  realtimeOptionsRecheckAt: number | null;
  /** While a daily cap holds: when calls resume (epoch ms) and the answer that capped the key (key redacted), else null. */
  callsPausedUntil: number | null;
  dailyCapAnswer: string | null;
  /** Functions the plan refused as premium ("MACD"), and tickers the news feed does not cover. */
  premiumFunctions: string[];
  notCovered: string[];
  /** The entitlement setting sent on intraday indicators. */
  entitlement: 'realtime' | 'delayed';
  /** In a trader's words: what the plan lacks, what is shown instead, when calls resume. Empty when all is well. */
  notices: string[];
}

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
  /** Entries whose data is behind (end-of-day) or delayed, by the data's own time. */
  delayed: number;
  plan: AlphaVantagePlanStatus;
}

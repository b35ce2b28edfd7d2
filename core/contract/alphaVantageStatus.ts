/** The Alpha Vantage ingestion as the Health panel shows it: budget, errors, data quality and freshness. */
import type { Indicator } from '../market/technicals';

/** Every way an Alpha Vantage call can fail: what monitoring counts. */
export type AvErrorKind =
  | 'throttled' // HTTP 200 {"Note"} / {"Information": "... rate limit ..."}, or HTTP 429: slow down, ask again
  | 'premium' // {"Information": "... premium endpoint ..."}: this key cannot call this function
  | 'information' // any other {"Information"} answer
  | 'api_error' // {"Error Message"}: bad key, function or symbol
  | 'http' // 4xx/5xx status or a connection failure
  | 'timeout' // no complete answer in time
  | 'malformed' // not JSON (truncated) or JSON of an unexpected shape
  | 'validation'; // every row of an answer was refused

export const AV_ERROR_KINDS: readonly AvErrorKind[] = ['throttled', 'premium', 'information', 'api_error', 'http', 'timeout', 'malformed', 'validation'];

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

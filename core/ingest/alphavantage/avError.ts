/**
 * Every way an Alpha Vantage call can fail, as one error type. `kind` is what monitoring counts;
 * `retryable` says whether the same call may succeed if asked again soon.
 */
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

export class AvError extends Error {
  constructor(
    readonly kind: AvErrorKind,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'AvError';
  }
}

export const AV_ERROR_KINDS: readonly AvErrorKind[] = [
  'throttled', 'daily_cap', 'paused', 'entitlement', 'premium', 'not_covered', 'information', 'api_error', 'http', 'timeout', 'malformed', 'validation',
];

export function errorKindOf(error: unknown): AvErrorKind {
  return error instanceof AvError ? error.kind : 'http';
}

/**
 * Every way an Alpha Vantage call can fail, as one error type. `kind` is what monitoring counts;
 * `retryable` says whether the same call may succeed if asked again soon.
 */
export type AvErrorKind =
  | 'throttled' // HTTP 200 {"Note"} / {"Information": "... rate limit ..."}, or HTTP 429: slow down, ask again
  | 'premium' // {"Information": "... premium endpoint ..."}: this key cannot call this function
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

export const AV_ERROR_KINDS: readonly AvErrorKind[] = ['throttled', 'premium', 'information', 'api_error', 'http', 'timeout', 'malformed', 'validation'];

export function errorKindOf(error: unknown): AvErrorKind {
  return error instanceof AvError ? error.kind : 'http';
}

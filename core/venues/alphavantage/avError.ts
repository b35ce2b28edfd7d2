import type { AvErrorKind } from '../../contract/alphaVantageStatus';

export { AV_ERROR_KINDS, type AvErrorKind } from '../../contract/alphaVantageStatus';

/**
 * Every way an Alpha Vantage call can fail, as one error type. `kind` is what monitoring counts;
 * `retryable` says whether the same call may succeed if asked again soon.
 */
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

export function errorKindOf(error: unknown): AvErrorKind {
  return error instanceof AvError ? error.kind : 'http';
}

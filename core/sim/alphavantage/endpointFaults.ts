/** Faults the endpoint can be switched into at run time, to exercise the ingestion's error handling. */
export interface AlphaVantageFaults {
  /** Every response waits this many milliseconds first (0 = off). */
  delayMs: number;
  /** Every call is answered with this HTTP status, e.g. 503 (0 = off). */
  serverErrorStatus: number;
  /** Every JSON body is cut off halfway. */
  truncateJson: boolean;
  /** Every call is answered as over the rate limit. */
  throttleAll: boolean;
}

export const NO_FAULTS: Readonly<AlphaVantageFaults> = Object.freeze({ delayMs: 0, serverErrorStatus: 0, truncateJson: false, throttleAll: false });

export function validateFaults(patch: Partial<AlphaVantageFaults>): void {
  const { delayMs, serverErrorStatus } = patch;
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) throw new RangeError(`delayMs must be >= 0, got ${delayMs}`);
  if (serverErrorStatus !== undefined && serverErrorStatus !== 0 && !(serverErrorStatus >= 500 && serverErrorStatus <= 599)) {
    throw new RangeError(`serverErrorStatus must be 0 or 5xx, got ${serverErrorStatus}`);
  }
}

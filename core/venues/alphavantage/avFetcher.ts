import pRetry from 'p-retry';
import { readAnswer, type AvAnswer } from './avAnswer';
import type { CallClass } from './callClasses';
import { AvError } from './avError';
import type { AvHttpClient } from './avHttpClient';
import type { AvRequest } from './avRequests';
import type { CallLimiter } from './callLimiter';
import type { DailyCapPause } from './dailyCapPause';
import { redactError, type Redact } from './keyRedaction';

export interface RetryPolicy {
  /** Retries after an HTTP error or timeout (exponential backoff with jitter). */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Times a throttled call is put back in the limiter's queue before the refresh gives up until its next turn. */
  maxRequeues: number;
}

export interface FetchFailureListener {
  /** Every failed attempt, including those retried. */
  (error: AvError, request: AvRequest): void;
}

/** What stands between a call and the key's limits: the daily-cap pause, and the redaction of answer texts. */
export interface KeyGuard {
  pause: DailyCapPause;
  redact: Redact;
}

/**
 * Fetches one call through the limiter. Every attempt, retries included, is a separate limiter job, so retries
 * spend budget like any call. HTTP errors and timeouts back off exponentially with jitter; throttling answers
 * slow the limiter and requeue the call without waiting here (the paused limiter does the waiting). A daily cap
 * pauses the whole key: no call goes out, queued or new, until it may have reset. Every error leaving here has the
 * API key redacted from its message.
 */
export class AvFetcher {
  constructor(
    private readonly http: AvHttpClient,
    private readonly limiter: CallLimiter,
    private readonly policy: RetryPolicy,
    private readonly onFailure: FetchFailureListener,
    private readonly signal: AbortSignal,
    private readonly guard: KeyGuard,
  ) {}

  /** The call's answer, read by readAnswer (AV's in-band failures are AvErrors like the others). */
  fetch(request: AvRequest, callClass: CallClass, prioritySymbol: boolean): Promise<AvAnswer> {
    // Read within the attempt: an in-band throttling answer is requeued like HTTP 429.
    return this.fetchVia(request, callClass, prioritySymbol, async () => readAnswer((await this.http.get(request)).toString('utf8'), request.label));
  }

  /**
   * As fetch, with the call made by `call` (the chain call runner fetches, reads and stores a chain in one go). Its
   * AvErrors count as the attempt's: a throttling answer is requeued, the rest are final or retried as fetch's are.
   */
  async fetchVia<T>(request: AvRequest, callClass: CallClass, prioritySymbol: boolean, call: () => Promise<T>): Promise<T> {
    let requeues = 0;
    const { pause } = this.guard;
    const attempt = () => {
      pause.check(request.label);
      return this.limiter.schedule(callClass, prioritySymbol, request.label, () => {
        pause.check(request.label); // a call queued before the cap was seen
        return call();
      });
    };
    const failureOf = (error: unknown) => redactError(asAvError(error, request), this.guard.redact);
    try {
      return await pRetry(attempt, {
        retries: this.policy.retries,
        factor: 2,
        minTimeout: this.policy.minDelayMs,
        maxTimeout: this.policy.maxDelayMs,
        randomize: true,
        signal: this.signal,
        unref: true,
        onFailedAttempt: ({ error }) => {
          const failure = failureOf(error);
          if (failure.kind === 'paused') return; // never sent: not an answer to count
          this.onFailure(failure, request);
          if (failure.kind === 'daily_cap') pause.pause(Date.now(), failure.message);
          if (failure.kind === 'throttled') {
            requeues++;
            this.limiter.throttled();
          }
        },
        shouldConsumeRetry: ({ error }) => asAvError(error, request).kind !== 'throttled',
        shouldRetry: ({ error }) => {
          const failure = failureOf(error);
          return !this.signal.aborted && failure.retryable && (failure.kind !== 'throttled' || requeues <= this.policy.maxRequeues);
        },
      });
    } catch (error) {
      throw failureOf(error);
    }
  }
}

function asAvError(error: unknown, request: AvRequest): AvError {
  if (error instanceof AvError) return error;
  // The limiter rejects waiting calls when it stops; anything else here is a bug worth seeing by name.
  return new AvError('http', `${request.label}: ${error instanceof Error ? error.message : String(error)}`, false);
}

import type { Redis } from 'ioredis';
import { keys } from '../../store/keys';
import type { AlphaVantageStatus, CallErrorReport, DataType, ValidationReport } from './avData';
import { AV_ERROR_KINDS, type AvError, type AvErrorKind } from './avError';
import type { AvRequest } from './avRequests';
import type { CallLimiter } from './callLimiter';
import type { FreshnessBook } from './freshnessBook';

const REFUSALS = new Set<AvErrorKind>(['api_error', 'premium', 'information']);
/** Answers that are bad input (counted in monitoring:bad_input too); HTTP failures and timeouts are not input. */
const BAD_INPUT = new Set<AvErrorKind>(['throttled', 'api_error', 'premium', 'information', 'malformed', 'validation']);

/** Counts failures and refusals and writes them, with budget and freshness, under monitoring:api:av:* and monitoring:data:stale. */
export class AvMonitor {
  private readonly errors = Object.fromEntries(AV_ERROR_KINDS.map((k) => [k, 0])) as Record<AvErrorKind, number>;
  private readonly callErrors: Record<string, CallErrorReport> = {};
  private readonly validation: Record<string, ValidationReport> = {};

  constructor(private readonly reportBadInput: (source: string, problem: string) => void) {}

  failed(error: AvError, request: AvRequest): void {
    this.errors[error.kind]++;
    if (REFUSALS.has(error.kind)) this.callErrors[`${request.fn}:${request.params.symbol ?? request.params.tickers}`] = { kind: error.kind, message: error.message, at: Date.now() };
    if (BAD_INPUT.has(error.kind)) this.reportBadInput('alphavantage', error.message);
  }

  refused(symbol: string, dataType: DataType, reasons: Record<string, number>, total: number): void {
    const skipped = Object.values(reasons).reduce((a, b) => a + b, 0);
    this.validation[`${symbol}:${dataType}`] = { skipped, total, reasons, at: Date.now() };
    if (skipped > 0) this.reportBadInput('alphavantage', `${dataType} ${symbol}: ${skipped} of ${total} rows refused (${Object.keys(reasons).join(', ')})`);
  }

  status(limiter: CallLimiter, book: FreshnessBook, callsPerWindow: number, windowMs: number, now = Date.now()): AlphaVantageStatus {
    const used = limiter.log.usedInWindow(now);
    const freshness = book.entries(now);
    return {
      asOf: now,
      budget: {
        callsPerWindow, windowMs, used: used.all, left: Math.max(0, callsPerWindow - used.all),
        usedByClass: { options: used.options, sentiment: used.sentiment, technicals: used.technicals },
        queued: limiter.queued(), slowdown: limiter.slowdown, totalCalls: limiter.log.totalCalls,
      },
      errors: { ...this.errors },
      callErrors: { ...this.callErrors },
      validation: { ...this.validation },
      freshness,
      stale: freshness.filter((f) => f.stale).length,
    };
  }

  /** One pipeline: absolute values (idempotent), each hash with its TTL. */
  async write(redis: Redis, status: AlphaVantageStatus): Promise<void> {
    const p = redis.pipeline();
    const put = (spec: { key: string; ttl: number | null }, fields: Record<string, string | number>) => {
      if (Object.keys(fields).length === 0) return;
      p.hset(spec.key, fields);
      if (spec.ttl !== null) p.expire(spec.key, spec.ttl);
    };
    const { budget } = status;
    put(keys.monitoring.alphaVantage('calls'), {
      budget: budget.callsPerWindow, windowMs: budget.windowMs, used: budget.used, left: budget.left,
      options: budget.usedByClass.options, sentiment: budget.usedByClass.sentiment, technicals: budget.usedByClass.technicals,
      queued: budget.queued, slowdown: budget.slowdown, total: budget.totalCalls, asOf: status.asOf,
    });
    put(keys.monitoring.alphaVantage('errors'), status.errors);
    put(keys.monitoring.alphaVantage('call_errors'), mapValues(status.callErrors, (r) => JSON.stringify(r)));
    put(keys.monitoring.alphaVantage('validation'), mapValues(status.validation, (r) => JSON.stringify(r)));
    const succeeded = status.freshness.filter((f) => f.lastSuccess !== null);
    put(keys.monitoring.alphaVantage('last_success'), Object.fromEntries(succeeded.map((f) => [`${f.symbol}:${f.dataType}`, f.lastSuccess!])));
    put(keys.monitoring.dataStale, Object.fromEntries(status.freshness.map((f) => [`${f.symbol}:${f.dataType}`, staleField(f)])));
    await p.exec();
  }
}

/** A `monitoring:data:stale` field value; the IBKR ingestion writes its own fields in the same shape. */
function staleField(f: AlphaVantageStatus['freshness'][number]): string {
  return JSON.stringify({ stale: f.stale, lastSuccess: f.lastSuccess, ageMs: f.ageMs, maxAgeMs: f.maxAgeMs, source: 'alphavantage' });
}

function mapValues<T>(record: Record<string, T>, fn: (value: T) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

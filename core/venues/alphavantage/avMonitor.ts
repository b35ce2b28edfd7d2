import type { AlphaVantageStatus, CallErrorReport, ValidationReport } from '../../contract/alphaVantageStatus';
import type { DataType } from './callClasses';
import { AV_ERROR_KINDS, type AvError, type AvErrorKind } from './avError';
import type { AvRequest } from './avRequests';
import type { CallLimiter } from './callLimiter';
import type { FreshnessBook } from './freshnessBook';
import type { Redact } from './keyRedaction';
import { planStatus, type PlanInputs } from './planStatus';

/** Answers refusing one function for one symbol, reported per "FUNCTION:SYMBOL". */
const REFUSALS = new Set<AvErrorKind>(['api_error', 'premium', 'information', 'entitlement', 'not_covered']);
/**
 * Answers that are bad input (counted in monitoring:bad_input too). HTTP failures and timeouts are not input; what
 * the plan lacks (entitlement, daily cap, premium, not covered) is not bad input either: the plan status says it.
 */
const BAD_INPUT = new Set<AvErrorKind>(['throttled', 'api_error', 'information', 'malformed', 'validation']);

/** Counts failures and refusals; with the limiter and the freshness book they make the ingestion's status. */
export class AvMonitor {
  private readonly errors = Object.fromEntries(AV_ERROR_KINDS.map((k) => [k, 0])) as Record<AvErrorKind, number>;
  private readonly callErrors: Record<string, CallErrorReport> = {};
  private readonly validation: Record<string, ValidationReport> = {};

  constructor(
    private readonly reportBadInput: (source: string, problem: string) => void,
    /** Every message is redacted again here, whatever path it came by: no answer text carries the key onwards. */
    private readonly redact: Redact,
  ) {}

  failed(error: AvError, request: AvRequest): void {
    this.errors[error.kind]++;
    const message = this.redact(error.message);
    if (REFUSALS.has(error.kind)) this.callErrors[`${request.fn}:${request.params.symbol ?? request.params.tickers}`] = { kind: error.kind, message, at: Date.now() };
    if (BAD_INPUT.has(error.kind)) this.reportBadInput('alphavantage', message);
  }

  refused(symbol: string, dataType: DataType, reasons: Record<string, number>, total: number): void {
    const skipped = Object.values(reasons).reduce((a, b) => a + b, 0);
    this.validation[`${symbol}:${dataType}`] = { skipped, total, reasons, at: Date.now() };
    if (skipped > 0) this.reportBadInput('alphavantage', `${dataType} ${symbol}: ${skipped} of ${total} rows refused (${Object.keys(reasons).join(', ')})`);
  }

  status(limiter: CallLimiter, book: FreshnessBook, plan: Omit<PlanInputs, 'freshness'>, callsPerWindow: number, windowMs: number, now = Date.now()): AlphaVantageStatus {
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
      delayed: freshness.filter((f) => f.timeliness === 'behind' || f.timeliness === 'delayed').length,
      plan: planStatus({ ...plan, freshness }, now),
    };
  }
}

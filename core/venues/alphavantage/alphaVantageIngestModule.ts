import type { EngineBus } from '../../bus/catalogue';
import type { AlphaVantageStatus } from '../../contract/alphaVantageStatus';
import type { ModuleHealth } from '../../contract/contract';
import { INDICATORS } from '../../market/technicals';
import type { ModuleContext } from '../../runtime/supervisor';
import type { AlphaVantageStorage } from './alphaVantageStorage';
import { AvFetcher } from './avFetcher';
import { AvHttpClient } from './avHttpClient';
import { AvMonitor } from './avMonitor';
import type { CallClass, DataType } from './callClasses';
import { CallLimiter } from './callLimiter';
import { decodeChain } from './chainColumns';
import { ChainRowsWorker } from './chainRowsPool';
import { FreshnessBook } from './freshnessBook';
import { withDefaults, type AlphaVantageTuning } from './ingestTuning';
import { chainRefresh, RefreshJob } from './refreshJob';
import { refreshPlan, type IngestSymbol, type RefreshItem } from './refreshPlan';
import { RefreshScheduler } from './refreshScheduler';

export interface AlphaVantageIngestOptions {
  /** https://www.alphavantage.co, or a function read at each start (the simulated endpoint's port is known only once it runs). */
  baseUrl: string | (() => string);
  apiKey: string;
  /** Safety budget: calls per window (per minute in production; 590 under the 600/min plan). */
  callsPerMinute: number;
  symbols: readonly IngestSymbol[];
  schedules: { optionsRefreshSeconds: number; sentimentRefreshMinutes: number; technicalsRefreshMinutes: number };
  /** Where fetched data and monitoring are kept (core/store/alphaVantageStore). */
  storage: AlphaVantageStorage;
  /** What was stored, and the status at each flush, are published here. */
  bus: EngineBus;
  reportBadInput: (source: string, problem: string) => void;
  tuning?: Partial<AlphaVantageTuning>;
  /** Modules to start first (default ['redis']; in sim mode also 'sim', whose endpoint baseUrl points at). */
  dependsOn?: readonly string[];
  /** Every HTTP call as it is launched, e.g. "REALTIME_OPTIONS SPY" (tests measure the budget with it). */
  onCallLaunched?: (callClass: CallClass, at: number, call: string) => void;
}

/**
 * Options chains with greeks, news sentiment and technicals from Alpha Vantage, within budget: each refresh is
 * stored (the storage port) and then published on the bus (chainRefreshed, sentimentRefreshed, technicalsRefreshed).
 */
export class AlphaVantageIngestModule {
  readonly name = 'alphaVantage';
  readonly dependsOn: readonly string[];

  private readonly tuning: AlphaVantageTuning;
  private readonly plan: RefreshItem[];
  private readonly monitor: AvMonitor;
  private running: { limiter: CallLimiter; book: FreshnessBook; scheduler: RefreshScheduler; http: AvHttpClient; abort: AbortController; flushTimer: NodeJS.Timeout; rowsWorker: ChainRowsWorker } | undefined;

  constructor(private readonly options: AlphaVantageIngestOptions) {
    this.tuning = withDefaults(options.tuning);
    this.dependsOn = options.dependsOn ?? ['redis'];
    const { schedules } = options;
    this.plan = refreshPlan(
      options.symbols,
      { optionsMs: schedules.optionsRefreshSeconds * 1000, sentimentMs: schedules.sentimentRefreshMinutes * 60_000, technicalsMs: schedules.technicalsRefreshMinutes * 60_000 },
      this.tuning.staggerMs,
    );
    this.monitor = new AvMonitor(options.reportBadInput);
  }

  async start(context?: ModuleContext): Promise<void> {
    const t = this.tuning;
    const abort = new AbortController();
    const limiter = new CallLimiter({
      budget: { calls: this.options.callsPerMinute, windowMs: t.windowMs }, maxInFlight: t.maxInFlight, maxSlowFactor: t.maxSlowFactor,
      onLaunch: this.options.onCallLaunched,
    });
    const baseUrl = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    const http = new AvHttpClient({ baseUrl, apiKey: this.options.apiKey, timeoutMs: t.timeoutMs, signal: abort.signal });
    const store = this.options.storage;
    // Large chains are read on both cores; until the worker is up (or if it fails) on this thread alone.
    const rowsWorker = new ChainRowsWorker((problem) => context?.log.warn(`${problem}; option chains are read on one thread`));
    void rowsWorker.start();
    const job = new RefreshJob({
      fetcher: this.fetcher(http, limiter, abort.signal, context), store, bus: this.options.bus, monitor: this.monitor,
      requests: { technicalsInterval: t.technicalsInterval, articlesLimit: t.articlesLimit }, seriesLimit: t.seriesLimit,
      readRows: rowsWorker.read.bind(rowsWorker),
    });
    const book = new FreshnessBook(t.staleFactor);
    const startedAt = Date.now();
    for (const item of this.plan) book.track(item.symbol, item.dataType, item.windowMs, startedAt + item.startOffsetMs);
    await this.restore(book, store);
    const scheduler = new RefreshScheduler(this.plan, book, (item) => job.run(item), { tickMs: t.tickMs, failureBackoffMs: t.failureBackoffMs });
    const flushTimer = setInterval(() => void this.flush(), t.monitorFlushMs);
    flushTimer.unref();
    this.running = { limiter, book, scheduler, http, abort, flushTimer, rowsWorker };
    scheduler.start();
  }

  private fetcher(http: AvHttpClient, limiter: CallLimiter, stopping: AbortSignal, context?: ModuleContext): AvFetcher {
    return new AvFetcher(http, limiter, this.tuning.retry, (error, request) => {
      if (stopping.aborted) return; // calls cut short by stop() are not failures of the API
      this.monitor.failed(error, request);
      if (error.kind === 'http' || error.kind === 'timeout') context?.log.warn({ kind: error.kind }, error.message); // the rest is logged as bad input
    }, stopping);
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    clearInterval(running.flushTimer);
    running.abort.abort();
    await running.limiter.stop();
    await running.scheduler.stop();
    running.http.close();
    await running.rowsWorker.stop();
    await this.flush();
    this.running = undefined;
  }

  isAlive(): boolean {
    return this.running !== undefined;
  }

  detail(): ModuleHealth['detail'] {
    const s = this.currentStatus();
    if (!s) return {};
    const errors = Object.values(s.errors).reduce((a, b) => a + b, 0);
    return {
      callsUsed: s.budget.used, callsLeft: s.budget.left, optionsCalls: s.budget.usedByClass.options, sentimentCalls: s.budget.usedByClass.sentiment,
      technicalsCalls: s.budget.usedByClass.technicals, queued: s.budget.queued, slowdown: s.budget.slowdown, errors, throttled: s.errors.throttled, stale: s.stale,
      chainHalvesOnWorker: this.running?.rowsWorker.jobsRead ?? 0,
    };
  }

  currentStatus(now = Date.now()): AlphaVantageStatus | undefined {
    const r = this.running;
    return r ? this.monitor.status(r.limiter, r.book, this.options.callsPerMinute, this.tuning.windowMs, now) : undefined;
  }

  /** Writes monitoring now (also runs every `monitorFlushMs`) and publishes the status (alphaVantageStatusSampled). */
  async flush(): Promise<void> {
    const status = this.currentStatus();
    if (!status) return;
    this.options.bus.publish('alphaVantageStatusSampled', status);
    await this.options.storage.writeStatus(status).catch(() => undefined); // Redis down: the next flush writes it all
  }

  /** Success times and data from before a restart: fresh data is not fetched again, and subscribers hear it at once. */
  private async restore(book: FreshnessBook, store: AlphaVantageStorage): Promise<void> {
    const lastSuccess = await store.readLastSuccess().catch(() => ({}) as Record<string, string>);
    for (const [field, value] of Object.entries(lastSuccess)) {
      const [symbol, dataType] = field.split(':') as [string, DataType];
      book.restore(symbol, dataType, Number(value));
    }
    await Promise.all(this.options.symbols.map((s) => this.restoreLatest(s.symbol, store).catch(() => undefined)));
  }

  private async restoreLatest(symbol: string, store: AlphaVantageStorage): Promise<void> {
    const [chainDocument, sentiment, ...technicals] = await Promise.all([
      store.readChainDocument(symbol), store.readSentiment(symbol), ...INDICATORS.map((i) => store.readTechnical(symbol, i)),
    ]);
    const chain = decodeChain(chainDocument);
    const { bus } = this.options;
    if (chain) bus.publish('chainRefreshed', chainRefresh(symbol, chain.asOf, () => chain));
    if (sentiment) bus.publish('sentimentRefreshed', sentiment);
    for (const t of technicals) if (t) bus.publish('technicalsRefreshed', t);
  }
}

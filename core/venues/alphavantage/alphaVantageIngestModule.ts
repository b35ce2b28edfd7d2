import type { EngineBus } from '../../bus/catalogue';
import type { OptionChainSnapshot } from '../../market/optionChain';
import type { AlphaVantageStatus } from '../../contract/alphaVantageStatus';
import type { ModuleHealth } from '../../contract/contract';
import { INDICATORS } from '../../market/technicals';
import { withDeadline } from '../../runtime/deadline';
import type { ModuleContext } from '../../runtime/supervisor';
import type { AlphaVantageStorage } from './alphaVantageStorage';
import type { AvError, AvErrorKind } from './avError';
import { AvFetcher } from './avFetcher';
import { AvHttpClient } from './avHttpClient';
import { AvMonitor } from './avMonitor';
import type { AvRequest } from './avRequests';
import type { CallClass, DataType } from './callClasses';
import { CallLimiter } from './callLimiter';
import { CHAIN_HEAD_BYTES, decodeChainHead } from './chainColumns';
import { callChain, loadChain } from './chainCall';
import { onThisThread, type ChainCallRunner, type ChainCalls } from './chainCalls';
import { DailyCapPause } from './dailyCapPause';
import { FreshnessBook } from './freshnessBook';
import { withDefaults, type AlphaVantageTuning } from './ingestTuning';
import { keyRedactor, type Redact } from './keyRedaction';
import { OptionsEntitlement, type OptionsFallback } from './optionsEntitlement';
import { PlanFindings } from './planStatus';
import { RefreshJob } from './refreshJob';
import { refreshPlan, type IngestSymbol, type RefreshItem } from './refreshPlan';
import { RefreshScheduler } from './refreshScheduler';

/** The monitoring write on stop: a frozen Redis must not hold the shutdown. */
const FINAL_FLUSH_MS = 2_000;

export interface AlphaVantageIngestOptions {
  /** https://www.alphavantage.co, or a function read at each start (the simulated endpoint's port is known only once it runs). */
  baseUrl: string | (() => string);
  apiKey: string;
  /** Safety budget: calls per window (per minute in production; 590 under the 600/min plan). */
  callsPerMinute: number;
  symbols: readonly IngestSymbol[];
  /** Sent as `entitlement=` on intraday indicators (default realtime): without it US intraday data is end-of-day. */
  entitlement?: 'realtime' | 'delayed';
  /** Without realtime options on the plan: the previous session's chains (default) or none. */
  optionsFallback?: OptionsFallback;
  schedules: { optionsRefreshSeconds: number; sentimentRefreshMinutes: number; technicalsRefreshMinutes: number };
  /** Where fetched data and monitoring are kept (core/store/alphaVantageStore). */
  storage: AlphaVantageStorage;
  /** What was stored, and the status at each flush, are published here. */
  bus: EngineBus;
  reportBadInput: (source: string, problem: string) => void;
  tuning?: Partial<AlphaVantageTuning>;
  /** Where chain calls run (the app's thread, core/app/chainReader); absent: on the engine's thread. */
  chainCalls?: ChainCallRunner;
  /** Modules to start first (default ['redis']; in sim mode also 'sim', whose endpoint baseUrl points at). */
  dependsOn?: readonly string[];
  /** Every HTTP call as it is launched, e.g. "REALTIME_OPTIONS SPY" (tests measure the budget with it). */
  onCallLaunched?: (callClass: CallClass, at: number, call: string) => void;
}

/** What the plan lacks: logged once when first seen, and said in the plan status, not reported as bad input. */
const PLAN_FACTS = new Set<AvErrorKind>(['entitlement', 'daily_cap', 'premium', 'not_covered']);

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
  private readonly redact: Redact;
  private running:
    | {
        limiter: CallLimiter; book: FreshnessBook; scheduler: RefreshScheduler; http: AvHttpClient; abort: AbortController; flushTimer: NodeJS.Timeout;
        chains: ChainCalls; loadChain: (symbol: string) => Promise<OptionChainSnapshot | null>; entitlement: OptionsEntitlement; pause: DailyCapPause; findings: PlanFindings;
      }
    | undefined;

  constructor(private readonly options: AlphaVantageIngestOptions) {
    this.tuning = withDefaults(options.tuning);
    this.dependsOn = options.dependsOn ?? ['redis'];
    const { schedules } = options;
    this.plan = refreshPlan(
      options.symbols,
      { optionsMs: schedules.optionsRefreshSeconds * 1000, sentimentMs: schedules.sentimentRefreshMinutes * 60_000, technicalsMs: schedules.technicalsRefreshMinutes * 60_000 },
      this.tuning.staggerMs,
    );
    this.redact = keyRedactor(options.apiKey);
    this.monitor = new AvMonitor(options.reportBadInput, this.redact);
  }

  private get intradayEntitlement(): 'realtime' | 'delayed' {
    return this.options.entitlement ?? 'realtime';
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
    const chains = (this.options.chainCalls ?? onThisThread)({
      http: { baseUrl, apiKey: this.options.apiKey, timeoutMs: t.timeoutMs },
      here: (request, symbol) => callChain(http, store, request, symbol),
      loadHere: (symbol) => loadChain(store, symbol),
      onProblem: (problem) => context?.log.warn(this.redact(problem)),
    });
    void chains.start(); // ahead of the first chain
    const readBack = (symbol: string) =>
      chains.load(symbol).catch((error: unknown) => {
        context?.log.warn(`the option chain of ${symbol} could not be read back from Redis: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
    const book = new FreshnessBook(t.staleFactor);
    const entitlement = new OptionsEntitlement(t.recheckMs, this.options.optionsFallback ?? 'historical', () => this.chainsDueAgain(book));
    const pause = new DailyCapPause();
    const findings = new PlanFindings();
    const job = new RefreshJob({
      fetcher: this.fetcher(http, limiter, pause, abort.signal, context), store, bus: this.options.bus, monitor: this.monitor,
      requests: { technicalsInterval: t.technicalsInterval, articlesLimit: t.articlesLimit, entitlement: this.intradayEntitlement }, seriesLimit: t.seriesLimit,
      chains, loadChain: readBack, entitlement, pause, findings, recheckMs: t.recheckMs,
    });
    const startedAt = Date.now();
    for (const item of this.plan) book.track(item.symbol, item.dataType, item.windowMs, startedAt + item.startOffsetMs);
    await this.restore(book, store, entitlement, pause, readBack);
    const scheduler = new RefreshScheduler(this.plan, book, (item) => job.run(item), { tickMs: t.tickMs, failureBackoffMs: t.failureBackoffMs });
    const flushTimer = setInterval(() => void this.flush(), t.monitorFlushMs);
    flushTimer.unref();
    this.running = { limiter, book, scheduler, http, abort, flushTimer, chains, loadChain: readBack, entitlement, pause, findings };
    scheduler.start();
  }

  /** Realtime options are back on the plan: every chain is fetched realtime at its next turn, not after its fallback's day. */
  private chainsDueAgain(book: FreshnessBook): void {
    const now = Date.now();
    for (const item of this.plan) if (item.dataType === 'options') book.deferUntil(item.symbol, item.dataType, now);
  }

  private fetcher(http: AvHttpClient, limiter: CallLimiter, pause: DailyCapPause, stopping: AbortSignal, context?: ModuleContext): AvFetcher {
    const onFailure = (error: AvError, request: AvRequest) => {
      if (stopping.aborted) return; // calls cut short by stop() are not failures of the API
      this.monitor.failed(error, request);
      if (error.kind === 'http' || error.kind === 'timeout') context?.log.warn({ kind: error.kind }, error.message); // the rest is logged as bad input
      if (PLAN_FACTS.has(error.kind)) this.logPlanFact(error, context);
    };
    return new AvFetcher(http, limiter, this.tuning.retry, onFailure, stopping, { pause, redact: this.redact });
  }

  /** What the plan lacks is logged once per kind and call, in its own words (key redacted), not on every refusal. */
  private readonly loggedFacts = new Set<string>();
  private logPlanFact(error: AvError, context?: ModuleContext): void {
    const id = error.kind === 'daily_cap' ? `daily_cap:${this.running?.pause.view()?.pausedUntil}` : `${error.kind}:${error.message.split(':')[0]}`;
    if (this.loggedFacts.has(id)) return;
    this.loggedFacts.add(id);
    context?.log.warn({ kind: error.kind }, this.redact(error.message));
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    clearInterval(running.flushTimer);
    running.abort.abort();
    await running.limiter.stop();
    await running.chains.stop(); // chain calls in flight end now, not at their timeout
    await running.scheduler.stop();
    running.http.close();
    await withDeadline(this.flush(), FINAL_FLUSH_MS, 'writing Alpha Vantage monitoring').catch(() => undefined); // Redis frozen: left unwritten
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
      delayed: s.delayed,
      realtimeOptions: s.plan.realtimeOptions, callsPausedUntil: s.plan.callsPausedUntil === null ? null : new Date(s.plan.callsPausedUntil).toISOString(),
      plan: s.plan.notices.length > 0 ? s.plan.notices.join(' ') : null,
    };
  }

  currentStatus(now = Date.now()): AlphaVantageStatus | undefined {
    const r = this.running;
    if (!r) return undefined;
    const plan = { findings: r.findings, entitlement: r.entitlement, pause: r.pause, intraday: this.intradayEntitlement };
    return this.monitor.status(r.limiter, r.book, plan, this.options.callsPerMinute, this.tuning.windowMs, now);
  }

  /** Writes monitoring now (also runs every `monitorFlushMs`) and publishes the status (alphaVantageStatusSampled). */
  async flush(): Promise<void> {
    const status = this.currentStatus();
    if (!status) return;
    this.options.bus.publish('alphaVantageStatusSampled', status);
    await this.options.storage.writeStatus(status).catch(() => undefined); // Redis down: the next flush writes it all
  }

  /**
   * Success times, data and what the plan was seen to lack, from before a restart: fresh data is not fetched again, the
   * cockpit sees it at once, and a restarted engine neither asks for realtime options again at once nor calls into a
   * daily cap. A stored chain is announced from its head alone; its contracts are read back when someone watches it.
   */
  private async restore(book: FreshnessBook, store: AlphaVantageStorage, entitlement: OptionsEntitlement, pause: DailyCapPause, loadChain: (symbol: string) => Promise<OptionChainSnapshot | null>): Promise<void> {
    const none = () => ({}) as Record<string, string>;
    const [lastSuccess, plan] = await Promise.all([store.readLastSuccess().catch(none), store.readPlan().catch(none)]);
    for (const [field, value] of Object.entries(lastSuccess)) {
      const [symbol, dataType] = field.split(':') as [string, DataType];
      book.restore(symbol, dataType, Number(value));
    }
    const time = (text: string | undefined) => (text ? Number(text) : null);
    if (plan.realtimeOptions === 'not_entitled') {
      entitlement.restore({ realtimeOptions: 'not_entitled', refusedAt: time(plan.realtimeOptionsRefusedAt), message: null, nextCheckAt: time(plan.realtimeOptionsRecheckAt) });
    }
    if (plan.callsPausedUntil) pause.restore(Number(plan.callsPausedUntil), plan.dailyCapAnswer ?? '');
    await Promise.all(this.options.symbols.map((s) => this.restoreLatest(s.symbol, store, book, loadChain).catch(() => undefined)));
  }

  private async restoreLatest(symbol: string, store: AlphaVantageStorage, book: FreshnessBook, loadChain: (symbol: string) => Promise<OptionChainSnapshot | null>): Promise<void> {
    const [chainHead, sentiment, ...technicals] = await Promise.all([
      store.readChainHead(symbol, CHAIN_HEAD_BYTES), store.readSentiment(symbol), ...INDICATORS.map((i) => store.readTechnical(symbol, i)),
    ]);
    const chain = decodeChainHead(chainHead);
    const { bus } = this.options;
    if (chain) bus.publish('chainRefreshed', { symbol, asOf: chain.asOf, load: () => loadChain(symbol) });
    if (sentiment) bus.publish('sentimentRefreshed', sentiment);
    for (const t of technicals) {
      if (!t) continue;
      bus.publish('technicalsRefreshed', t);
      if (t.timeliness) book.observed(symbol, t.indicator, t.timeliness, t.dataAsOf ?? null);
    }
  }
}

import type { EngineBus } from '../../bus/catalogue';
import type { OptionChainSnapshot } from '../../market/optionChain';
import type { Indicator } from '../../market/technicals';
import type { AlphaVantageStorage } from './alphaVantageStorage';
import { isNoData, type AvAnswer } from './avAnswer';
import { AvError } from './avError';
import type { AvFetcher } from './avFetcher';
import type { AvMonitor } from './avMonitor';
import { chainRequest, requestFor, type AvRequest, type RequestOptions } from './avRequests';
import type { DailyCapPause } from './dailyCapPause';
import type { CalledChain } from './chainCall';
import type { ChainCalls } from './chainCalls';
import type { ChainFunction, OptionsEntitlement } from './optionsEntitlement';
import type { PlanFindings } from './planStatus';
import type { RefreshItem } from './refreshPlan';
import type { RefreshOutcome } from './refreshScheduler';
import { parseSentiment } from './sentimentParser';
import { judgeSeries } from './seriesTimeliness';
import { parseTechnical } from './technicalsParser';

export interface RefreshJobDeps {
  fetcher: AvFetcher;
  store: AlphaVantageStorage;
  /** What was stored is published: chainRefreshed, sentimentRefreshed, technicalsRefreshed, newsCoverageChanged. */
  bus: EngineBus;
  monitor: AvMonitor;
  requests: RequestOptions;
  /** Technical series points kept per indicator. */
  seriesLimit: number;
  /** Fetches, reads and stores chains (on a thread of the app's: the refresh does not choose where). */
  chains: ChainCalls;
  /** A stored chain read back for the cockpit (chains.load, its failures logged): null when none is stored or it cannot be read. */
  loadChain: (symbol: string) => Promise<OptionChainSnapshot | null>;
  /** Whether the plan includes realtime options, and what to fetch instead. */
  entitlement: OptionsEntitlement;
  /** The key's daily-cap pause: a paused item waits until calls resume. */
  pause: DailyCapPause;
  findings: PlanFindings;
  /** How long a plan's refusal (premium function, ticker not covered) stands before it is asked again. */
  recheckMs: number;
}

/** One refresh: fetch (through limiter and retries), parse and validate, then store and publish on the bus — or change nothing. */
export class RefreshJob {
  constructor(private readonly deps: RefreshJobDeps) {}

  async run(item: RefreshItem): Promise<RefreshOutcome> {
    if (item.dataType === 'options') return this.runOptions(item);
    const request = requestFor(item.dataType, item.symbol, this.deps.requests);
    let answer: AvAnswer;
    try {
      answer = await this.deps.fetcher.fetch(request, item.callClass, item.prioritySymbol);
    } catch (error) {
      return this.failed(item, request, error as AvError); // counted per attempt by the fetcher
    }
    const at = Date.now();
    if (isNoData(answer)) return { kind: 'empty' }; // `{}`: keep the previous data; it ages towards stale
    this.deps.findings.served(request.fn, item.dataType === 'sentiment' ? item.symbol : undefined);
    try {
      return await this.storeAnswer(item, answer, at);
    } catch (error) {
      if (!(error instanceof AvError)) return { kind: 'unsaved', error: error as Error };
      this.deps.monitor.failed(error, request);
      return { kind: 'failed', error };
    }
  }

  /** A failure, with when to try again when that is not the scheduler's usual back-off. */
  private failed(item: RefreshItem, request: AvRequest, error: AvError): RefreshOutcome {
    const now = Date.now();
    switch (error.kind) {
      case 'daily_cap':
      case 'paused':
        return { kind: 'failed', error, retryAt: this.deps.pause.view(now)?.pausedUntil ?? now + item.windowMs };
      case 'not_covered':
        this.deps.findings.notCoveredTicker(item.symbol);
        this.deps.bus.publish('newsCoverageChanged', { symbol: item.symbol, covered: false, reason: `Alpha Vantage's news feed does not cover ${item.symbol}` });
        return { kind: 'failed', error, retryAt: now + Math.max(item.windowMs, this.deps.recheckMs) };
      case 'premium':
        this.deps.findings.premiumRefused(request.fn);
        return { kind: 'failed', error, retryAt: now + Math.max(item.windowMs, this.deps.recheckMs) };
      default:
        return { kind: 'failed', error };
    }
  }

  private storeAnswer(item: RefreshItem, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    switch (item.dataType) {
      case 'sentiment':
        return this.storeSentiment(item.symbol, answer, at);
      default:
        return this.storeTechnical(item.symbol, item.dataType as Indicator, answer, at); // options: runOptions
    }
  }

  /**
   * Realtime chains while the plan includes them. The entitlement answer (the XXYYZZ sample) stops realtime calls
   * until a rare re-check, and the same refresh fetches the previous session's chain instead when configured.
   */
  private async runOptions(item: RefreshItem): Promise<RefreshOutcome> {
    const { entitlement } = this.deps;
    const fn = entitlement.choose(Date.now());
    if (fn === null) {
      const error = new AvError('entitlement', `${item.symbol} options: the Alpha Vantage plan does not include realtime options and alphaVantage.optionsFallback is none`, false);
      return { kind: 'failed', error, retryAt: entitlement.recheckAt ?? Date.now() + item.windowMs };
    }
    const outcome = await this.fetchChain(item, fn);
    if (fn === 'HISTORICAL_OPTIONS') return outcome;
    if (outcome.kind === 'failed' && outcome.error.kind === 'entitlement') {
      entitlement.refused(Date.now(), outcome.error.message);
      if (entitlement.fallback === 'historical') return this.fetchChain(item, 'HISTORICAL_OPTIONS');
      return { ...outcome, retryAt: entitlement.recheckAt ?? undefined };
    }
    if (outcome.kind === 'stored' || outcome.kind === 'empty') entitlement.confirmed();
    else entitlement.undecided();
    return outcome;
  }

  /**
   * A chain is fetched, screened (the entitlement sample, `{}`), read and stored by the chain calls, within one launch
   * of the limiter: its errors (HTTP, entitlement, AV's in-band ones, all contracts refused) count as the fetch's. Only
   * its counts come back; the contracts are read back from Redis only when a cockpit watches the symbol.
   */
  private async fetchChain(item: RefreshItem, fn: ChainFunction): Promise<RefreshOutcome> {
    const { symbol } = item;
    const request = chainRequest(fn, symbol);
    let chain: CalledChain | null;
    try {
      chain = await this.deps.fetcher.fetchVia(request, item.callClass, item.prioritySymbol, () => this.deps.chains.call(request, symbol));
    } catch (error) {
      return this.failed(item, request, error as AvError); // counted by the fetcher
    }
    if (chain === null) return { kind: 'empty' };
    this.deps.monitor.refused(symbol, 'options', chain.refused, chain.count + chain.skipped);
    if (chain.count === 0) return { kind: 'empty' };
    if (chain.unsaved !== null) return { kind: 'unsaved', error: new Error(`${request.label}: not saved: ${chain.unsaved}`) };
    const { at } = chain;
    const session: OptionChainSnapshot['session'] = fn === 'REALTIME_OPTIONS' ? 'realtime' : 'previous';
    const load = () => this.deps.loadChain(symbol).then((stored) => stored && { ...stored, session });
    this.deps.bus.publish('chainRefreshed', { symbol, asOf: at, load });
    if (fn === 'REALTIME_OPTIONS') return { kind: 'stored', at, timeliness: 'current' };
    // The previous session's chain changes once a day: fetched again when realtime options are next checked.
    return { kind: 'stored', at, timeliness: 'previous_session', nextAt: Math.max(at + item.windowMs, this.deps.entitlement.recheckAt ?? 0) };
  }

  private async storeSentiment(symbol: string, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot, refused, unrelated } = parseSentiment(answer, symbol, at);
    this.deps.monitor.refused(symbol, 'sentiment', refused, (Array.isArray(answer.feed) ? answer.feed.length : 0) - unrelated);
    this.deps.bus.publish('newsCoverageChanged', { symbol, covered: true, reason: null });
    if (!snapshot) return { kind: 'empty' };
    await this.deps.store.writeSentiment(snapshot);
    this.deps.bus.publish('sentimentRefreshed', snapshot);
    return { kind: 'stored', at, timeliness: 'current' };
  }

  /** Stored with what the series is as of (its newest point) and how current that is: end-of-day data is not fresh. */
  private async storeTechnical(symbol: string, indicator: Indicator, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot: parsed, refused } = parseTechnical(answer, symbol, indicator, at, this.deps.seriesLimit);
    if (refused > 0) this.deps.monitor.refused(symbol, indicator, { 'unreadable point': refused }, refused + (parsed?.series.length ?? 0));
    if (!parsed) return { kind: 'empty' };
    const dataAsOf = parsed.latest.ts;
    const snapshot = { ...parsed, dataAsOf, timeliness: judgeSeries(dataAsOf, parsed.interval, at) };
    await this.deps.store.writeTechnical(snapshot);
    this.deps.bus.publish('technicalsRefreshed', snapshot);
    return { kind: 'stored', at, timeliness: snapshot.timeliness, dataAsOf };
  }
}

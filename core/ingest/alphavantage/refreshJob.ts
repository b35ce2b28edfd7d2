import type { AvAnswer } from './avAnswer';
import type { Indicator } from './avData';
import { AvError } from './avError';
import type { AvFetcher } from './avFetcher';
import type { AvMonitor } from './avMonitor';
import { requestFor, type RequestOptions } from './avRequests';
import type { AvStore } from './avStore';
import type { LatestData } from './latestData';
import { parseOptionChain } from './optionChainParser';
import type { RefreshItem } from './refreshPlan';
import type { RefreshOutcome } from './refreshScheduler';
import { parseSentiment } from './sentimentParser';
import { parseTechnical } from './technicalsParser';

export interface RefreshJobDeps {
  fetcher: AvFetcher;
  store: AvStore;
  latest: LatestData;
  monitor: AvMonitor;
  requests: RequestOptions;
  /** Technical series points kept per indicator. */
  seriesLimit: number;
}

/** One refresh: fetch (through limiter and retries), parse and validate, then store and publish — or change nothing. */
export class RefreshJob {
  constructor(private readonly deps: RefreshJobDeps) {}

  async run(item: RefreshItem): Promise<RefreshOutcome> {
    const request = requestFor(item.dataType, item.symbol, this.deps.requests);
    let answer: AvAnswer;
    try {
      answer = await this.deps.fetcher.fetch(request, item.callClass, item.prioritySymbol);
    } catch (error) {
      return { kind: 'failed', error: error as AvError }; // counted per attempt by the fetcher
    }
    const at = Date.now();
    try {
      return await this.storeAnswer(item, answer, at);
    } catch (error) {
      if (!(error instanceof AvError)) return { kind: 'unsaved', error: error as Error };
      this.deps.monitor.failed(error, request);
      return { kind: 'failed', error };
    }
  }

  private storeAnswer(item: RefreshItem, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    switch (item.dataType) {
      case 'options':
        return this.storeOptions(item.symbol, answer, at);
      case 'sentiment':
        return this.storeSentiment(item.symbol, answer, at);
      default:
        return this.storeTechnical(item.symbol, item.dataType, answer, at);
    }
  }

  private async storeOptions(symbol: string, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { chain, refused } = parseOptionChain(answer, symbol, at);
    this.deps.monitor.refused(symbol, 'options', refused, chain.contracts.length + chain.skipped);
    if (chain.contracts.length === 0) return { kind: 'empty' };
    await this.deps.store.writeOptions(chain);
    this.deps.latest.chain(symbol).publish(chain, at);
    return { kind: 'stored', at };
  }

  private async storeSentiment(symbol: string, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot, refused, unrelated } = parseSentiment(answer, symbol, at);
    this.deps.monitor.refused(symbol, 'sentiment', refused, (Array.isArray(answer.feed) ? answer.feed.length : 0) - unrelated);
    if (!snapshot) return { kind: 'empty' };
    await this.deps.store.writeSentiment(snapshot);
    this.deps.latest.sentiment(symbol).publish(snapshot, at);
    return { kind: 'stored', at };
  }

  private async storeTechnical(symbol: string, indicator: Indicator, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot, refused } = parseTechnical(answer, symbol, indicator, at, this.deps.seriesLimit);
    if (refused > 0) this.deps.monitor.refused(symbol, indicator, { 'unreadable point': refused }, refused + (snapshot?.series.length ?? 0));
    if (!snapshot) return { kind: 'empty' };
    await this.deps.store.writeTechnical(snapshot);
    this.deps.latest.publishTechnical(snapshot);
    return { kind: 'stored', at };
  }
}

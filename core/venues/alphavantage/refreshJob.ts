import type { ChainRefresh, EngineBus } from '../../bus/catalogue';
import type { OptionChainSnapshot } from '../../market/optionChain';
import type { AlphaVantageStorage } from './alphaVantageStorage';
import type { AvAnswer } from './avAnswer';
import type { Indicator } from '../../market/technicals';
import { AvError } from './avError';
import type { AvFetcher } from './avFetcher';
import type { AvMonitor } from './avMonitor';
import { requestFor, type AvRequest, type RequestOptions } from './avRequests';
import type { RowsReader } from './chainScanner';
import { readOptionChain, readOptionChainSplit, type ReadChain } from './optionChainReader';
import type { RefreshItem } from './refreshPlan';
import type { RefreshOutcome } from './refreshScheduler';
import { parseSentiment } from './sentimentParser';
import { parseTechnical } from './technicalsParser';

export interface RefreshJobDeps {
  fetcher: AvFetcher;
  store: AlphaVantageStorage;
  /** What was stored is published: chainRefreshed, sentimentRefreshed, technicalsRefreshed. */
  bus: EngineBus;
  monitor: AvMonitor;
  requests: RequestOptions;
  /** Technical series points kept per indicator. */
  seriesLimit: number;
  /** Reads the second half of a large chain's rows elsewhere (a worker thread); absent: one thread reads it all. */
  readRows?: RowsReader;
}

/** One refresh: fetch (through limiter and retries), parse and validate, then store and publish on the bus — or change nothing. */
export class RefreshJob {
  constructor(private readonly deps: RefreshJobDeps) {}

  async run(item: RefreshItem): Promise<RefreshOutcome> {
    const request = requestFor(item.dataType, item.symbol, this.deps.requests);
    if (item.dataType === 'options') return this.runOptions(item, request);
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
      case 'sentiment':
        return this.storeSentiment(item.symbol, answer, at);
      default:
        return this.storeTechnical(item.symbol, item.dataType as Indicator, answer, at); // options: runOptions
    }
  }

  /**
   * A chain goes from the answer body straight to its stored form (readOptionChain, one pass, no JSON.parse), read
   * as the answer arrives: its errors (AV's in-band ones, all contracts refused) count as the fetch's. The contract
   * objects are built after the write, and only when a subscriber asks for them (chainRefreshed.chain()).
   */
  private async runOptions(item: RefreshItem, request: AvRequest): Promise<RefreshOutcome> {
    const { symbol } = item;
    let read: { chain: ReadChain; at: number };
    try {
      const { readRows } = this.deps;
      read = await this.deps.fetcher.fetchRead(request, item.callClass, item.prioritySymbol, async (body, call) => {
        const at = Date.now();
        return { chain: readRows ? await readOptionChainSplit(body, call, symbol, at, readRows) : readOptionChain(body, call, symbol, at), at };
      });
    } catch (error) {
      return { kind: 'failed', error: error as AvError }; // counted by the fetcher
    }
    const { chain, at } = read;
    this.deps.monitor.refused(symbol, 'options', chain.refused, chain.count + chain.skipped);
    if (chain.count === 0) return { kind: 'empty' };
    try {
      await this.deps.store.writeEncodedOptions(symbol, chain.encoded);
    } catch (error) {
      return { kind: 'unsaved', error: error as Error };
    }
    this.deps.bus.publish('chainRefreshed', chainRefresh(symbol, at, () => chain.snapshot()));
    return { kind: 'stored', at };
  }

  private async storeSentiment(symbol: string, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot, refused, unrelated } = parseSentiment(answer, symbol, at);
    this.deps.monitor.refused(symbol, 'sentiment', refused, (Array.isArray(answer.feed) ? answer.feed.length : 0) - unrelated);
    if (!snapshot) return { kind: 'empty' };
    await this.deps.store.writeSentiment(snapshot);
    this.deps.bus.publish('sentimentRefreshed', snapshot);
    return { kind: 'stored', at };
  }

  private async storeTechnical(symbol: string, indicator: Indicator, answer: AvAnswer, at: number): Promise<RefreshOutcome> {
    const { snapshot, refused } = parseTechnical(answer, symbol, indicator, at, this.deps.seriesLimit);
    if (refused > 0) this.deps.monitor.refused(symbol, indicator, { 'unreadable point': refused }, refused + (snapshot?.series.length ?? 0));
    if (!snapshot) return { kind: 'empty' };
    await this.deps.store.writeTechnical(snapshot);
    this.deps.bus.publish('technicalsRefreshed', snapshot);
    return { kind: 'stored', at };
  }
}

/** A chainRefreshed event whose contract objects are built on first use (a cockpit watching the symbol), then kept. */
export function chainRefresh(symbol: string, asOf: number, build: () => OptionChainSnapshot): ChainRefresh {
  let built: OptionChainSnapshot | undefined;
  return { symbol, asOf, chain: () => (built ??= build()) };
}

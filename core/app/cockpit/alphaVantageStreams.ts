import type { EngineBus, NewsCoverage } from '../../bus/catalogue';
import type { AlphaVantageStatus } from '../../contract/alphaVantageStatus';
import type { OptionChainSnapshot } from '../../market/optionChain';
import type { SentimentSnapshot } from '../../market/sentiment';
import type { TechnicalSnapshot, TechnicalsBySymbol } from '../../market/technicals';
import { Topic } from '../../runtime/topic';

/** The Health panel's Alpha Vantage section changes at most this often. */
export const STATUS_INTERVAL_MS = 500;

/**
 * The newest Alpha Vantage data per symbol, as topics the cockpit subscribes to (latest value at once, then
 * updates), fed by the bus: chainRefreshed, sentimentRefreshed, technicalsRefreshed and the venue's status.
 */
export class AlphaVantageStreams {
  private readonly chains = new Map<string, Topic<OptionChainSnapshot>>();
  private readonly sentiments = new Map<string, Topic<SentimentSnapshot>>();
  private readonly technicalsTopics = new Map<string, Topic<TechnicalsBySymbol>>();
  private readonly coverageTopics = new Map<string, Topic<NewsCoverage>>();
  /** Budget, errors and freshness for the Health panel. */
  readonly status = new Topic<AlphaVantageStatus>(STATUS_INTERVAL_MS);
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly bus: EngineBus) {}

  start(): void {
    if (this.unsubscribe.length > 0) return;
    const bus = this.bus;
    this.unsubscribe = [
      // A chain's contracts are read back from Redis only when someone watches it (now, or when they come).
      bus.subscribe('chainRefreshed', (refresh) => this.chain(refresh.symbol).publishLazy(() => refresh.load(), refresh.asOf)),
      bus.subscribe('sentimentRefreshed', (snapshot) => this.sentiment(snapshot.score.symbol).publish(snapshot, snapshot.score.asOf)),
      bus.subscribe('technicalsRefreshed', (snapshot) => this.publishTechnical(snapshot)),
      bus.subscribe('newsCoverageChanged', (coverage) => this.newsCoverage(coverage.symbol).publish(coverage)),
      bus.subscribe('alphaVantageStatusSampled', (status) => this.status.publish(status, status.asOf)),
    ];
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    this.status.close();
    for (const map of [this.chains, this.sentiments, this.technicalsTopics, this.coverageTopics]) {
      for (const topic of map.values()) topic.close();
    }
  }

  chain(symbol: string): Topic<OptionChainSnapshot> {
    return topicFor(this.chains, symbol);
  }

  sentiment(symbol: string): Topic<SentimentSnapshot> {
    return topicFor(this.sentiments, symbol);
  }

  /** Set when the news feed answers that it does not cover the ticker (and cleared by its next articles). */
  newsCoverage(symbol: string): Topic<NewsCoverage> {
    return topicFor(this.coverageTopics, symbol);
  }

  /** The four indicators of a symbol together; each update replaces one of them. */
  technicals(symbol: string): Topic<TechnicalsBySymbol> {
    return topicFor(this.technicalsTopics, symbol);
  }

  private publishTechnical(snapshot: TechnicalSnapshot): void {
    const topic = this.technicals(snapshot.symbol);
    topic.publish({ ...topic.current, [snapshot.indicator]: snapshot }, snapshot.asOf);
  }
}

function topicFor<V>(map: Map<string, Topic<V>>, symbol: string): Topic<V> {
  let topic = map.get(symbol);
  if (!topic) {
    topic = new Topic<V>();
    map.set(symbol, topic);
  }
  return topic;
}

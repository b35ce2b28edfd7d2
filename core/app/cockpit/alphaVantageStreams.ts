import { Topic } from '../../runtime/topic';
import type { OptionChainSnapshot, SentimentSnapshot, TechnicalSnapshot, TechnicalsBySymbol } from '../../venues/alphavantage/avData';

/** The newest good data per symbol, as topics the cockpit can subscribe to (latest value at once, then updates). */
export class LatestData {
  private readonly chains = new Map<string, Topic<OptionChainSnapshot>>();
  private readonly sentiments = new Map<string, Topic<SentimentSnapshot>>();
  private readonly technicalsTopics = new Map<string, Topic<TechnicalsBySymbol>>();

  chain(symbol: string): Topic<OptionChainSnapshot> {
    return topicFor(this.chains, symbol);
  }

  sentiment(symbol: string): Topic<SentimentSnapshot> {
    return topicFor(this.sentiments, symbol);
  }

  /** The four indicators of a symbol together; each update replaces one of them. */
  technicals(symbol: string): Topic<TechnicalsBySymbol> {
    return topicFor(this.technicalsTopics, symbol);
  }

  publishTechnical(snapshot: TechnicalSnapshot): void {
    const topic = this.technicals(snapshot.symbol);
    topic.publish({ ...topic.current, [snapshot.indicator]: snapshot }, snapshot.asOf);
  }

  close(): void {
    for (const map of [this.chains, this.sentiments, this.technicalsTopics]) {
      for (const topic of map.values()) topic.close();
    }
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

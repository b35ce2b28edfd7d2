import type { Redis } from 'ioredis';
import { keys, LIST_LIMITS } from './keys';
import { decodeChain, encodeOptions, type EncodedOptions } from '../venues/alphavantage/chainColumns';
import type { Indicator, OptionChainSnapshot, SentimentScore, SentimentSnapshot, TechnicalSnapshot } from '../venues/alphavantage/avData';

/**
 * Writes Alpha Vantage data to its keys, each data set in one MULTI so a reader never sees half of it.
 * Only parsed, validated data gets here: on any failure nothing is written and the previous data stays.
 */
export class AvStore {
  constructor(private readonly redis: Redis) {}

  /** The chain and its greeks in their column form (chainColumns), serialised once for both keys. */
  writeOptions(chain: OptionChainSnapshot): Promise<void> {
    return this.writeEncodedOptions(chain.symbol, encodeOptions(chain));
  }

  async writeEncodedOptions(symbol: string, encoded: EncodedOptions): Promise<void> {
    const chainKey = keys.options.chain(symbol);
    const greeksKey = keys.options.greeks(symbol);
    await this.redis
      .multi()
      .set(chainKey.key, encoded.chain, 'EX', chainKey.ttl!)
      .set(greeksKey.key, encoded.greeks, 'EX', greeksKey.ttl!)
      .exec();
  }

  async writeSentiment({ score, articles }: SentimentSnapshot): Promise<void> {
    const scoreKey = keys.sentiment.score(score.symbol);
    const articlesKey = keys.sentiment.articles(score.symbol);
    const kept = articles.slice(0, LIST_LIMITS.articles);
    await this.redis
      .multi()
      .del(scoreKey.key)
      .hset(scoreKey.key, sentimentFields(score))
      .expire(scoreKey.key, scoreKey.ttl!)
      .del(articlesKey.key)
      .rpush(articlesKey.key, ...kept.map((a) => JSON.stringify(a)))
      .expire(articlesKey.key, articlesKey.ttl!)
      .exec();
  }

  async writeTechnical(snapshot: TechnicalSnapshot): Promise<void> {
    const key = keys.technicals.indicator(snapshot.symbol, snapshot.indicator);
    await this.redis.set(key.key, JSON.stringify(snapshot), 'EX', key.ttl!);
  }

  async readChain(symbol: string): Promise<OptionChainSnapshot | null> {
    return decodeChain(await this.redis.get(keys.options.chain(symbol).key));
  }

  async readSentiment(symbol: string): Promise<SentimentSnapshot | null> {
    const [fields, articles] = await Promise.all([
      this.redis.hgetall(keys.sentiment.score(symbol).key),
      this.redis.lrange(keys.sentiment.articles(symbol).key, 0, -1),
    ]);
    const score = readSentimentFields(symbol, fields);
    return score ? { score, articles: articles.map((a) => JSON.parse(a)) } : null;
  }

  async readTechnical(symbol: string, indicator: Indicator): Promise<TechnicalSnapshot | null> {
    return parseJson(await this.redis.get(keys.technicals.indicator(symbol, indicator).key));
  }
}

const DISTRIBUTION_FIELDS = {
  Bullish: 'bullish', 'Somewhat-Bullish': 'somewhatBullish', Neutral: 'neutral', 'Somewhat-Bearish': 'somewhatBearish', Bearish: 'bearish',
} as const;

/** The `sentiment:{symbol}:score` hash: score, label, articles, asOf and one count per label. */
export function sentimentFields(score: SentimentScore): Record<string, string> {
  const fields: Record<string, string> = {
    symbol: score.symbol, score: String(score.score), label: score.label, articles: String(score.articles), asOf: String(score.asOf),
  };
  for (const [label, field] of Object.entries(DISTRIBUTION_FIELDS)) fields[field] = String(score.distribution[label as keyof typeof DISTRIBUTION_FIELDS]);
  return fields;
}

export function readSentimentFields(symbol: string, fields: Record<string, string>): SentimentScore | null {
  if (fields.score === undefined || fields.label === undefined) return null;
  const distribution = Object.fromEntries(
    Object.entries(DISTRIBUTION_FIELDS).map(([label, field]) => [label, Number(fields[field] ?? 0)]),
  ) as SentimentScore['distribution'];
  return {
    symbol, asOf: Number(fields.asOf), score: Number(fields.score), label: fields.label as SentimentScore['label'],
    articles: Number(fields.articles ?? 0), distribution,
  };
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

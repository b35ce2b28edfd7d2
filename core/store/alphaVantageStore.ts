import type { Redis } from 'ioredis';
import type { AlphaVantageStatus } from '../contract/alphaVantageStatus';
import { parseNewsTime } from '../market/newsTime';
import type { SentimentArticle, SentimentScore, SentimentSnapshot } from '../market/sentiment';
import type { Indicator, TechnicalSnapshot } from '../market/technicals';
import { keys, LIST_LIMITS } from './keys';

/** A chain and its greeks as the two stored documents (the venue's column form, as text or bytes). */
export interface StoredOptions {
  chain: string | Buffer;
  greeks: string | Buffer;
}

/**
 * Alpha Vantage data in Redis: writes each data set in one MULTI so a reader never sees half of it, reads it back
 * after a restart, and writes the ingestion's monitoring hashes. Only parsed, validated data gets here: on any
 * failure nothing is written and the previous data stays. The venue is given this store at start (its storage port).
 */
export class AlphaVantageStore {
  constructor(private readonly redis: Redis) {}

  async writeEncodedOptions(symbol: string, encoded: StoredOptions): Promise<void> {
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

  /** The stored chain document (the venue decodes it), or null. */
  readChainDocument(symbol: string): Promise<string | null> {
    return this.redis.get(keys.options.chain(symbol).key);
  }

  /** The first `bytes` of the stored chain document (what it says of itself before its columns), or null. */
  async readChainHead(symbol: string, bytes: number): Promise<string | null> {
    const head = await this.redis.getrange(keys.options.chain(symbol).key, 0, bytes - 1);
    return head === '' ? null : head;
  }

  async readSentiment(symbol: string): Promise<SentimentSnapshot | null> {
    const [fields, articles] = await Promise.all([
      this.redis.hgetall(keys.sentiment.score(symbol).key),
      this.redis.lrange(keys.sentiment.articles(symbol).key, 0, -1),
    ]);
    const score = readSentimentFields(symbol, fields);
    return score ? { score, articles: articles.map((a) => readArticle(a)) } : null;
  }

  async readTechnical(symbol: string, indicator: Indicator): Promise<TechnicalSnapshot | null> {
    return parseJson(await this.redis.get(keys.technicals.indicator(symbol, indicator).key));
  }

  /** When each "symbol:dataType" was last stored (monitoring:api:av:last_success). */
  readLastSuccess(): Promise<Record<string, string>> {
    return this.redis.hgetall(keys.monitoring.alphaVantage('last_success').key);
  }

  /** What the plan was seen to lack before a restart (monitoring:api:av:plan). */
  readPlan(): Promise<Record<string, string>> {
    return this.redis.hgetall(keys.monitoring.alphaVantage('plan').key);
  }

  /** The status as monitoring:api:av:* and its monitoring:data:stale fields, in one pipeline of absolute values. */
  async writeStatus(status: AlphaVantageStatus): Promise<void> {
    const p = this.redis.pipeline();
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
    const { plan } = status;
    put(keys.monitoring.alphaVantage('plan'), {
      realtimeOptions: plan.realtimeOptions, optionsFallback: plan.optionsFallback,
      realtimeOptionsRefusedAt: plan.realtimeOptionsRefusedAt ?? '', realtimeOptionsRecheckAt: plan.realtimeOptionsRecheckAt ?? '',
      callsPausedUntil: plan.callsPausedUntil ?? '', dailyCapAnswer: plan.dailyCapAnswer ?? '', premiumFunctions: plan.premiumFunctions.join(','), notCovered: plan.notCovered.join(','),
      entitlement: plan.entitlement, notices: JSON.stringify(plan.notices), asOf: status.asOf,
    });
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
  return JSON.stringify({
    stale: f.stale, lastSuccess: f.lastSuccess, ageMs: f.ageMs, maxAgeMs: f.maxAgeMs, dataAsOf: f.dataAsOf, timeliness: f.timeliness, source: 'alphavantage',
  });
}

function mapValues<T>(record: Record<string, T>, fn: (value: T) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

const DISTRIBUTION_FIELDS = {
  Bullish: 'bullish', 'Somewhat-Bullish': 'somewhatBullish', Neutral: 'neutral', 'Somewhat-Bearish': 'somewhatBearish', Bearish: 'bearish',
} as const;

/**
 * A stored article. `publishedAt` is taken from AV's own `timePublished` (UTC): articles stored before news times
 * were read as UTC carried an instant 4–5 hours late, and are shown at their true time too.
 */
function readArticle(text: string): SentimentArticle {
  const article = JSON.parse(text) as SentimentArticle;
  return { ...article, publishedAt: parseNewsTime(article.timePublished) ?? article.publishedAt };
}

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

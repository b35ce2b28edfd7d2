import { describeKeys, type AvAnswer } from './avAnswer';
import { SENTIMENT_LABELS, type SentimentArticle, type SentimentLabel, type SentimentScore, type SentimentSnapshot } from '../../market/sentiment';
import { AvError } from './avError';
import { avNumber } from './avNumbers';
import { parseNewsTime } from '../../market/newsTime';
import { labelForScore, normalizeLabel } from './sentimentLabels';

export interface ParsedSentiment {
  /** null when the feed holds no article about the ticker (keep the previous score). */
  snapshot: SentimentSnapshot | null;
  /** Invalid articles by reason. */
  refused: Record<string, number>;
  /** Articles that do not mention the ticker (not an error). */
  unrelated: number;
}

const UNRELATED = 'does not mention the ticker';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function readTopics(value: unknown): SentimentArticle['topics'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t: Record<string, unknown>) => {
    const relevance = avNumber(t?.relevance_score);
    return typeof t?.topic === 'string' && relevance !== undefined ? [{ topic: t.topic, relevance }] : [];
  });
}

/** One feed item as an article about `symbol`, or why it is not one. */
function readArticle(item: unknown, symbol: string): SentimentArticle | string {
  if (typeof item !== 'object' || item === null) return 'not an object';
  const a = item as Record<string, unknown>;
  if (typeof a.title !== 'string' || typeof a.url !== 'string') return 'missing title or url';
  const publishedAt = parseNewsTime(a.time_published); // UTC, unlike market times
  if (publishedAt === undefined) return 'bad time_published';
  const own = Array.isArray(a.ticker_sentiment)
    ? (a.ticker_sentiment as Array<Record<string, unknown>>).find((t) => typeof t?.ticker === 'string' && t.ticker.toUpperCase() === symbol)
    : undefined;
  if (!own) return UNRELATED;
  const tickerScore = avNumber(own.ticker_sentiment_score);
  const tickerRelevance = avNumber(own.relevance_score);
  if (tickerScore === undefined || tickerScore < -1 || tickerScore > 1) return 'bad ticker_sentiment_score';
  if (tickerRelevance === undefined || tickerRelevance < 0 || tickerRelevance > 1) return 'bad ticker relevance_score';
  const overallScore = avNumber(a.overall_sentiment_score) ?? null;
  return {
    title: a.title, url: a.url, publishedAt, timePublished: text(a.time_published),
    authors: Array.isArray(a.authors) ? a.authors.filter((x): x is string => typeof x === 'string') : [],
    summary: text(a.summary), source: text(a.source), topics: readTopics(a.topics),
    overallScore, overallLabel: normalizeLabel(a.overall_sentiment_label) ?? (overallScore === null ? null : labelForScore(overallScore)),
    tickerScore, tickerLabel: normalizeLabel(own.ticker_sentiment_label) ?? labelForScore(tickerScore), tickerRelevance,
  };
}

/** The ticker's score: its own per-article scores weighted by its relevance in each article. */
export function scoreArticles(symbol: string, articles: SentimentArticle[], asOf: number): SentimentScore {
  let weighted = 0;
  let weights = 0;
  const distribution = Object.fromEntries(SENTIMENT_LABELS.map((l) => [l, 0])) as Record<SentimentLabel, number>;
  for (const a of articles) {
    weighted += a.tickerScore * a.tickerRelevance;
    weights += a.tickerRelevance;
    distribution[a.tickerLabel]++;
  }
  const score = weights > 0 ? weighted / weights : articles.reduce((s, a) => s + a.tickerScore, 0) / Math.max(1, articles.length);
  return { symbol, asOf, score, label: labelForScore(score), articles: articles.length, distribution };
}

/** A NEWS_SENTIMENT answer for one ticker: its articles (newest first, at most `limit`) and its score. */
export function parseSentiment(answer: AvAnswer, symbol: string, asOf: number, limit = 50): ParsedSentiment {
  const feed = answer.feed;
  if (!Array.isArray(feed)) throw new AvError('malformed', `NEWS_SENTIMENT ${symbol}: the answer has no "feed" array (${describeKeys(answer)})`, false);
  const articles: SentimentArticle[] = [];
  const refused: Record<string, number> = {};
  let unrelated = 0;
  for (const item of feed) {
    const article = readArticle(item, symbol);
    if (article === UNRELATED) unrelated++;
    else if (typeof article === 'string') refused[article] = (refused[article] ?? 0) + 1;
    else articles.push(article);
  }
  if (articles.length === 0 && feed.length > unrelated) {
    throw new AvError('validation', `NEWS_SENTIMENT ${symbol}: all ${feed.length - unrelated} articles about ${symbol} refused`, false);
  }
  if (articles.length === 0) return { snapshot: null, refused, unrelated };
  articles.sort((x, y) => y.publishedAt - x.publishedAt);
  const kept = articles.slice(0, limit);
  return { snapshot: { score: scoreArticles(symbol, kept, asOf), articles: kept }, refused, unrelated };
}

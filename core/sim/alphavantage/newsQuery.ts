import { etToUtc } from '../../market/newYorkTime';
import { invalidCall } from './avErrors';
import { parseNewsTime } from './avFormat';
import { articleInSlot, SLOT_MS, TOPICS, type GeneratedArticle } from './newsArticles';
import { oneOf, param, positiveInt, type Query } from './query';

const LOOKBACK_MS = 30 * 86_400_000;

export const SENTIMENT_DEFINITION =
  'x <= -0.35: Bearish; -0.35 < x <= -0.15: Somewhat-Bearish; -0.15 < x < 0.15: Neutral; 0.15 <= x < 0.35: Somewhat_Bullish; x >= 0.35: Bullish';
export const RELEVANCE_DEFINITION = '0 < x <= 1, with a higher score indicating higher relevance.';

function timeParam(q: Query, name: string): number | undefined {
  const text = param(q, name);
  if (text === undefined) return undefined;
  const parsed = parseNewsTime(text);
  if (!parsed) throw invalidCall(q.fn);
  return etToUtc(parsed.date, parsed.hour, parsed.minute);
}

/** Single names the market has; ETFs get no news coverage. */
function coveredTickers(q: Query): string[] {
  return q.feed.symbols().filter((s) => !s.isEtf).map((s) => s.symbol);
}

function requestedTickers(q: Query): string[] | undefined {
  const text = param(q, 'tickers');
  if (text === undefined) return undefined;
  const tickers = text.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean);
  if (tickers.length === 0 || tickers.some((t) => !q.feed.symbol(t))) throw invalidCall(q.fn);
  return tickers;
}

/** NEWS_SENTIMENT: seeded articles over the last 30 days; an article must mention every requested ticker. */
export function newsSentiment(q: Query): unknown {
  const tickers = requestedTickers(q);
  const coverage = coveredTickers(q);
  const limit = Math.min(1000, positiveInt(q, 'limit', 50));
  const sort = oneOf(q, 'sort', ['LATEST', 'EARLIEST', 'RELEVANCE'] as const, 'LATEST');
  const topics = param(q, 'topics')?.split(',').map((t) => TOPICS[t.trim().toLowerCase()]);
  if (topics?.some((t) => t === undefined)) throw invalidCall(q.fn);
  const now = q.feed.now();
  const from = timeParam(q, 'time_from') ?? now - LOOKBACK_MS;
  const to = Math.min(timeParam(q, 'time_to') ?? now, now);
  const sources = (tickers ?? coverage).filter((t) => coverage.includes(t));
  const found: GeneratedArticle[] = [];
  for (const ticker of sources) {
    for (let slot = Math.floor(Math.max(from, now - LOOKBACK_MS) / SLOT_MS); slot * SLOT_MS <= to; slot++) {
      const a = articleInSlot(q.seed, ticker, slot, coverage);
      if (!a || a.ts < from || a.ts > to) continue;
      const mentioned = a.article.ticker_sentiment.map((t) => t.ticker);
      if (tickers && !tickers.every((t) => mentioned.includes(t))) continue;
      if (topics && !topics.every((t) => a.article.topics.some((x) => x.topic === t))) continue;
      found.push(a);
    }
  }
  const order = { LATEST: (a: GeneratedArticle, b: GeneratedArticle) => b.ts - a.ts, EARLIEST: (a: GeneratedArticle, b: GeneratedArticle) => a.ts - b.ts, RELEVANCE: (a: GeneratedArticle, b: GeneratedArticle) => b.relevance - a.relevance };
  const feed = found.sort(order[sort]).slice(0, limit).map((a) => a.article);
  return { items: String(feed.length), sentiment_score_definition: SENTIMENT_DEFINITION, relevance_score_definition: RELEVANCE_DEFINITION, feed };
}

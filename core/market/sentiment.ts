/** News sentiment for one symbol, as Alpha Vantage's NEWS_SENTIMENT scores it (times epoch ms UTC). */

export type SentimentLabel = 'Bearish' | 'Somewhat-Bearish' | 'Neutral' | 'Somewhat-Bullish' | 'Bullish';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Bullish'];

/** `sentiment:{symbol}:score` (a hash of these fields). */
export interface SentimentScore {
  symbol: string;
  asOf: number;
  /** Relevance-weighted mean of the ticker's own `ticker_sentiment_score` over its articles. */
  score: number;
  label: SentimentLabel;
  articles: number;
  /** The ticker's own label per article, counted. */
  distribution: Record<SentimentLabel, number>;
}

/** One entry of `sentiment:{symbol}:articles` (newest first, last 50). */
export interface SentimentArticle {
  title: string;
  url: string;
  publishedAt: number;
  /** As AV wrote it (YYYYMMDDTHHMMSS, UTC; publishedAt is the same instant). */
  timePublished: string;
  authors: string[];
  summary: string;
  source: string;
  topics: Array<{ topic: string; relevance: number }>;
  overallScore: number | null;
  overallLabel: SentimentLabel | null;
  tickerScore: number;
  tickerLabel: SentimentLabel;
  tickerRelevance: number;
}

export interface SentimentSnapshot {
  score: SentimentScore;
  articles: SentimentArticle[];
}

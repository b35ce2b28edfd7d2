/**
 * Alpha Vantage's technicals and news sentiment as the engine's ingestion publishes them (technicalsRefreshed,
 * sentimentRefreshed), with the values a test chooses: what a recorded session carries for the swing rule.
 */
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentSnapshot } from '../../core/market/sentiment';
import type { Indicator, TechnicalSnapshot } from '../../core/market/technicals';
import { labelForScore } from '../../core/venues/alphavantage/sentimentLabels';

const FIVE_MINUTES = 5 * 60_000;

/** One indicator's snapshot whose newest point (at `asOf`) holds `values`; two older points before it. */
export function technicalSnapshot(symbol: string, indicator: Indicator, values: Record<string, number>, asOf: number): TechnicalSnapshot {
  const series = [0, 1, 2].map((back) => ({ time: `point ${back}`, ts: asOf - back * FIVE_MINUTES, values }));
  return {
    symbol, indicator, interval: '5min', asOf, lastRefreshed: null, series, latest: series[0]!,
    interpretation: { signal: 'neutral', text: `${indicator} as the test set it` }, dataAsOf: asOf, timeliness: 'current',
  };
}

/** The four indicators, leaning up: MACD histogram > 0, RSI 60, the Bollinger middle at `middle`. */
export function upTechnicals(symbol: string, asOf: number, middle: number): TechnicalSnapshot[] {
  return [
    technicalSnapshot(symbol, 'macd', { macd: 0.5, signal: 0.38, histogram: 0.12 }, asOf),
    technicalSnapshot(symbol, 'rsi', { rsi: 60 }, asOf),
    technicalSnapshot(symbol, 'bbands', { upper: middle * 1.02, middle, lower: middle * 0.98 }, asOf),
    technicalSnapshot(symbol, 'atr', { atr: 2.5 }, asOf),
  ];
}

/** `count` articles about `symbol`, each scored `score` for it. */
export function sentimentSnapshot(symbol: string, score: number, count: number, asOf: number): SentimentSnapshot {
  const label: SentimentLabel = labelForScore(score);
  const distribution = Object.fromEntries(SENTIMENT_LABELS.map((l) => [l, l === label ? count : 0])) as Record<SentimentLabel, number>;
  const articles = Array.from({ length: count }, (_, i) => ({
    title: `${symbol} story ${i}`, url: `https://news.example/${symbol}/${i}`, publishedAt: asOf - i * 60_000, timePublished: `2025010${i % 9}T120000`,
    authors: ['A. Writer'], summary: `About ${symbol}.`, source: 'Example News', topics: [{ topic: 'Technology', relevance: 0.5 }],
    overallScore: score, overallLabel: label, tickerScore: score, tickerLabel: label, tickerRelevance: 0.8,
  }));
  return { score: { symbol, asOf, score, label, articles: count, distribution }, articles };
}

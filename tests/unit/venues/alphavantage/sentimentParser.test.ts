import { describe, expect, it } from 'vitest';
import { parseSentiment } from '../../../../core/venues/alphavantage/sentimentParser';
import { labelForScore, normalizeLabel } from '../../../../core/venues/alphavantage/sentimentLabels';
import { fixtureJson } from './fixtures';

const AS_OF = Date.UTC(2025, 0, 3, 22);

describe('news sentiment parsing', () => {
  const { snapshot, refused, unrelated } = parseSentiment(fixtureJson('news_sentiment_aapl.json'), 'AAPL', AS_OF);

  it('scores the ticker from its own ticker_sentiment_score weighted by its relevance', () => {
    const expected = (0.2211 * 0.52 + -0.4103 * 0.9 + 0.3901 * 0.1) / (0.52 + 0.9 + 0.1);
    expect(snapshot!.score.score).toBeCloseTo(expected, 10);
    expect(snapshot!.score.label).toBe('Neutral'); // -0.1416: just inside Neutral
    expect(snapshot!.score.articles).toBe(3);
  });

  it('counts the ticker’s own labels, reading "Somewhat_Bullish" as "Somewhat-Bullish"', () => {
    expect(snapshot!.score.distribution).toEqual({ Bullish: 0, 'Somewhat-Bullish': 2, Neutral: 0, 'Somewhat-Bearish': 0, Bearish: 1 });
  });

  it('keeps articles newest first with their topics, overall and ticker scores', () => {
    expect(snapshot!.articles.map((a) => a.title)).toEqual([
      'Apple Faces Antitrust Probe In Europe',
      'Apple Supplier Shares Rally As iPhone Demand Holds Up',
      'Wearables Market Heats Up',
    ]);
    expect(snapshot!.articles[0]).toMatchObject({
      url: 'https://www.reuters.com/technology/apple-antitrust', authors: ['John Roe', 'Ann Smith'], source: 'Reuters',
      publishedAt: Date.UTC(2025, 0, 3, 16, 5), timePublished: '20250103T160500', topics: [{ topic: 'Economy - Monetary', relevance: 0.5 }],
      overallScore: -0.2512, overallLabel: 'Somewhat-Bearish', tickerScore: -0.4103, tickerLabel: 'Bearish', tickerRelevance: 0.9,
    });
    expect(snapshot!.articles[2]!.overallLabel).toBe('Somewhat-Bullish');
  });

  it('reads time_published as UTC, not New York time (16:05 UTC is 11:05 in New York in January)', () => {
    for (const article of snapshot!.articles) {
      const t = article.timePublished;
      expect(article.publishedAt).toBe(Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(9, 11), +t.slice(11, 13), +t.slice(13, 15)));
    }
    expect(new Date(snapshot!.articles[0]!.publishedAt).toISOString()).toBe('2025-01-03T16:05:00.000Z');
  });

  it('skips articles about other tickers without calling them errors, and counts garbled ones', () => {
    expect(unrelated).toBe(1);
    expect(refused).toEqual({ 'bad ticker_sentiment_score': 1 });
  });

  it('gives no snapshot for an empty feed so the previous score stays', () => {
    expect(parseSentiment(fixtureJson('news_sentiment_empty.json'), 'AAPL', AS_OF).snapshot).toBeNull();
  });

  it('refuses an answer without a feed as malformed', () => {
    expect(() => parseSentiment({ items: '0' }, 'AAPL', AS_OF)).toThrow(/NEWS_SENTIMENT AAPL: the answer has no "feed" array/);
  });

  it('keeps at most the requested number of articles', () => {
    expect(parseSentiment(fixtureJson('news_sentiment_aapl.json'), 'AAPL', AS_OF, 2).snapshot!.articles).toHaveLength(2);
  });
});

describe('sentiment labels', () => {
  it('follows AV’s thresholds at their edges', () => {
    expect([-0.35, -0.2, -0.15, 0, 0.15, 0.34, 0.35].map(labelForScore)).toEqual([
      'Bearish', 'Somewhat-Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Somewhat-Bullish', 'Bullish',
    ]);
  });

  it('does not invent a label from unknown text', () => {
    expect(normalizeLabel('Very Bullish')).toBeNull();
    expect(normalizeLabel('somewhat-bearish')).toBe('Somewhat-Bearish');
  });
});

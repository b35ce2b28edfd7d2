import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../core/market/quote';
import type { SentimentScore } from '../../../core/market/sentiment';
import type { TechnicalSnapshot, TechnicalsBySymbol } from '../../../core/market/technicals';
import { swing, type SwingSettings } from '../../../core/signals/swing';
import { NOW, emptySnapshot, optionQuote } from './snapshotFixture';

const settings: SwingSettings = {
  fromMinute: 10 * 60, toMinute: 15 * 60 + 30, rsiStretched: 70, sentimentScore: 0.15, minArticles: 3, minConfirmations: 2, maxTechnicalsAgeMs: 2 * 86_400_000,
  targetDelta: 0.5, minDays: 14, maxDays: 45, maxRelativeSpread: 0.1, stopFraction: 0.35, targetMultiple: 1.6, maxLossPerTrade: 700, maxContracts: 5,
};

function indicator(indicator: 'rsi' | 'macd' | 'bbands', values: Record<string, number>): TechnicalSnapshot {
  const point = { time: '2026-12-04', ts: NOW - 3 * 86_400_000 + 3_600_000, values };
  return { symbol: 'SPY', indicator, interval: 'daily', asOf: NOW - 3_600_000, lastRefreshed: '2026-12-04', series: [point], latest: point, interpretation: { signal: '', text: '' } };
}

const technicals = (histogram: number, rsi: number): TechnicalsBySymbol => ({
  macd: indicator('macd', { macd: 2.1, signal: 2.1 - histogram, histogram }),
  rsi: indicator('rsi', { rsi }),
  bbands: indicator('bbands', { upper: 615, middle: 600, lower: 585 }),
});
const sentiment = { symbol: 'SPY', asOf: NOW - 600_000, score: 0.22, label: 'Somewhat-Bullish', articles: 12 } as SentimentScore;
const chain = {
  symbol: 'SPY', asOf: NOW - 60_000, quoteDate: '2026-12-07', skipped: 0,
  contracts: [optionQuote('2026-12-11', 'call', 605, 0.5, 4.0, 4.1), optionQuote('2027-01-15', 'call', 605, 0.52, 12.9, 13.1), optionQuote('2027-01-15', 'call', 620, 0.33, 6.9, 7.1), optionQuote('2027-01-15', 'put', 595, -0.45, 9.9, 10.1)],
};
const quote = { symbol: 'SPY', last: 604, ts: NOW - 1_000 } as Quote;
const base = emptySnapshot({ quote, chain, technicals: technicals(0.4, 61), sentiment });

describe('the 14+ DTE swing strategy', () => {
  it('buys the 39-day 50-delta call when the MACD trend, a healthy RSI, price over the middle band and the news agree', () => {
    const verdict = swing.evaluate(base, settings);
    expect(verdict.kind).toBe('propose');
    if (verdict.kind !== 'propose') return;
    // 605 call of 2027-01-15 at 13.00; stop 35% lower (8.45): $455 a contract → 1 contract under $700.
    expect(verdict.draft.order).toMatchObject({ instrument: { expiry: '2027-01-15', strike: 605, right: 'call' }, limitPrice: 13, stopPrice: 8.45, quantity: 1 });
    expect(verdict.draft.reasons.map((r) => r.fact)).toEqual(['MACD histogram', 'RSI', 'price vs Bollinger middle', 'news sentiment', 'contract']);
    expect(verdict.draft.confidence).toBe(1);
  });

  it('stays quiet on a near miss: an up-trend with a stretched RSI and price under the middle band', () => {
    const stretched = { ...base, technicals: technicals(0.4, 74), quote: { ...quote, last: 598 } };
    expect(swing.evaluate(stretched, settings)).toEqual({ kind: 'quiet', why: '1 of 3 confirmations (needs 2)' });
  });

  it('stays quiet without a recent MACD', () => {
    expect(swing.evaluate({ ...base, now: NOW + 3 * 86_400_000 }, settings)).toEqual({ kind: 'quiet', why: 'no recent MACD' });
  });
});

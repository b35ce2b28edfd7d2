import { describe, expect, it } from 'vitest';
import { CallAllowance } from '../../../../core/sim/alphavantage/callAllowance';
import { articleInSlot, sentimentLabel } from '../../../../core/sim/alphavantage/newsArticles';

describe('sentimentLabel', () => {
  it('follows Alpha Vantage thresholds at their exact boundaries', () => {
    expect(sentimentLabel(-0.35)).toBe('Bearish');
    expect(sentimentLabel(-0.3499)).toBe('Somewhat-Bearish');
    expect(sentimentLabel(-0.15)).toBe('Somewhat-Bearish');
    expect(sentimentLabel(-0.1499)).toBe('Neutral');
    expect(sentimentLabel(0.1499)).toBe('Neutral');
    expect(sentimentLabel(0.15)).toBe('Somewhat-Bullish');
    expect(sentimentLabel(0.35)).toBe('Bullish');
  });
});

describe('articleInSlot', () => {
  it('is the same article for the same seed, ticker and slot, and differs by seed', () => {
    const slots = Array.from({ length: 50 }, (_, i) => 240_000 + i);
    const a = slots.map((s) => articleInSlot(1, 'AAPL', s, ['AAPL', 'MSFT']));
    expect(slots.map((s) => articleInSlot(1, 'AAPL', s, ['AAPL', 'MSFT']))).toEqual(a);
    expect(slots.map((s) => articleInSlot(2, 'AAPL', s, ['AAPL', 'MSFT']))).not.toEqual(a);
    const present = a.filter((x) => x !== undefined);
    expect(present.length).toBeGreaterThan(10);
    expect(present.length).toBeLessThan(40);
    expect(present.some((x) => x?.article.ticker_sentiment.some((t) => t.ticker === 'MSFT'))).toBe(true);
  });
});

describe('CallAllowance', () => {
  it('allows N calls in any sliding minute', () => {
    let now = 0;
    const budget = new CallAllowance(2, () => now);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, false]);
    now = 30_000;
    expect(budget.tryTake()).toBe(false);
    now = 60_000;
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(false);
  });
});

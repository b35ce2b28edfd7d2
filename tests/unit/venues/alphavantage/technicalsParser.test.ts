import { describe, expect, it } from 'vitest';
import { parseTechnical } from '../../../../core/venues/alphavantage/technicalsParser';
import { fixtureJson } from './fixtures';

const AS_OF = Date.UTC(2025, 0, 3, 22);

describe('technical indicator parsing', () => {
  it('reads RSI newest first, skips unreadable points and calls 28.7 oversold', () => {
    const { snapshot, refused } = parseTechnical(fixtureJson('rsi_spy_5min.json'), 'SPY', 'rsi', AS_OF);
    expect(refused).toBe(1);
    expect(snapshot!.series.map((p) => p.values.rsi)).toEqual([28.662, 31.862, 35.1044]);
    expect(snapshot!.latest).toEqual({ time: '2025-01-03 16:00', ts: Date.UTC(2025, 0, 3, 21), values: { rsi: 28.662 } });
    expect(snapshot!.interpretation.signal).toBe('oversold');
    expect(snapshot).toMatchObject({ interval: '5min', lastRefreshed: '2025-01-03 16:00:00', indicator: 'rsi', symbol: 'SPY' });
  });

  it('reads MACD with its signal and histogram and sees a bullish crossover', () => {
    const { snapshot } = parseTechnical(fixtureJson('macd_spy_5min.json'), 'SPY', 'macd', AS_OF);
    expect(snapshot!.latest.values).toEqual({ macd: 0.152, signal: 0.11, histogram: 0.042 });
    expect(snapshot!.interpretation.signal).toBe('bullish_crossover');
  });

  it('reads Bollinger bands and sees the narrowest band of the series as a squeeze', () => {
    const { snapshot } = parseTechnical(fixtureJson('bbands_spy_5min.json'), 'SPY', 'bbands', AS_OF);
    expect(snapshot!.latest.values).toEqual({ upper: 592.1, middle: 591, lower: 589.9 });
    expect(snapshot!.interpretation.signal).toBe('squeeze');
    expect(snapshot!.interval).toBe('5min');
  });

  it('orders ATR by time even when the answer does not, and calls double its average elevated', () => {
    const { snapshot } = parseTechnical(fixtureJson('atr_spy_5min.json'), 'SPY', 'atr', AS_OF);
    expect(snapshot!.series.map((p) => p.time)).toEqual(['2025-01-03 16:00', '2025-01-03 15:55', '2025-01-03 15:50']);
    expect(snapshot!.interpretation.signal).toBe('elevated');
  });

  it('gives no snapshot for an empty series so the previous one stays', () => {
    expect(parseTechnical(fixtureJson('rsi_empty.json'), 'SPY', 'rsi', AS_OF).snapshot).toBeNull();
  });

  it('refuses an answer that lacks the series asked for', () => {
    expect(() => parseTechnical(fixtureJson('macd_spy_5min.json'), 'SPY', 'rsi', AS_OF)).toThrow(/RSI SPY: the answer has no "Technical Analysis: RSI" series/);
  });

  it('refuses a series for another symbol', () => {
    expect(() => parseTechnical(fixtureJson('rsi_spy_5min.json'), 'QQQ', 'rsi', AS_OF)).toThrow(/RSI QQQ: the answer is for SPY/);
  });
});

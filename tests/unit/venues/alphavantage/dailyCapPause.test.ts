import { describe, expect, it } from 'vitest';
import { DailyCapPause, describeResume, nextDailyReset } from '../../../../core/venues/alphavantage/dailyCapPause';

describe('the daily-cap pause', () => {
  it('resumes at the next midnight in UTC or New York, whichever comes first', () => {
    // 15:00 UTC (10:00 New York, EST): UTC midnight comes first.
    expect(nextDailyReset(Date.UTC(2025, 0, 7, 15))).toBe(Date.UTC(2025, 0, 8, 0));
    // 02:00 UTC = 21:00 New York the day before: New York's midnight (05:00 UTC) comes first.
    expect(nextDailyReset(Date.UTC(2025, 0, 8, 2))).toBe(Date.UTC(2025, 0, 8, 5));
    // Summer time: New York midnight is 04:00 UTC.
    expect(nextDailyReset(Date.UTC(2025, 6, 8, 1))).toBe(Date.UTC(2025, 6, 8, 4));
  });

  it('refuses every call while paused, saying when calls resume, and lets them go afterwards', () => {
    const pause = new DailyCapPause();
    const at = Date.UTC(2025, 0, 7, 15);
    expect(pause.pause(at, 'RSI SPY: daily limit')).toBe(Date.UTC(2025, 0, 8, 0));
    expect(() => pause.check('MACD AAPL', at + 1000)).toThrow(/^MACD AAPL: not sent: Alpha Vantage's daily limit for this API key is used up; calls resume at 2025-01-07 19:00 New York \(2025-01-08 00:00 UTC\)$/);
    expect(pause.view(at)).toMatchObject({ pausedUntil: Date.UTC(2025, 0, 8, 0), since: at, answer: 'RSI SPY: daily limit' });
    expect(() => pause.check('MACD AAPL', Date.UTC(2025, 0, 8, 0))).not.toThrow();
    expect(pause.view(Date.UTC(2025, 0, 8, 0))).toBeNull();
  });

  it('describes the resume time in New York and UTC', () => {
    expect(describeResume(Date.UTC(2025, 0, 8, 5))).toBe('2025-01-08 00:00 New York (2025-01-08 05:00 UTC)');
  });
});

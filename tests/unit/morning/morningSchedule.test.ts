import { describe, expect, it } from 'vitest';
import { nextMorningRun, preparedTradingDay } from '../../../core/app/morning/morningSchedule';
import { etToUtc } from '../../../core/market/newYorkTime';

describe('the morning analysis schedule', () => {
  it('runs at the configured New York time later the same trading day', () => {
    expect(nextMorningRun(etToUtc('2026-12-07', 6, 0), '08:30')).toBe(etToUtc('2026-12-07', 8, 30));
  });

  it('after the time has passed, runs the next trading day; Friday evening goes to Monday', () => {
    expect(nextMorningRun(etToUtc('2026-12-07', 8, 30), '08:30')).toBe(etToUtc('2026-12-08', 8, 30));
    expect(nextMorningRun(etToUtc('2026-12-11', 17, 0), '08:30')).toBe(etToUtc('2026-12-14', 8, 30));
  });

  it('skips NYSE holidays (Christmas 2026 is a Friday) and follows daylight saving time', () => {
    expect(nextMorningRun(etToUtc('2026-12-24', 12, 0), '08:30')).toBe(etToUtc('2026-12-28', 8, 30));
    expect(new Date(nextMorningRun(etToUtc('2026-03-06', 12, 0), '08:30')).toISOString()).toBe('2026-03-09T12:30:00.000Z');
    expect(new Date(nextMorningRun(etToUtc('2026-12-07', 6, 0), '08:30')).toISOString()).toBe('2026-12-07T13:30:00.000Z');
  });

  it('prepares today before the close, else the next trading day', () => {
    expect(preparedTradingDay(etToUtc('2026-12-07', 8, 30))).toBe('2026-12-07');
    expect(preparedTradingDay(etToUtc('2026-12-11', 16, 30))).toBe('2026-12-14');
    expect(preparedTradingDay(etToUtc('2026-12-25', 9, 0))).toBe('2026-12-28');
  });
});

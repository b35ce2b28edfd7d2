import { describe, expect, it } from 'vitest';
import { changeOf, changeQuestion, formatLimitValue, parseLimitInput, useOf } from '../../../renderer/src/trading/riskLimits';

const dailyLoss = { name: 'maxDailyLoss', value: 5_000, unit: '$', higherIsLooser: true } as const;
const cutoff = { name: 'sameDayExpiryCutoffMinutes', value: 15, unit: 'min', higherIsLooser: false } as const;
const volume = { name: 'maxPercentOfDayVolume', value: 5, unit: '%', higherIsLooser: true } as const;

describe('risk limits as the Risk panel shows and changes them', () => {
  it('formats a limit in its unit, and a limit that is off as off', () => {
    expect(formatLimitValue(5_000, '$')).toBe('$5,000');
    expect(formatLimitValue(5_901.4, '$')).toBe('$5,901.40');
    expect(formatLimitValue(-12.5, '$')).toBe('−$12.50');
    expect(formatLimitValue(2.5, '%')).toBe('2.5%');
    expect(formatLimitValue(10_000, 'shares')).toBe('10,000 shares');
    expect(formatLimitValue(null, 'shares')).toBe('off');
  });

  it('asks plainly whether a change loosens or tightens, in the limit’s own direction', () => {
    expect(changeQuestion(dailyLoss, 8_000)).toBe('Loosen maxDailyLoss from $5,000 to $8,000?');
    expect(changeQuestion(dailyLoss, 3_000)).toBe('Tighten maxDailyLoss from $5,000 to $3,000?');
    expect(changeOf(cutoff, 30)).toBe('tighten'); // a longer cutoff before the close refuses more
    expect(changeOf(cutoff, 5)).toBe('loosen');
    expect(changeQuestion(volume, null)).toBe('Loosen maxPercentOfDayVolume: turn it off (now 5%)?');
    expect(changeOf({ value: null, higherIsLooser: true }, 10)).toBe('tighten'); // turning a check on
  });

  it('reads an empty value as off only for the limits that may be off', () => {
    expect(parseLimitInput('', 'maxPercentOfDayVolume')).toEqual({ ok: true, value: null });
    expect(parseLimitInput(' ', 'maxDailyLoss')).toEqual({ ok: false, error: 'maxDailyLoss cannot be turned off: enter a number' });
    expect(parseLimitInput('$8,000', 'maxDailyLoss')).toEqual({ ok: true, value: 8_000 });
    expect(parseLimitInput('-1', 'maxDailyLoss')).toMatchObject({ ok: false });
    expect(parseLimitInput('lots', 'maxDailyLoss')).toMatchObject({ ok: false });
  });

  it('marks use near the limit from 80% and over it from 100%; per-order limits have no use', () => {
    expect(useOf({ value: 5_000, used: 1_000, higherIsLooser: true })).toEqual({ fraction: 0.2, level: 'ok' });
    expect(useOf({ value: 5_000, used: 4_000, higherIsLooser: true })?.level).toBe('near');
    expect(useOf({ value: 5_000, used: 5_200, higherIsLooser: true })?.level).toBe('over');
    expect(useOf({ value: 10_000, used: null, higherIsLooser: true })).toBeNull();
    expect(useOf({ value: null, used: 3, higherIsLooser: true })).toBeNull();
  });
});

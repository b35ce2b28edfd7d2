import { describe, expect, it } from 'vitest';
import { OptionsEntitlement } from '../../../../core/venues/alphavantage/optionsEntitlement';

const HOUR = 3_600_000;

describe('realtime options entitlement', () => {
  it('asks realtime until the plan is seen to lack it, then the fallback until the hourly re-check', () => {
    const e = new OptionsEntitlement(HOUR, 'historical');
    expect(e.choose(0)).toBe('REALTIME_OPTIONS');
    e.refused(1_000, 'no realtime options');
    expect(e.choose(2_000)).toBe('HISTORICAL_OPTIONS');
    expect(e.choose(1_000 + HOUR - 1)).toBe('HISTORICAL_OPTIONS');
    expect(e.view()).toMatchObject({ realtimeOptions: 'not_entitled', refusedAt: 1_000, nextCheckAt: 1_000 + HOUR });
  });

  it('re-checks with one call at a time, and goes back to realtime when the plan has it again', () => {
    let regained = 0;
    const e = new OptionsEntitlement(HOUR, 'historical', () => regained++);
    e.refused(0, 'no realtime options');
    expect(e.choose(HOUR)).toBe('REALTIME_OPTIONS');
    expect(e.choose(HOUR + 1)).toBe('HISTORICAL_OPTIONS'); // the re-check is already out
    e.undecided(); // it timed out
    expect(e.choose(HOUR + 2)).toBe('REALTIME_OPTIONS');
    e.confirmed();
    expect(regained).toBe(1);
    expect(e.choose(HOUR + 3)).toBe('REALTIME_OPTIONS');
    expect(e.view()).toMatchObject({ realtimeOptions: 'entitled', nextCheckAt: null });
  });

  it('fetches no chain at all without a fallback', () => {
    const e = new OptionsEntitlement(HOUR, 'none');
    e.refused(0, 'no realtime options');
    expect(e.choose(1)).toBeNull();
  });
});

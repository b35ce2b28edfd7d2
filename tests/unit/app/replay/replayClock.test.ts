import { describe, expect, it } from 'vitest';
import { paceWaitMs, parseSpeed, ReplayClock } from '../../../../core/app/replay/replayClock';
import { nextClose } from '../../../../core/app/replay/replayRun';

describe('the replay clock', () => {
  it('starts at the session start and moves only forward', () => {
    const clock = new ReplayClock(1_000);
    const now = clock.now; // handed out unbound, as the components take it
    expect(now()).toBe(1_000);
    clock.advanceTo(5_000);
    expect(now()).toBe(5_000);
    clock.advanceTo(4_000);
    expect(now()).toBe(5_000);
  });
});

describe('--speed', () => {
  it('takes a positive multiple of real time or "max"', () => {
    expect(parseSpeed('10')).toBe(10);
    expect(parseSpeed('0.5')).toBe(0.5);
    expect(parseSpeed('max')).toBe(Number.POSITIVE_INFINITY);
  });

  it.each(['0', '-3', 'fast', '', 'Infinity'])('refuses %j, naming it', (text) => {
    expect(() => parseSpeed(text)).toThrow(`--speed must be a positive number or "max", got "${text}"`);
  });
});

describe('pacing', () => {
  it('waits until the wall clock catches up with market time divided by the speed', () => {
    // 60 s of market at 10x is due 6 s after the start; 2 s have gone by.
    expect(paceWaitMs(60_000, 2_000, 10)).toBe(4_000);
  });

  it('goes on at once when the replay is behind its pace (a slow machine)', () => {
    expect(paceWaitMs(60_000, 9_000, 10)).toBe(0);
  });

  it('never waits at speed max', () => {
    expect(paceWaitMs(3_600_000, 0, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('the closing auction of a replay', () => {
  it('falls at 16:00 New York, 13:00 on a half day, and past weekends and holidays', () => {
    expect(nextClose(Date.parse('2025-01-06T15:00:00Z'))).toBe(Date.parse('2025-01-06T21:00:00Z'));
    expect(nextClose(Date.parse('2025-01-06T21:00:00Z'))).toBe(Date.parse('2025-01-07T21:00:00Z'));
    expect(nextClose(Date.parse('2025-01-10T22:00:00Z'))).toBe(Date.parse('2025-01-13T21:00:00Z'));
    expect(nextClose(Date.parse('2025-12-24T15:00:00Z'))).toBe(Date.parse('2025-12-24T18:00:00Z'));
    expect(nextClose(Date.parse('2025-12-24T19:00:00Z'))).toBe(Date.parse('2025-12-26T21:00:00Z'));
  });
});

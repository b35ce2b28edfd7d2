import { afterEach, describe, expect, it, vi } from 'vitest';
import { maxLaunchesPerWindow, spacingMs } from '../../../../core/venues/alphavantage/callBudget';
import { CallLimiter } from '../../../../core/venues/alphavantage/callLimiter';
import { busiestWindow } from './busiestWindow';


describe('the 590 calls/min budget arithmetic', () => {
  const production = { calls: 590, windowMs: 60_000 };

  it('spaces launches 102 ms apart so 590 of them span more than a minute', () => {
    expect(spacingMs(production)).toBe(102);
    expect(589 * spacingMs(production)).toBeGreaterThan(60_000);
    expect(maxLaunchesPerWindow(production)).toBeLessThanOrEqual(590);
  });

  it('stays within budget for any budget and window, not only the production one', () => {
    for (const calls of [1, 5, 75, 150, 300, 590, 600, 1200]) {
      for (const windowMs of [1_000, 2_000, 60_000]) expect(maxLaunchesPerWindow({ calls, windowMs })).toBeLessThanOrEqual(calls);
    }
  });
});

describe('the limiter under a burst, on a simulated clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never launches more than 590 calls in any 60-second window during three minutes of demand', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const limiter = new CallLimiter({ budget: { calls: 590, windowMs: 60_000 }, maxInFlight: 4, maxSlowFactor: 8 });
    const launches: number[] = [];
    for (let i = 0; i < 2_000; i++) void limiter.schedule('options', false, 'REALTIME_OPTIONS SPY', async () => void launches.push(Date.now())).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(180_000);
    await limiter.stop();
    expect(busiestWindow(launches, 60_000)).toBeLessThanOrEqual(590);
    expect(launches.length).toBeGreaterThan(3 * 580); // and the budget is used, not wasted
  }, 60_000);
});

describe('the limiter after a throttling answer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pauses new launches until the next window, then resumes at half speed, then recovers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const start = Date.now();
    const limiter = new CallLimiter({ budget: { calls: 10, windowMs: 1_000 }, maxInFlight: 1, maxSlowFactor: 8 });
    const launches: number[] = [];
    for (let i = 0; i < 20; i++) {
      void limiter.schedule('technicals', false, 'RSI SPY', async () => {
        launches.push(Date.now() - start);
        if (launches.length === 3) limiter.throttled();
      }).catch(() => undefined);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    await limiter.stop();
    const gaps = launches.slice(1).map((t, i) => t - launches[i]!);
    expect(launches[3]).toBeGreaterThanOrEqual(1_000); // paused until the refill
    expect(Math.min(...gaps.slice(3, 8))).toBeGreaterThanOrEqual(2 * 101 - 2); // then spaced twice as wide (timer rounding: 1-2 ms)
    expect(limiter.slowdown).toBe(1); // and back to normal after a quiet window
    expect(launches).toHaveLength(20);
  });
});

describe('the limiter when the event loop stalls', () => {
  it('keeps actual launch times within budget even when timers fire late', async () => {
    const limiter = new CallLimiter({ budget: { calls: 4, windowMs: 400 }, maxInFlight: 4, maxSlowFactor: 8 });
    const launches: number[] = [];
    const jobs = Array.from({ length: 14 }, (_, i) =>
      limiter.schedule('options', false, 'REALTIME_OPTIONS SPY', async () => {
        launches.push(Date.now());
        // Every third call parses "a big chain": the loop is blocked, so the following timers fire late.
        if (i % 3 === 0) for (const until = Date.now() + 150; Date.now() < until; );
      }),
    );
    await Promise.all(jobs);
    await limiter.stop();
    // A launch is stamped when its job starts, a little after the limiter let it go; on a loaded machine that lag
    // differs from job to job by a few ms, so the window checked is 25 ms shorter than the budget's.
    expect(busiestWindow(launches, 375)).toBeLessThanOrEqual(4);
  });
});

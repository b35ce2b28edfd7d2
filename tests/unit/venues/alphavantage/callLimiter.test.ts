import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallLimiter } from '../../../../core/venues/alphavantage/callLimiter';
import { CallQueue } from '../../../../core/venues/alphavantage/callQueue';
import { busiestWindow } from './busiestWindow';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the waiting calls', () => {
  it('are served by priority, first come first served within one', () => {
    const queue = new CallQueue<string>(8);
    queue.push(7, 'rsi');
    queue.push(1, 'chain SPY');
    queue.push(4, 'news');
    queue.push(1, 'chain QQQ');
    expect(queue.size).toBe(4);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual(['chain SPY', 'chain QQQ', 'news', 'rsi', undefined]);
    expect(queue.size).toBe(0);
  });

  it('refuse a priority outside the range by name', () => {
    expect(() => new CallQueue<string>(8).push(9, 'x')).toThrow('priority 9 is outside 0..7');
  });
});

describe('the call limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('launches options before sentiment before technicals when the budget is short, priority symbols first in a class', async () => {
    const limiter = new CallLimiter({ budget: { calls: 1, windowMs: 200 }, maxInFlight: 1, maxSlowFactor: 8 });
    const order: string[] = [];
    const run = (name: string) => async () => void order.push(name);
    await limiter.schedule('technicals', false, 'first', run('first')); // takes the window's only call
    const rest = [
      limiter.schedule('technicals', false, 'RSI IWM', run('RSI IWM')),
      limiter.schedule('sentiment', false, 'NEWS AAPL', run('NEWS AAPL')),
      limiter.schedule('options', false, 'CHAIN IWM', run('CHAIN IWM')),
      limiter.schedule('options', true, 'CHAIN SPY', run('CHAIN SPY')),
    ];
    expect(limiter.queued()).toBe(4);
    await Promise.all(rest);
    await limiter.stop();
    expect(order).toEqual(['first', 'CHAIN SPY', 'CHAIN IWM', 'NEWS AAPL', 'RSI IWM']);
  });

  it('keeps at most maxInFlight calls running', async () => {
    const limiter = new CallLimiter({ budget: { calls: 1_000, windowMs: 1_000 }, maxInFlight: 2, maxSlowFactor: 8 });
    let running = 0;
    let most = 0;
    const call = async () => {
      most = Math.max(most, ++running);
      await sleep(10);
      running--;
    };
    await Promise.all(Array.from({ length: 8 }, () => limiter.schedule('options', false, 'CHAIN SPY', call)));
    await limiter.stop();
    expect(most).toBe(2);
  });

  it('passes a call’s result and failure to its caller, and goes on after a task that throws', async () => {
    const limiter = new CallLimiter({ budget: { calls: 100, windowMs: 1_000 }, maxInFlight: 1, maxSlowFactor: 8 });
    const thrown = limiter.schedule('options', false, 'bad', () => {
      throw new Error('no body');
    });
    await expect(thrown).rejects.toThrow('no body');
    await expect(limiter.schedule('options', false, 'good', async () => 'chain')).resolves.toBe('chain');
    await limiter.stop();
  });

  it('refuses waiting and new calls by name once stopped', async () => {
    const limiter = new CallLimiter({ budget: { calls: 1, windowMs: 60_000 }, maxInFlight: 1, maxSlowFactor: 8 });
    await limiter.schedule('options', false, 'first', async () => undefined);
    const waiting = limiter.schedule('options', false, 'second', async () => undefined);
    await limiter.stop();
    await expect(waiting).rejects.toThrow('call limiter has stopped');
    await expect(limiter.schedule('options', false, 'third', async () => undefined)).rejects.toThrow('call limiter has stopped');
  });

  it('never launches more than the budget in any window, yet uses all of it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const limiter = new CallLimiter({ budget: { calls: 120, windowMs: 1_000 }, maxInFlight: 4, maxSlowFactor: 8 });
    const launches: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 400; i++) void limiter.schedule('technicals', false, 'RSI SPY', async () => void launches.push(Date.now() - start)).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(3_000);
    await limiter.stop();
    expect(busiestWindow(launches, 1_000)).toBeLessThanOrEqual(120);
    expect(launches.length).toBeGreaterThanOrEqual(3 * 110); // the budget is not wasted
  });
});

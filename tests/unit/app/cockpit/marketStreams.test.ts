import { afterEach, describe, expect, it, vi } from 'vitest';
import { COCKPIT_INTERVAL_MS, MarketStreams } from '../../../../core/app/cockpit/marketStreams';
import { createEngineBus } from '../../../../core/bus/catalogue';
import { emptyQuote } from '../../../../core/market/quote';
import type { SweepEvent } from '../../../../core/market/sweep';
import type { Trade } from '../../../../core/market/trade';

/** Market streams on a bus, started, with every SPY quote delivery recorded as [last, time]. */
function liveTopics() {
  const bus = createEngineBus();
  const topics = new MarketStreams(bus, [
    { symbol: 'SPY', dataClass: 'level2' },
    { symbol: 'AAPL', dataClass: 'standard' },
  ]);
  const quotes: Array<[number | null, number]> = [];
  topics.topics('SPY')!.quote.subscribe((quote) => quotes.push([quote.last, Date.now()]));
  topics.start();
  const spy = emptyQuote('SPY');
  const aapl = emptyQuote('AAPL');
  /** The venue changes its live quote in place and publishes it. */
  const tick = (last: number, quote = spy) => {
    quote.last = last;
    bus.publish('quoteChanged', quote);
  };
  return { bus, topics, quotes, tick, aapl };
}

describe('the cockpit market streams', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers every sweep, even two in the same millisecond (sweeps are events, not latest values)', () => {
    const { bus, topics } = liveTopics();
    const seen: SweepEvent[] = [];
    topics.sweeps.subscribe((sweep) => seen.push(sweep));
    const now = Date.now();
    const first = { symbol: 'SPY', detectedAt: now } as SweepEvent;
    const second = { symbol: 'QQQ', detectedAt: now } as SweepEvent;
    bus.publish('sweepDetected', first);
    bus.publish('sweepDetected', second);
    expect(seen).toEqual([first, second]);
    topics.stop();
  });

  it('sends a tick in a quiet market at once, not at the next 50 ms boundary', () => {
    vi.useFakeTimers();
    const { topics, quotes, tick } = liveTopics();
    vi.advanceTimersByTime(500); // quiet
    const sentAt = Date.now();
    tick(450.25);
    vi.advanceTimersByTime(1);
    expect(quotes).toEqual([[450.25, sentAt]]);
    topics.stop();
  });

  it('coalesces a burst to one value per 50 ms per stream, ending on the newest, and never holds a value longer', () => {
    vi.useFakeTimers();
    const { topics, quotes, tick } = liveTopics();
    vi.advanceTimersByTime(500);
    const start = Date.now();
    for (let ms = 0; ms < 500; ms++) {
      tick(400 + ms / 100); // one tick a millisecond for half a second
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(COCKPIT_INTERVAL_MS);
    const times = quotes.map(([, at]) => at);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(COCKPIT_INTERVAL_MS);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(COCKPIT_INTERVAL_MS);
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    expect(quotes.length).toBeLessThanOrEqual(11);
    expect(quotes.at(-1)![0]).toBe(404.99);
    expect(times[0]).toBe(start);
    topics.stop();
  });

  it('publishes every stream that changed in one turn together, so a page gets them in one message', () => {
    vi.useFakeTimers();
    const { bus, topics, tick, aapl } = liveTopics();
    const delivered: string[] = [];
    topics.topics('SPY')!.prints.subscribe(() => delivered.push(`prints@${Date.now()}`));
    topics.topics('AAPL')!.quote.subscribe(() => delivered.push(`aapl@${Date.now()}`));
    vi.advanceTimersByTime(500);
    tick(450); // opens a 50 ms window
    vi.advanceTimersByTime(10);
    bus.publish('tradePrinted', { symbol: 'SPY', price: 450, size: 100, ts: Date.now(), receivedAt: Date.now() } as Trade);
    vi.advanceTimersByTime(20);
    tick(190, aapl);
    delivered.length = 0;
    vi.advanceTimersByTime(COCKPIT_INTERVAL_MS);
    const at = Date.now() - COCKPIT_INTERVAL_MS + 20;
    expect(delivered.sort()).toEqual([`aapl@${at}`, `prints@${at}`]);
    topics.stop();
  });

  it('publishes nothing after stop', () => {
    vi.useFakeTimers();
    const { topics, quotes, tick } = liveTopics();
    topics.stop();
    tick(451);
    vi.advanceTimersByTime(500);
    expect(quotes).toEqual([]);
  });
});

describe('the cockpit market streams keep what the cockpit shows', () => {
  it('keeps every print of a burst for the prints stream, newest last, not only the latest', () => {
    vi.useFakeTimers();
    const { bus, topics } = liveTopics();
    const shown: number[][] = [];
    topics.topics('SPY')!.prints.subscribe((prints) => shown.push(prints.map((p) => p.price)));
    for (let i = 0; i < 5; i++) bus.publish('tradePrinted', { symbol: 'SPY', price: 450 + i, size: 100, ts: i, receivedAt: Date.now() } as Trade);
    vi.advanceTimersByTime(COCKPIT_INTERVAL_MS);
    expect(shown.at(-1)).toEqual([450, 451, 452, 453, 454]);
    topics.stop();
    vi.useRealTimers();
  });
});

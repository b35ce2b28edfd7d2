import { afterEach, describe, expect, it, vi } from 'vitest';
import { COCKPIT_INTERVAL_MS, IngestTopics } from '../../../../core/app/cockpit/marketStreams';
import { SymbolState } from '../../../../core/venues/ibkr/data/symbolState';
import type { SweepEvent } from '../../../../core/analytics/sweepTracker';

/** Topics over real symbol states, started, with every quote delivery recorded as [last, time]. */
function liveTopics() {
  const states = new Map([['SPY', new SymbolState('SPY', true)], ['AAPL', new SymbolState('AAPL', false)]]);
  const topics = new IngestTopics((symbol) => states.get(symbol), [
    { symbol: 'SPY', dataClass: 'level2' },
    { symbol: 'AAPL', dataClass: 'standard' },
  ]);
  const quotes: Array<[number | null, number]> = [];
  topics.topics('SPY')!.quote.subscribe((quote) => quotes.push([quote.last, Date.now()]));
  topics.start();
  const tick = (last: number) => {
    states.get('SPY')!.quote.last = last;
    topics.markQuote('SPY');
  };
  return { topics, states, quotes, tick };
}

describe('ingestion topics', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers every sweep, even two in the same millisecond (sweeps are events, not latest values)', () => {
    const topics = new IngestTopics(() => undefined, []);
    const seen: SweepEvent[] = [];
    topics.sweeps.subscribe((sweep) => seen.push(sweep));
    const now = Date.now();
    const first = { symbol: 'SPY', detectedAt: now } as SweepEvent;
    const second = { symbol: 'QQQ', detectedAt: now } as SweepEvent;
    topics.publishSweep(first);
    topics.publishSweep(second);
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
    const { topics, states, tick } = liveTopics();
    const delivered: string[] = [];
    topics.topics('SPY')!.prints.subscribe(() => delivered.push(`prints@${Date.now()}`));
    topics.topics('AAPL')!.quote.subscribe(() => delivered.push(`aapl@${Date.now()}`));
    vi.advanceTimersByTime(500);
    tick(450); // opens a 50 ms window
    vi.advanceTimersByTime(10);
    states.get('SPY')!.trades.push({ symbol: 'SPY', price: 450, size: 100, time: Date.now(), receivedAt: Date.now() } as never);
    topics.markPrints('SPY');
    vi.advanceTimersByTime(20);
    states.get('AAPL')!.quote.last = 190;
    topics.markQuote('AAPL');
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

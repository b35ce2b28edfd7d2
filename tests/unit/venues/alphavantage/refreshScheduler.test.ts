import { describe, expect, it } from 'vitest';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { FreshnessBook } from '../../../../core/venues/alphavantage/freshnessBook';
import { refreshPlan, type RefreshItem } from '../../../../core/venues/alphavantage/refreshPlan';
import { RefreshScheduler, type RefreshOutcome } from '../../../../core/venues/alphavantage/refreshScheduler';

const windows = { optionsMs: 60_000, sentimentMs: 900_000, technicalsMs: 300_000 };
const symbols = [
  { symbol: 'AAPL', etf: false, priority: false },
  { symbol: 'SPY', etf: true, priority: true },
  { symbol: 'VXX', etf: true, priority: false },
];

describe('the refresh plan', () => {
  const plan = refreshPlan(symbols, windows, 50);
  const ids = plan.map((i) => `${i.symbol}:${i.dataType}`);

  it('starts with chains, priority symbols first, then sentiment, then technicals', () => {
    expect(ids.slice(0, 4)).toEqual(['SPY:options', 'AAPL:options', 'VXX:options', 'AAPL:sentiment']);
    expect(ids.slice(4, 8)).toEqual(['SPY:rsi', 'SPY:macd', 'SPY:bbands', 'SPY:atr']);
  });

  it('asks no sentiment for ETFs', () => {
    expect(ids.filter((id) => id.endsWith(':sentiment'))).toEqual(['AAPL:sentiment']);
  });

  it('staggers start-up so later items first fall due later', () => {
    expect(plan.map((i) => i.startOffsetMs)).toEqual(plan.map((_, n) => n * 50));
    expect(plan.find((i) => i.dataType === 'sentiment')?.windowMs).toBe(900_000);
  });
});

/** A scheduler over a one-item plan with a scripted refresh, driven by explicit ticks. */
function harness(outcomes: RefreshOutcome[]) {
  const [item] = refreshPlan([{ symbol: 'SPY', etf: true, priority: true }], windows, 0) as [RefreshItem];
  const book = new FreshnessBook();
  book.track(item.symbol, item.dataType, item.windowMs, 0);
  let calls = 0;
  const scheduler = new RefreshScheduler([item], book, async () => outcomes[calls++] ?? { kind: 'stored', at: Date.now() }, { tickMs: 1_000_000, failureBackoffMs: 30_000 });
  return { book, scheduler, calls: () => calls, settle: () => new Promise((resolve) => setTimeout(resolve, 0)) };
}

describe('selective refresh', () => {
  it('fetches data only once it is older than its window', async () => {
    const h = harness([{ kind: 'stored', at: 1_000 }]);
    h.scheduler.tick(1_000);
    await h.settle();
    h.scheduler.tick(60_999);
    await h.settle();
    expect(h.calls()).toBe(1);
    h.scheduler.tick(61_000);
    await h.settle();
    expect(h.calls()).toBe(2);
  });

  it('never asks twice for the same data while a fetch is under way', async () => {
    let release: (o: RefreshOutcome) => void = () => undefined;
    const book = new FreshnessBook();
    const [item] = refreshPlan([{ symbol: 'SPY', etf: true, priority: true }], windows, 0) as [RefreshItem];
    book.track('SPY', 'options', 60_000, 0);
    let calls = 0;
    const scheduler = new RefreshScheduler([item], book, () => new Promise((resolve) => { calls++; release = resolve; }), { tickMs: 1e6, failureBackoffMs: 1 });
    scheduler.tick(1);
    scheduler.tick(2);
    scheduler.tick(3);
    expect(calls).toBe(1);
    release({ kind: 'stored', at: 3 });
  });

  it('moves the success time only on success, and retries a failure after the back-off, not at once', async () => {
    const h = harness([{ kind: 'failed', error: new AvError('http', 'HTTP 503', true) }]);
    const started = Date.now();
    h.scheduler.tick(started);
    await h.settle();
    expect(h.book.lastSuccess('SPY', 'options')).toBeNull();
    h.scheduler.tick(started + 1_000);
    await h.settle();
    expect(h.calls()).toBe(1);
    h.scheduler.tick(started + 31_000);
    await h.settle();
    expect(h.calls()).toBe(2);
    expect(h.book.lastSuccess('SPY', 'options')).not.toBeNull();
  });

  it('waits a whole window after an answer the API will repeat (Error Message) or an empty one', async () => {
    const h = harness([{ kind: 'failed', error: new AvError('api_error', 'Invalid API call', false) }, { kind: 'empty' }]);
    const started = Date.now();
    h.scheduler.tick(started);
    await h.settle();
    h.scheduler.tick(started + 31_000);
    await h.settle();
    expect(h.calls()).toBe(1);
    h.scheduler.tick(started + 61_000);
    await h.settle();
    expect(h.calls()).toBe(2);
    expect(h.book.lastSuccess('SPY', 'options')).toBeNull(); // empty is not a success: the data ages towards stale
  });

  it('does not fetch before the item’s start-up offset', () => {
    const book = new FreshnessBook();
    book.track('SPY', 'options', 60_000, 5_000);
    expect(book.isDue('SPY', 'options', 4_999)).toBe(false);
    expect(book.isDue('SPY', 'options', 5_000)).toBe(true);
  });
});

describe('freshness', () => {
  it('calls data stale once it is older than two refresh windows, and never-fetched data stale at once', () => {
    const book = new FreshnessBook(2);
    book.track('SPY', 'options', 60_000, 0);
    book.track('AAPL', 'sentiment', 900_000, 0);
    book.succeeded('SPY', 'options', 0);
    const at = (now: number) => Object.fromEntries(book.entries(now).map((e) => [`${e.symbol}:${e.dataType}`, e.stale]));
    expect(at(120_000)).toEqual({ 'SPY:options': false, 'AAPL:sentiment': true });
    expect(at(120_001)['SPY:options']).toBe(true);
  });

  it('remembers success times from before a restart so fresh data is not fetched again', () => {
    const book = new FreshnessBook();
    book.track('SPY', 'options', 60_000, 0);
    book.restore('SPY', 'options', 100_000);
    expect(book.isDue('SPY', 'options', 130_000)).toBe(false);
    expect(book.isDue('SPY', 'options', 160_000)).toBe(true);
  });
});

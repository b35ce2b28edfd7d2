import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAvTestBed, waitFor, type AvTestBed } from './avTestBed';
import { busiestWindow } from '../../../unit/venues/alphavantage/busiestWindow';

const SYMBOLS = ['SPY', 'QQQ', 'AAPL', 'MSFT'];
// Configured out of order: the priority symbols must still come first.
const ingestSymbols = [
  { symbol: 'AAPL', etf: false, priority: false },
  { symbol: 'SPY', etf: true, priority: true },
  { symbol: 'MSFT', etf: false, priority: false },
  { symbol: 'QQQ', etf: true, priority: true },
];

describe('the Alpha Vantage call budget against the simulated endpoint', () => {
  let bed: AvTestBed;
  beforeEach(async () => {
    bed = await startAvTestBed(SYMBOLS);
  });
  afterEach(() => bed?.stop());

  it('never exceeds its budget in any window under a burst of refresh demand (budget scaled to 8 calls per second)', async () => {
    // Every chain is due again after 0.3 s and everything else after 0.6 s: far more demand than 8 calls/s.
    const { module, launches } = bed.ingest({
      symbols: ingestSymbols, callsPerMinute: 8,
      schedules: { optionsRefreshSeconds: 0.3, sentimentRefreshMinutes: 0.01, technicalsRefreshMinutes: 0.01 },
      tuning: { windowMs: 1_000, maxInFlight: 16 }, // enough calls in flight that slow answers never idle the budget
    });
    await module.start();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await module.stop();
    const times = launches.map((l) => l.at);
    expect(busiestWindow(times, 1_000)).toBe(8); // demand filled the budget, and never went past it
    expect(times.length).toBeGreaterThanOrEqual(3 * 8); // the budget was used, not idled
    expect(bed.endpoint.throttledCount()).toBe(0);
    const served = Object.values(bed.endpoint.callCounts()).reduce((a, b) => a + b, 0);
    // Nothing reached the endpoint without passing the limiter (a call launched as stop() aborts may never arrive).
    expect(served).toBeLessThanOrEqual(times.length);
    expect(served).toBeGreaterThanOrEqual(times.length - 4);
  });

  it('fetches every chain before any sentiment or technicals when the budget is short, priority symbols first', async () => {
    const { module, launches } = bed.ingest({ symbols: ingestSymbols, callsPerMinute: 3, tuning: { windowMs: 1_000 } });
    await module.start();
    await waitFor(() => launches.length >= 6, 10_000, 'six launches');
    await module.stop();
    expect(launches.slice(0, 4).map((l) => l.call)).toEqual(['REALTIME_OPTIONS SPY', 'REALTIME_OPTIONS QQQ', 'REALTIME_OPTIONS AAPL', 'REALTIME_OPTIONS MSFT']);
    expect(launches.slice(4).every((l) => l.callClass !== 'options')).toBe(true);
  });

  it('puts a chain that falls due ahead of technicals already waiting', async () => {
    // One symbol, 1 call/s, chains due 1.2 s after they land, four technicals queued at start: the second chain must
    // not wait behind all of them (in arrival order it would come sixth).
    const { module, launches } = bed.ingest({
      symbols: [{ symbol: 'SPY', etf: true, priority: false }], callsPerMinute: 1,
      schedules: { optionsRefreshSeconds: 1.2, sentimentRefreshMinutes: 15, technicalsRefreshMinutes: 5 },
      tuning: { windowMs: 1_000, maxInFlight: 1 },
    });
    await module.start();
    await waitFor(() => launches.filter((l) => l.callClass === 'technicals').length >= 4, 10_000, 'all four technicals launched');
    await module.stop();
    const classes = launches.map((l) => l.callClass);
    const secondChain = classes.indexOf('options', 1);
    const fourthTechnical = classes.map((c, i) => (c === 'technicals' ? i : -1)).filter((i) => i >= 0)[3]!;
    expect(secondChain).toBeGreaterThan(0);
    expect(secondChain).toBeLessThan(fourthTechnical);
  });
});

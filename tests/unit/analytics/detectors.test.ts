import { describe, expect, it } from 'vitest';
import { SweepDetector } from '../../../core/analytics/sweepDetector';
import { UnusualVolumeDetector } from '../../../core/analytics/unusualVolumeDetector';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { Bar } from '../../../core/market/bar';
import type { SweepEvent } from '../../../core/market/sweep';
import type { Trade } from '../../../core/market/trade';
import type { UnusualVolumeEvent } from '../../../core/market/volumeReading';
import { DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE } from '../../../core/venues/ibkr/data/depthBook';
import { SymbolState } from '../../../core/venues/ibkr/data/symbolState';

/** SPY's book: three ask levels, each on its own exchange, 100 shares each. */
function spyBook(): SymbolState {
  const state = new SymbolState('SPY', true);
  ['ARCA', 'NSDQ', 'BATS'].forEach((exchange, i) => {
    state.applyDepth({ position: i, operation: OP.insert, side: SIDE.ask, price: 450.01 + i / 100, size: 100, exchange, marketMaker: exchange }, 1);
  });
  state.applyDepth({ position: 0, operation: OP.insert, side: SIDE.bid, price: 450, size: 100, exchange: 'ARCA', marketMaker: 'ARCA' }, 1);
  return state;
}

const buy = (price: number, ts: number): Trade => ({ symbol: 'SPY', price, size: 100, ts, receivedAt: ts, totalVolume: 0, vwap: 0, aggressor: 'buy' });

describe('the sweep detector on the bus', () => {
  it('publishes sweepDetected when a buy burst that cleared three levels on three exchanges ends', async () => {
    const bus = createEngineBus();
    const detector = new SweepDetector(bus, ['SPY']);
    await detector.start();
    const sweeps: SweepEvent[] = [];
    bus.subscribe('sweepDetected', (s) => sweeps.push(s));
    const state = spyBook();
    bus.publish('bookChanged', state.bookChange!);
    [450.01, 450.02, 450.03].forEach((price, i) => bus.publish('tradePrinted', buy(price, 1_000 + i)));
    expect(sweeps).toEqual([]); // the burst is still open
    detector.closeQuietBursts(Date.now() + 10_000);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ symbol: 'SPY', direction: 'buy', levels: 3, exchanges: ['ARCA', 'BATS', 'NSDQ'], shares: 300 });
    expect(detector.detected).toBe(1);
    await detector.stop();
  });

  it('forgets a burst when the venue re-sends the book from scratch', async () => {
    const bus = createEngineBus();
    const detector = new SweepDetector(bus, ['SPY']);
    await detector.start();
    const sweeps: SweepEvent[] = [];
    bus.subscribe('sweepDetected', (s) => sweeps.push(s));
    const state = spyBook();
    bus.publish('bookChanged', state.bookChange!);
    [450.01, 450.02, 450.03].forEach((price, i) => bus.publish('tradePrinted', buy(price, 1_000 + i)));
    state.book!.clear(2);
    bus.publish('bookCleared', state.bookChange!);
    detector.closeQuietBursts(Date.now() + 10_000);
    expect(sweeps).toEqual([]);
    await detector.stop();
  });
});

describe('the unusual-volume detector on the bus', () => {
  const bar = (i: number, volume: number, count: number): Bar => ({ symbol: 'AAPL', time: i * 5_000, open: 1, high: 1, low: 1, close: 1, volume, wap: 1, count });

  it('reads every bar once the baseline exists and announces an episode once, when it begins', async () => {
    const bus = createEngineBus();
    const detector = new UnusualVolumeDetector(bus, ['AAPL']);
    await detector.start();
    const measured: UnusualVolumeEvent[] = [];
    const detected: UnusualVolumeEvent[] = [];
    bus.subscribe('volumeMeasured', (r) => measured.push(r));
    bus.subscribe('unusualVolumeDetected', (r) => detected.push(r));
    let i = 0;
    for (; i < 60; i++) bus.publish('barClosed', bar(i, 1_000, 10)); // an ordinary minute or five
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.every((r) => !r.unusual)).toBe(true);
    for (const end = i + 12; i < end; i++) bus.publish('barClosed', bar(i, 10_000, 80)); // a burst of activity
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({ symbol: 'AAPL', unusual: true });
    expect(detected[0]!.episodeStartedAt).toBe(detected[0]!.barTime);
    expect(detector.episodes).toBe(1);
    expect(measured.at(-1)).toMatchObject({ unusual: true, episodeStartedAt: detected[0]!.episodeStartedAt });
    await detector.stop();
  });
});

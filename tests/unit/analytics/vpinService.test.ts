import { describe, expect, test } from 'vitest';
import { DEFAULT_VPIN_OPTIONS, VpinCalculator } from '../../../core/analytics/vpin';
import { VpinService } from '../../../core/analytics/vpinService';
import { RegularSessionGate } from '../../../core/analytics/vpinSession';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { Trade } from '../../../core/market/trade';
import type { VpinBucketSize, VpinReading } from '../../../core/market/vpinReading';
import { VolumeBuckets } from '../../../core/analytics/vpinBuckets';
import { etToUtc } from '../../../core/market/newYorkTime';

const QUOTE = { bid: 10, ask: 10.1 };
/** A fully one-sided bucket under trade classification with V = 100 and n = 1: VPIN 1. */
const boughtBucket = (calc: VpinCalculator, ts: number) => calc.onTrade({ price: 10.1, size: 100, ts }, QUOTE);

describe('VPIN history across a restart', () => {
  const options = { bucketVolume: 100, buckets: 1, classification: 'trade' as const, historyReadings: 10, minHistoryReadings: 5 };
  const before = [0.1, 0.2, 0.3, 0.4].map((vpin) => ({ vpin, toxic: false }));

  test('the first reading after a restart is ranked against the readings stored before it', () => {
    const fresh = new VpinCalculator('SPY', options);
    expect(boughtBucket(fresh, 1)[0]).toMatchObject({ vpin: 1, cdf: null, alert: false });

    const restarted = new VpinCalculator('SPY', options);
    restarted.restoreHistory(before);
    expect(boughtBucket(restarted, 1)[0]).toMatchObject({ vpin: 1, cdf: 4.5 / 5, toxic: true, alert: true });
  });

  test('an episode in progress before the restart is not alerted again', () => {
    const restarted = new VpinCalculator('SPY', options);
    restarted.restoreHistory([...before, { vpin: 0.45, toxic: true }]);
    expect(boughtBucket(restarted, 1)[0]).toMatchObject({ toxic: true, alert: false });
  });

  test('stored values that are not a VPIN are left out, and only the last historyReadings count', () => {
    const restarted = new VpinCalculator('SPY', { ...options, minHistoryReadings: 3 });
    restarted.restoreHistory([{ vpin: Number.NaN, toxic: false }, { vpin: 7, toxic: false }, ...Array.from({ length: 12 }, () => ({ vpin: 0.5, toxic: false }))]);
    // Ten 0.5s held; the new 1 forgets one of them: nine below it.
    expect(boughtBucket(restarted, 1)[0]!.cdf).toBe(9.5 / 10);
  });
});

describe('VPIN buckets across a restart', () => {
  const options = { bucketVolume: 100, buckets: 3, classification: 'trade' as const, minHistoryReadings: 1 };
  const prints = Array.from({ length: 40 }, (_, i) => ({ price: i % 3 ? 10.1 : 10, size: 30 + (i % 4) * 20, ts: i }));

  test('a calculator given the saved buckets reads the next buckets exactly as one that never stopped', () => {
    const whole = new VpinCalculator('SPY', options);
    const first = new VpinCalculator('SPY', options);
    const readings = prints.flatMap((p) => whole.onTrade(p, QUOTE));
    const before = prints.slice(0, 17).flatMap((p) => first.onTrade(p, QUOTE));
    const saved = JSON.parse(JSON.stringify(first.bucketState()));
    const restarted = new VpinCalculator('SPY', options);
    expect(restarted.restoreBuckets(saved)).toBe(true);
    restarted.restoreHistory(before);
    const after = prints.slice(17).flatMap((p) => restarted.onTrade(p, QUOTE));
    expect([...before, ...after].map((r) => [r.bucket, r.vpin])).toEqual(readings.map((r) => [r.bucket, r.vpin]));
  });

  test('buckets saved with another bucket size, or that are not buckets, are refused', () => {
    const first = new VpinCalculator('SPY', options);
    prints.forEach((p) => first.onTrade(p, QUOTE));
    const saved = first.bucketState();
    expect(new VpinCalculator('SPY', { ...options, bucketVolume: 200 }).restoreBuckets(saved)).toBe(false);
    expect(new VpinCalculator('SPY', options).restoreBuckets({ ...saved, imbalances: [150] })).toBe(false);
    expect(new VpinCalculator('SPY', options).restoreBuckets({ ...saved, filled: Number.NaN })).toBe(false);
  });
});

describe('VPIN bulk classification across the overnight gap', () => {
  const MINUTE = 60_000;
  const options = { ...DEFAULT_VPIN_OPTIONS, bucketVolume: 100, buckets: 1, sigmaBars: 3, minSigmaBars: 2, minHistoryReadings: 1 };

  test('a new session’s first bar is warm-up: the gap from the last close is neither classified nor taken into sigma', () => {
    const day1 = etToUtc('2026-12-07', 15, 50);
    const day2 = etToUtc('2026-12-08', 9, 30);
    const calc = new VpinCalculator('SPY', options);
    [100, 101, 100, 101].forEach((price, i) => calc.onTrade({ price, size: 100, ts: day1 + i * MINUTE }));
    calc.onClock(day1 + 4 * MINUTE);
    expect(calc.bucketsFilled).toBe(1); // the last bar: the first with two past changes
    const warmUpBefore = calc.warmUpBars;
    calc.startSession();
    calc.onTrade({ price: 130, size: 100, ts: day2 }); // a 29-dollar gap
    calc.onClock(day2 + MINUTE);
    expect(calc.warmUpBars).toBe(warmUpBefore + 1);
    expect(calc.bucketsFilled).toBe(1); // nothing from the gap bar
    const next = calc.onTrade({ price: 131, size: 100, ts: day2 + MINUTE });
    expect(next).toEqual([]);
    // The next bar's +1 is read against the changes +1, −1, +1 (sd 1.15): Φ(0.87) bought, |1 − 2·0.81| = 0.61.
    // Had the +29 gap entered sigma, the +1 would read as nearly balanced (VPIN about 0.05).
    const [reading] = calc.onClock(day2 + 2 * MINUTE);
    expect(reading!.vpin).toBeCloseTo(0.614, 2);
  });
});

describe('the regular-session gate', () => {
  test('keeps NYSE regular hours, says when a new session starts, and refuses a late print of a past one', () => {
    const gate = new RegularSessionGate();
    expect(gate.check(etToUtc('2026-12-07', 9, 29))).toBe('outside');
    expect(gate.check(etToUtc('2026-12-07', 9, 30))).toBe('new');
    expect(gate.check(etToUtc('2026-12-07', 15, 59))).toBe('same');
    expect(gate.check(etToUtc('2026-12-07', 16, 0))).toBe('outside');
    expect(gate.check(etToUtc('2026-12-08', 10, 0))).toBe('new');
    expect(gate.check(etToUtc('2026-12-07', 15, 0))).toBe('outside');
    expect(gate.check(etToUtc('2026-12-12', 11, 0))).toBe('outside'); // a Saturday
    expect(gate.check(etToUtc('2026-12-25', 11, 0))).toBe('outside'); // Christmas
  });
});

describe('the VPIN service on the bus', () => {
  const trade = (symbol: string, price: number, size: number, ts: number): Trade => ({ symbol, price, size, ts, receivedAt: ts, totalVolume: 0, vwap: price, aggressor: 'unknown' });

  test('publishes each reading and each alert, counts prints out of session and bad prints, and ignores other symbols', async () => {
    const bus = createEngineBus();
    const problems: string[] = [];
    const service = new VpinService({
      bus,
      symbols: [{ symbol: 'SPY', bucketVolume: 100 }],
      vpin: { ...DEFAULT_VPIN_OPTIONS, buckets: 1, classification: 'trade', historyReadings: 10, minHistoryReadings: 3 },
      regularHoursOnly: true,
      reportBadInput: (source, problem) => problems.push(`${source}: ${problem}`),
    });
    const updated: VpinReading[] = [];
    const alerted: VpinReading[] = [];
    bus.subscribe('vpinUpdated', (r) => updated.push(r));
    bus.subscribe('toxicityAlerted', (r) => alerted.push(r));
    await service.start();
    bus.publish('quoteChanged', { symbol: 'SPY', ...QUOTE, bidSize: 1, askSize: 1, last: null, lastSize: null, volume: null, close: null, halted: false, ts: 0 });
    const open = etToUtc('2026-12-07', 9, 30);
    bus.publish('tradePrinted', trade('SPY', 10.1, 100, open - 60_000)); // pre-market
    bus.publish('tradePrinted', trade('QQQ', 10.1, 100, open));
    bus.publish('tradePrinted', trade('SPY', 10.1, 0, open));
    [10, 10, 10, 10.1].forEach((price, i) => bus.publish('tradePrinted', trade('SPY', price, 100, open + i)));
    await service.stop();

    expect(service.outsideSession).toBe(1);
    expect(service.ignoredPrints).toBe(1);
    expect(problems).toEqual(['vpin: a print of SPY with price 10.1 and size 0 was left out of VPIN: both must be positive numbers']);
    expect(updated.map((r) => r.vpin)).toEqual([1, 1, 1, 1]);
    expect(alerted).toHaveLength(0); // equal readings tie at the middle of their history
    expect(service.latest('SPY')).toEqual(updated.at(-1));
    expect(service.readings).toBe(4);
  });
});

describe('a new VPIN bucket size', () => {
  test('asked for mid-bucket, applies when the open bucket closes; the last buckets are rescaled so VPIN goes on from the same value', () => {
    const vpins: Array<number | null> = [];
    const buckets = new VolumeBuckets(100, 2, (vpin) => vpins.push(vpin));
    buckets.pour(100, 1, 1); // imbalance 100
    buckets.pour(100, 0.5, 2); // imbalance 0: VPIN (100 + 0) / (2 × 100) = 0.5
    buckets.pour(30, 1, 3);
    expect(buckets.resize(50)).toBe(false);
    expect(buckets.bucketVolume).toBe(100);
    buckets.pour(70, 1, 4); // the open bucket closes at 100 shares (imbalance 100), then V becomes 50
    expect(buckets.bucketVolume).toBe(50);
    expect(buckets.state()).toMatchObject({ bucketVolume: 50, imbalances: [0, 50], filled: 0 });
    buckets.pour(50, 0, 5); // a 50-share bucket, all sold: (50 + 50) / (2 × 50) = 1
    expect(vpins).toEqual([null, 0.5, 0.5, 1]);
  });

  test('with no bucket being filled it applies at once', () => {
    const buckets = new VolumeBuckets(100, 2, () => undefined);
    expect(buckets.resize(400)).toBe(true);
    expect(buckets.bucketVolume).toBe(400);
    expect(() => buckets.resize(Number.NaN)).toThrow(/positive number of shares/);
  });

  test('the service says when a symbol measures with the new size, and where it came from', async () => {
    const bus = createEngineBus();
    const service = new VpinService({ bus, symbols: [{ symbol: 'SPY', bucketVolume: 100 }], vpin: { ...DEFAULT_VPIN_OPTIONS, buckets: 1, classification: 'trade' }, regularHoursOnly: false });
    const resized: VpinBucketSize[] = [];
    bus.subscribe('vpinBucketResized', (size) => resized.push(size));
    await service.start();
    const print = (size: number, ts: number): Trade => ({ symbol: 'SPY', price: 10.1, size, ts, receivedAt: ts, totalVolume: 0, vwap: 10.1, aggressor: 'unknown' });
    bus.publish('quoteChanged', { symbol: 'SPY', ...QUOTE, bidSize: 1, askSize: 1, last: null, lastSize: null, volume: null, close: null, halted: false, ts: 0 });
    bus.publish('tradePrinted', print(60, 1));
    const discovered: VpinBucketSize = { symbol: 'SPY', bucketVolume: 400, source: 'discovered', asOf: 1_000 };
    service.resizeBuckets(discovered);
    expect(resized).toEqual([]);
    expect(service.bucketSize('SPY')).toMatchObject({ bucketVolume: 100, source: 'configured' });
    bus.publish('tradePrinted', print(40, 2)); // closes the 100-share bucket
    expect(resized).toEqual([discovered]);
    expect(service.bucketSize('SPY')).toEqual(discovered);
    expect(service.bucketState('SPY')!.bucketVolume).toBe(400);
    await service.stop();
  });
});

import { describe, expect, test } from 'vitest';
import { unusualVolume } from '../../../core/analytics/unusualVolume';

const bars = (n: number, volume: number, count: number) => Array.from({ length: n }, () => ({ volume, count }));

describe('unusual volume', () => {
  test('gives no reading before the baseline has formed', () => {
    expect(unusualVolume(bars(30, 1000, 10))).toBeNull();
  });

  test('flags five times the usual prints and shares, with the baseline as evidence', () => {
    const reading = unusualVolume([...bars(120, 1000, 10), ...bars(6, 5000, 50)]);
    expect(reading).toMatchObject({ unusual: true, volumeRatio: 5, tradeRatio: 5, baselineMedianVolume: 1000, baselineMedianTrades: 10, recentVolume: 30_000 });
  });

  test('usual trading is not flagged', () => {
    expect(unusualVolume([...bars(120, 1000, 10), ...bars(6, 1400, 13)])?.unusual).toBe(false);
  });

  test('a few huge prints raise shares but not prints, and are not an episode', () => {
    expect(unusualVolume([...bars(120, 1000, 10), ...bars(6, 8000, 12)])?.unusual).toBe(false);
  });

  test('one-sided round lots that double the prints are not an episode', () => {
    expect(unusualVolume([...bars(120, 1000, 10), ...bars(6, 3500, 25)])?.unusual).toBe(false);
  });

  test('a running episode ends only when prints fall below the exit ratio', () => {
    const history = [...bars(120, 1000, 10), ...bars(6, 3000, 30)];
    expect(unusualVolume(history, false)?.unusual).toBe(false);
    expect(unusualVolume(history, true)?.unusual).toBe(true);
    expect(unusualVolume([...bars(120, 1000, 10), ...bars(6, 1500, 15)], true)?.unusual).toBe(false);
  });

  test('the median baseline is not moved by an earlier burst', () => {
    const reading = unusualVolume([...bars(100, 1000, 10), ...bars(20, 50_000, 100), ...bars(6, 5000, 50)]);
    expect(reading?.baselineMedianVolume).toBe(1000);
    expect(reading?.unusual).toBe(true);
  });
});

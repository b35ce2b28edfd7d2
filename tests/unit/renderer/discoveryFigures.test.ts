import { describe, expect, it } from 'vitest';
import type { PairCorrelation, TradeSizeClusters } from '../../../core/contract/contract';
import { correlationColour, heatmapRows, heatmapSymbols, pairsProvenance } from '../../../renderer/src/panels/discovery/correlationFigures';
import { describeChange, describeProvenance, describeRefusal, formatDurationMs } from '../../../renderer/src/panels/discovery/discoveryFormat';
import { clusterOfBin, logTickLabel, sizeBars, sizeMarks, withinHistogram } from '../../../renderer/src/panels/discovery/tradeSizeFigures';

// 2026-12-07 10:15:07 in New York (EST, UTC−5).
const AT_10_15_07 = Date.UTC(2026, 11, 7, 15, 15, 7);
const provenance = (computedAt: number) => ({ window: { from: computedAt - 2 * 3_600_000, to: computedAt }, sampleSize: 12_345, computedAt });

describe('Discovery screen: what changed', () => {
  it('writes a number that moved as before → after with the change and its percentage', () => {
    expect(describeChange({ symbol: 'SPY', parameter: 'VPIN bucket', before: 428, after: 500 })).toEqual({ what: 'SPY VPIN bucket', text: '428 → 500', delta: '+72 (+16.8%)' });
    expect(describeChange({ symbol: 'SPY', parameter: 'lookback', before: 30, after: 24 })).toEqual({ what: 'SPY lookback', text: '30 → 24', delta: '−6 (−20.0%)' });
  });

  it('writes a regime or a first value without a numeric change, and a value across symbols without a symbol', () => {
    expect(describeChange({ symbol: 'QQQ', parameter: 'regime', before: 'NORMAL', after: 'HIGH' })).toEqual({ what: 'QQQ regime', text: 'NORMAL → HIGH', delta: null });
    expect(describeChange({ symbol: null, parameter: 'correlation SPY/QQQ', before: null, after: 0.8312 })).toEqual({ what: 'correlation SPY/QQQ', text: '— → 0.831', delta: null });
    expect(describeChange({ symbol: null, parameter: 'correlation SPY/QQQ', before: 0.8, after: 0.75 }).delta).toBe('−0.05 (−6.3%)');
  });
});

describe('Discovery screen: refusals and provenance', () => {
  const refusal = { ok: false as const, reason: 'trade-size clustering needs at least 500 trades with a positive size (got 120)', needed: 500, got: 120 };

  it('says a refused method kept the previous run’s value, from when, and why', () => {
    expect(describeRefusal(refusal, provenance(AT_10_15_07))).toBe('kept previous value from 10:15:07 — trade-size clustering needs at least 500 trades with a positive size (got 120)');
  });

  it('says there is no value yet when a method has never had one', () => {
    expect(describeRefusal(refusal, null)).toBe('no value yet — trade-size clustering needs at least 500 trades with a positive size (got 120)');
  });

  it('gives each value its window, sample size and time', () => {
    expect(describeProvenance(provenance(AT_10_15_07), 'trades')).toBe('window 08:15:07–10:15:07 · 12,345 trades · computed 10:15:07');
  });

  it('writes run durations and quote lives at a readable scale', () => {
    expect(formatDurationMs(850)).toBe('850 ms');
    expect(formatDurationMs(4_230)).toBe('4.2 s');
    expect(formatDurationMs(186_000)).toBe('3.1 min');
  });
});

/** Bins of four per decade from 1 share, as core/discovery/tradeSizeHistogram makes them. */
const bins = (counts: number[]) => counts.map((count, i) => ({ low: 10 ** (i / 4), high: 10 ** ((i + 1) / 4), count }));

const clusters = (): TradeSizeClusters => ({
  ok: true,
  ...provenance(AT_10_15_07),
  clusters: [
    { centre: 4, low: 1, high: 9, count: 900, volumeShare: 0.05 },
    { centre: 107, low: 60, high: 180, count: 400, volumeShare: 0.35 },
    { centre: 428, low: 400, high: 400, count: 200, volumeShare: 0.6 },
  ],
  bicByK: { 2: 10, 3: 5 },
  chosenCluster: 2,
  bucketVolume: 428,
  paperBucketVolume: 1_250,
  clusteredSample: 1_500,
  histogram: bins([100, 200, 300, 200, 100, 0, 0, 50, 200, 150, 0, 200]),
});

describe('Discovery screen: the trade-size histogram on a log axis', () => {
  it('places each bin at the log10 of its geometric middle and gives it the cluster covering most of it, if any reaches it', () => {
    const bars = sizeBars(clusters());
    expect(bars).toHaveLength(12);
    expect(bars[0]!.x).toBeCloseTo(0.125, 9);
    expect(bars[8]!.x).toBeCloseTo(2.125, 9); // 100–178 shares
    // Bin 9 (178–316 shares) reaches 178–180 of cluster 1 and nothing of another: cluster 1's.
    expect(bars.map((bar) => bar.cluster)).toEqual([0, 0, 0, 0, null, null, null, 1, 1, 1, 2, null]);
  });

  it('gives a one-size cluster the bin that holds its size', () => {
    // 400 shares lies in the bin 10^2.5 (316) to 10^2.75 (562).
    expect(clusterOfBin({ low: 10 ** 2.5, high: 10 ** 2.75, count: 200 }, clusters().clusters)).toBe(2);
    expect(clusterOfBin({ low: 10 ** 2.75, high: 10 ** 3, count: 0 }, clusters().clusters)).toBeNull();
  });

  it('marks each cluster’s edges, the chosen bucket and the paper’s ADV/50 default', () => {
    const marks = sizeMarks(clusters());
    expect(marks.filter((m) => m.kind === 'boundary').map((m) => Number((10 ** m.x).toFixed(6)))).toEqual([1, 9, 60, 180, 400]);
    expect(marks.find((m) => m.kind === 'bucket')).toMatchObject({ label: 'bucket 428' });
    expect(10 ** marks.find((m) => m.kind === 'bucket')!.x).toBeCloseTo(428, 6);
    expect(marks.find((m) => m.kind === 'paper')).toMatchObject({ label: 'ADV/50 1.3K' });
    expect(sizeMarks({ ...clusters(), paperBucketVolume: null }).some((m) => m.kind === 'paper')).toBe(false);
  });

  it('knows when the paper’s bucket lies outside the traded sizes, so the screen says it is not drawn', () => {
    // The histogram spans 1 to 10^3 shares.
    expect(withinHistogram(clusters(), 1_250)).toBe(false);
    expect(withinHistogram(clusters(), 428)).toBe(true);
    expect(withinHistogram({ ...clusters(), histogram: [] }, 428)).toBe(false);
  });

  it('labels the axis at whole powers of ten only', () => {
    expect([0, 0.25, 1, 2, 3, 4].map(logTickLabel)).toEqual(['1', '', '10', '100', '1K', '10K']);
  });
});

const pair = (a: string, b: string, correlation: number | null, sampleSize = 1_400, computedAt = AT_10_15_07): PairCorrelation => ({
  a,
  b,
  correlation,
  reason: correlation === null ? `${sampleSize} aligned returns; a correlation needs at least 30` : null,
  ...provenance(computedAt),
  sampleSize,
});

describe('Discovery screen: the correlation heatmap', () => {
  const pairs = [pair('SPY', 'QQQ', 0.83), pair('IWM', 'SPY', -0.2), pair('QQQ', 'IWM', null, 12)];

  it('fills the matrix symmetrically whichever way round a pair was stored, with the diagonal empty', () => {
    const symbols = heatmapSymbols(['SPY', 'QQQ', 'IWM'], pairs);
    const rows = heatmapRows(symbols, pairs);
    const at = (row: number, column: number) => rows[row]![column]!.pair?.correlation;
    expect(symbols).toEqual(['SPY', 'QQQ', 'IWM']);
    expect([at(0, 1), at(1, 0)]).toEqual([0.83, 0.83]);
    expect([at(0, 2), at(2, 0)]).toEqual([-0.2, -0.2]);
    expect(rows[1]![2]!.pair?.reason).toBe('12 aligned returns; a correlation needs at least 30');
    expect(rows[0]![0]!.pair).toBeNull();
  });

  it('adds a symbol found only in the pairs after the run’s symbols', () => {
    expect(heatmapSymbols(['SPY'], [pair('SPY', 'TLT', 0.1), pair('SPY', 'GLD', 0.2)])).toEqual(['SPY', 'GLD', 'TLT']);
  });

  it('colours positive blue and negative red, more opaque with strength, and leaves a missing estimate uncoloured', () => {
    expect(correlationColour(1)).toBe('rgba(78, 161, 255, 0.80)');
    expect(correlationColour(-0.5)).toBe('rgba(255, 77, 79, 0.44)');
    expect(correlationColour(null)).toBe('transparent');
  });

  it('states the pairs’ window, their fewest aligned returns and the latest time', () => {
    const later = AT_10_15_07 + 1_000;
    expect(pairsProvenance([pair('SPY', 'QQQ', 0.8, 1_400), pair('SPY', 'IWM', 0.5, 900, later)])).toEqual({
      window: { from: AT_10_15_07 - 7_200_000, to: later },
      sampleSize: 900,
      computedAt: later,
    });
    expect(pairsProvenance([])).toBeNull();
  });
});

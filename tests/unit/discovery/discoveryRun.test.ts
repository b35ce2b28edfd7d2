import { describe, expect, it } from 'vitest';
import { discoverCorrelations, discoverSymbol, type DiscoveryFindings, type SymbolFindings } from '../../../core/discovery/discoveryFindings';
import { assembleRun, runSummary, type RunStamp } from '../../../core/discovery/discoveryRun';
import { nonFinitePath } from '../../../core/discovery/keptValues';
import { CORRELATION_CHANGE } from '../../../core/discovery/runChanges';
import type { DiscoveryRefusal, MarketMakerProfiles, PairCorrelation, TradeSizeClusters, VolatilityRegime } from '../../../core/market/discoveryReading';
import { commonFactor, syntheticHistory } from '../../support/syntheticHistory';

const END = Date.UTC(2026, 11, 7, 16, 0);
const BARS = 1_440;

/** Real findings of two correlated symbols on two hours of synthetic history (SPY with its Level 2 book set aside). */
function realFindings(): DiscoveryFindings {
  const factor = commonFactor(BARS);
  const histories = ['SPY', 'QQQ'].map((symbol, i) => syntheticHistory({ symbol, end: END, bars: BARS, trades: 6_000, factor, loading: 0.8, seed: i + 1 }));
  return {
    symbols: histories.map((h) => discoverSymbol(h, { symbol: h.symbol, level2: false, averageDailyVolume: 60_000_000 }, END)),
    correlations: discoverCorrelations(histories, { from: END - BARS * 5_000, to: END }, END),
  };
}

const stamp = (id: number): RunStamp => ({ id, trigger: 'schedule', requestedBy: null, reason: null, startedAt: END + id, finishedAt: END + id + 40, windowMinutes: 120 });
const refusal = (reason: string): DiscoveryRefusal => ({ ok: false, reason, needed: 500, got: 12 });

function withSymbol(findings: DiscoveryFindings, symbol: string, change: (s: SymbolFindings) => SymbolFindings): DiscoveryFindings {
  return { ...findings, symbols: findings.symbols.map((s) => (s.symbol === symbol ? change(s) : s)) };
}

function ok<T extends { ok: boolean }>(value: T | DiscoveryRefusal): T {
  if (!value.ok) throw new Error(`expected a value: ${(value as DiscoveryRefusal).reason}`);
  return value as T;
}

describe('a discovery run from its findings', () => {
  const found = realFindings();
  const first = assembleRun(stamp(1), found, null);

  it('takes every value this run could justify, with its window, sample size and time, and lists no change for a first run', () => {
    const spy = first.symbols.find((s) => s.symbol === 'SPY')!;
    expect(spy.tradeSizes.refusal).toBeNull();
    expect(spy.tradeSizes.value!.sampleSize).toBe(6_000);
    expect(spy.tradeSizes.value!.computedAt).toBe(END);
    expect(spy.volatility.value!.window.to).toBe(END - 5_000);
    expect(first.correlations.value![0]!.correlation).toBeGreaterThan(0.5);
    expect(first.changes).toEqual([]);
    expect(nonFinitePath(first)).toBeNull();
  });

  it('keeps the previous value of a method that refuses, and says why', () => {
    const short = withSymbol(found, 'SPY', (s) => ({ ...s, tradeSizes: refusal('trade-size clustering needs at least 500 trades with a positive size (got 12)') }));
    const second = assembleRun(stamp(2), short, first);
    const spy = second.symbols.find((s) => s.symbol === 'SPY')!;
    expect(spy.tradeSizes.value).toEqual(first.symbols[0]!.tradeSizes.value);
    expect(spy.tradeSizes.refusal).toEqual({ ok: false, reason: 'trade-size clustering needs at least 500 trades with a positive size (got 12)', needed: 500, got: 12 });
    expect(runSummary(second).refusals).toBe(1);
    expect(second.changes.filter((c) => c.symbol === 'SPY' && c.parameter === 'VPIN bucket')).toEqual([]);
  });

  it('refuses a value holding NaN or Infinity, so none is ever stored, and keeps the previous one', () => {
    const volatility = ok<VolatilityRegime>(found.symbols[0]!.volatility);
    const broken = withSymbol(found, 'SPY', (s) => ({ ...s, volatility: { ...volatility, thresholds: { ...volatility.thresholds, high: Number.NaN } } }));
    const second = assembleRun(stamp(2), broken, first);
    const spy = second.symbols.find((s) => s.symbol === 'SPY')!;
    expect(spy.volatility.value).toEqual(first.symbols[0]!.volatility.value);
    expect(spy.volatility.refusal!.reason).toContain('thresholds.high');
    expect(nonFinitePath(second)).toBeNull();
  });

  it('a method with no earlier value to keep stores null with the reason', () => {
    const run = assembleRun(stamp(1), withSymbol(found, 'QQQ', (s) => ({ ...s, returnStructure: refusal('12 observations; the ACF up to lag 60 needs at least 240') })), null);
    expect(run.symbols[1]!.returnStructure).toEqual({ value: null, refusal: refusal('12 observations; the ACF up to lag 60 needs at least 240') });
  });

  it('a pair that cannot be estimated this run keeps its previous estimate', () => {
    const pairs = found.correlations as PairCorrelation[];
    const unestimable = pairs.map((p) => ({ ...p, correlation: null, reason: '40 aligned returns; a correlation needs at least 120', sampleSize: 40 }));
    const second = assembleRun(stamp(2), { ...found, correlations: [...unestimable, { ...pairs[0]!, a: 'SPY', b: 'IWM' }] }, first);
    expect(second.correlations.value![0]).toEqual(first.correlations.value![0]);
    expect(second.correlations.refusal).toBeNull();
  });

  it('lists what moved: bucket, clusters, lookback, regime, volatility beyond 10%, correlations beyond 0.05, top-of-book shares', () => {
    const spyFound = found.symbols[0]!;
    const sizes = ok<TradeSizeClusters>(spyFound.tradeSizes);
    const vol = ok<VolatilityRegime>(spyFound.volatility);
    const makers = (share: number): MarketMakerProfiles => ({
      ok: true, window: { from: END - 60_000, to: END }, sampleSize: 60, computedAt: END,
      profiles: [{ exchange: 'ARCA', marketMaker: 'MM1', topOfBookShare: share, presenceShare: 1, averageSize: 300, averageQuoteLifeMs: 900, roundLotShare: 1, rows: 120 }],
    });
    const before = assembleRun(stamp(1), withSymbol(found, 'SPY', (s) => ({ ...s, marketMakers: makers(0.8) })), null);
    const pairs = found.correlations as PairCorrelation[];
    const moved = withSymbol({ ...found, correlations: pairs.map((p) => ({ ...p, correlation: p.correlation! - 2 * CORRELATION_CHANGE })) }, 'SPY', (s) => ({
      ...s,
      tradeSizes: { ...sizes, bucketVolume: sizes.bucketVolume + 100, clusters: sizes.clusters.slice(1) },
      volatility: { ...vol, regime: vol.regime === 'HIGH' ? 'LOW' : 'HIGH', volatility: vol.volatility * 1.5 },
      marketMakers: makers(0.6),
    }));
    const after = assembleRun(stamp(2), moved, before);
    const spy = (parameter: string) => after.changes.find((c) => c.symbol === 'SPY' && c.parameter === parameter);
    expect(spy('VPIN bucket')).toEqual({ symbol: 'SPY', parameter: 'VPIN bucket', before: sizes.bucketVolume, after: sizes.bucketVolume + 100 });
    expect(spy('trade-size clusters')).toMatchObject({ before: sizes.clusters.length, after: sizes.clusters.length - 1 });
    expect(spy('regime')).toMatchObject({ before: vol.regime });
    expect(spy('volatility')).toMatchObject({ after: Math.round(vol.volatility * 1.5 * 1e4) / 1e4 });
    expect(spy('top-of-book share ARCA MM1')).toEqual({ symbol: 'SPY', parameter: 'top-of-book share ARCA MM1', before: 0.8, after: 0.6 });
    expect(after.changes.find((c) => c.parameter === 'correlation SPY/QQQ')).toMatchObject({ symbol: null });
    expect(after.changes.filter((c) => c.symbol === 'QQQ')).toEqual([]);
  });

  it('small moves are not changes: volatility within 10%, a correlation within 0.05', () => {
    const vol = ok<VolatilityRegime>(found.symbols[0]!.volatility);
    const pairs = found.correlations as PairCorrelation[];
    const nudged = withSymbol({ ...found, correlations: pairs.map((p) => ({ ...p, correlation: p.correlation! + 0.04 })) }, 'SPY', (s) => ({ ...s, volatility: { ...vol, volatility: vol.volatility * 1.05 } }));
    expect(assembleRun(stamp(2), nudged, first).changes).toEqual([]);
  });

  it('a standard symbol’s market makers do not apply and are not counted as a refusal', () => {
    expect(first.symbols[0]!.marketMakers.refusal!.reason).toContain('standard (top-of-book) symbol');
    expect(runSummary(first).refusals).toBe(0);
  });
});

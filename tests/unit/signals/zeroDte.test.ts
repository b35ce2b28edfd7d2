import { describe, expect, it } from 'vitest';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { SweepEvent } from '../../../core/market/sweep';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import { zeroDte, type ZeroDteSettings } from '../../../core/signals/zeroDte';
import { NOW, emptySnapshot, optionQuote, trendingBars } from './snapshotFixture';

/** 30 bars of noise (±0.02%) and then 30 bars rising 0.05% each: a 1.5% move, about 8σ of the bars' own noise. */
const risingBars = () => trendingBars(0.0005);
const call = (strike: number, delta: number, bid: number, ask: number) => optionQuote('2026-12-07', 'call', strike, delta, bid, ask);

const settings: ZeroDteSettings = {
  fromMinute: 9 * 60 + 45, toMinute: 15 * 60 + 30, lookbackBars: 30, momentumZ: 2, vpinCdf: 0.9, sweepWithinMs: 120_000,
  minConfirmations: 2, maxInputAgeMs: 180_000, targetDelta: 0.3, maxRelativeSpread: 0.2, stopFraction: 0.5, targetMultiple: 2,
  maxLossPerTrade: 500, maxContracts: 20,
};

function snapshot(overrides: Partial<StrategySnapshot> = {}): StrategySnapshot {
  const gex = { spot: 609, totals: { gex: -2.5e9 }, flip: { level: 612, low: 490, high: 730 }, computedAt: NOW - 30_000, chainAsOf: NOW - 40_000 } as unknown as GammaExposureUpdate;
  const sweep = { symbol: 'SPY', direction: 'buy', detectedAt: NOW - 20_000, shares: 12_000, levels: 4, exchanges: ['ARCA', 'NSDQ'], fromPrice: 608.9, toPrice: 609.05 } as SweepEvent;
  return emptySnapshot({
    bars: risingBars(),
    gex, vpin: { symbol: 'SPY', vpin: 0.41, bucket: 80, time: NOW - 10_000, cdf: 0.95, toxic: true, alert: true },
    sweeps: [sweep],
    chain: { symbol: 'SPY', asOf: NOW - 40_000, quoteDate: '2026-12-07', skipped: 0, contracts: [call(610, 0.45, 1.9, 2.0), call(612, 0.31, 1.15, 1.25), call(615, 0.18, 0.5, 0.55)] },
    ...overrides,
  });
}

describe('the 0DTE strategy', () => {
  it('proposes today’s 30-delta call on a confirmed up-move with dealers short gamma, toxic flow and a buy sweep', () => {
    const verdict = zeroDte.evaluate(snapshot(), settings);
    expect(verdict.kind).toBe('propose');
    if (verdict.kind !== 'propose') return;
    const { order, reasons, confidence } = verdict.draft;
    expect(order.instrument).toEqual({ kind: 'option', symbol: 'SPY', expiry: '2026-12-07', strike: 612, right: 'call' });
    // Entry at mid 1.20, stop at half (0.60): $60 a contract → floor(500 / 60) = 8 contracts; target 2.40.
    expect(order).toMatchObject({ side: 'buy', limitPrice: 1.2, stopPrice: 0.6, exit: { kind: 'target', targetPrice: 2.4 }, quantity: 8 });
    expect(reasons.map((r) => r.fact)).toEqual(['momentum', 'dealers short gamma', 'VPIN CDF', 'buy sweep', 'contract']);
    expect(reasons.every((r) => typeof r.asOf === 'number' && r.detail.length > 0)).toBe(true);
    expect(confidence).toBe(1);
  });

  it('stays quiet on a near miss: the same move with only one confirmation', () => {
    const gexPositive = { ...snapshot().gex!, totals: { ...snapshot().gex!.totals, gex: 1e9 } };
    const verdict = zeroDte.evaluate(snapshot({ gex: gexPositive, sweeps: [] }), settings);
    expect(verdict).toEqual({ kind: 'quiet', why: '1 of 3 confirmations (needs 2)' });
  });

  it('does not count stale inputs: a VPIN reading older than the age limit confirms nothing', () => {
    const stale = { ...snapshot().vpin!, time: NOW - 600_000 };
    expect(zeroDte.evaluate(snapshot({ vpin: stale, sweeps: [] }), settings)).toEqual({ kind: 'quiet', why: '1 of 3 confirmations (needs 2)' });
  });

  it('stays quiet outside its window, with a position already on, and on a flat tape', () => {
    expect(zeroDte.evaluate(snapshot({ marketMinute: 15 * 60 + 45 }), settings)).toEqual({ kind: 'quiet', why: 'outside the time window' });
    expect(zeroDte.evaluate(snapshot({ positionQuantity: 3 }), settings).kind).toBe('quiet');
    expect(zeroDte.evaluate(snapshot({ workingOrders: 1 }), settings)).toEqual({ kind: 'quiet', why: 'an order for SPY is working' });
    const flat = risingBars().map((b, i) => ({ ...b, close: 600 * Math.exp(i % 2 ? 0.0002 : -0.0002) }));
    expect(zeroDte.evaluate(snapshot({ bars: flat }), settings)).toMatchObject({ kind: 'quiet', why: expect.stringContaining('is below 2σ') });
  });
});

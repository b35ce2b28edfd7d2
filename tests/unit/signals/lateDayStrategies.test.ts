import { describe, expect, it } from 'vitest';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { OptionsFlowReading } from '../../../core/market/optionsFlow';
import type { Quote } from '../../../core/market/quote';
import type { SweepEvent } from '../../../core/market/sweep';
import { mocImbalance, type MocImbalanceSettings } from '../../../core/signals/mocImbalance';
import { oneDte, type OneDteSettings } from '../../../core/signals/oneDte';
import { NOW, emptySnapshot, optionQuote, trendingBars } from './snapshotFixture';

const LATE = NOW + 4 * 3_600_000 + 45 * 60_000; // 15:45 New York
const quote = (last: number, close: number, bid = last - 0.01, ask = last + 0.01): Quote => ({ symbol: 'SPY', bid, ask, bidSize: 500, askSize: 300, last, lastSize: 100, volume: 1e6, close, halted: false, ts: LATE - 1_000 } as Quote);

describe('the 1DTE strategy', () => {
  const settings: OneDteSettings = {
    fromMinute: 15 * 60, toMinute: 15 * 60 + 50, dayMovePercent: 0.5, callLeanRatio: 0.7, imbalance: 0.2, minConfirmations: 2, maxInputAgeMs: 180_000,
    targetDelta: 0.4, maxDays: 3, maxRelativeSpread: 0.2, stopFraction: 0.4, targetMultiple: 1.8, maxLossPerTrade: 400, maxContracts: 10,
  };
  const flow = { asOf: LATE - 30_000, putCall: { all: { premiumRatio: 0.55 } } } as unknown as OptionsFlowReading;
  const gex = { spot: 606, callWall: 610, putWall: 595, computedAt: LATE - 30_000, chainAsOf: LATE - 40_000 } as unknown as GammaExposureUpdate;
  const chain = {
    symbol: 'SPY', asOf: LATE - 40_000, quoteDate: '2026-12-07', skipped: 0,
    contracts: [optionQuote('2026-12-07', 'call', 607, 0.4, 0.9, 1.0), optionQuote('2026-12-08', 'call', 607, 0.41, 2.45, 2.55), optionQuote('2026-12-08', 'call', 610, 0.25, 1.2, 1.3)],
  };
  const base = emptySnapshot({ now: LATE, marketMinute: 15 * 60 + 45, quote: quote(606, 600), flow, gex, imbalance: 0.35, chain });

  it('buys the next session’s 40-delta call after a 1% up day with call premium, bids and room to the call wall behind it', () => {
    const verdict = oneDte.evaluate(base, settings);
    expect(verdict.kind).toBe('propose');
    if (verdict.kind !== 'propose') return;
    // Tomorrow's 607 call at mid 2.50; stop 40% lower (1.50): $100 a contract → 4 contracts.
    expect(verdict.draft.order).toMatchObject({ instrument: { expiry: '2026-12-08', strike: 607, right: 'call' }, limitPrice: 2.5, stopPrice: 1.5, quantity: 4, exit: { targetPrice: 4.5 } });
    expect(verdict.draft.reasons.map((r) => r.fact)).toEqual(['day move', 'premium put/call', 'book imbalance', 'call wall above', 'contract']);
  });

  it('stays quiet on a near miss: a 0.4% day and outside its window', () => {
    expect(oneDte.evaluate({ ...base, quote: quote(602.4, 600) }, settings)).toEqual({ kind: 'quiet', why: 'day move 0.40% is under 0.5%' });
    expect(oneDte.evaluate({ ...base, marketMinute: 15 * 60 + 55 }, settings)).toEqual({ kind: 'quiet', why: 'outside the time window' });
  });

  it('stays quiet when the flow and the book do not lean with the move', () => {
    const puts = { ...flow, putCall: { all: { premiumRatio: 1.2 } } } as unknown as OptionsFlowReading;
    expect(oneDte.evaluate({ ...base, flow: puts, imbalance: -0.1 }, settings)).toEqual({ kind: 'quiet', why: '1 of 3 confirmations (needs 2)' });
  });
});

describe('the MOC imbalance strategy', () => {
  const settings: MocImbalanceSettings = {
    fromMinute: 15 * 60 + 40, toMinute: 15 * 60 + 50, imbalance: 0.3, lookbackBars: 30, momentumZ: 1.5, sweepWithinMs: 300_000,
    minConfirmations: 1, stopSigmas: 2, maxLossPerTrade: 1_000, maxShares: 5_000,
  };
  const bars = trendingBars(0.0003, LATE);
  const base = emptySnapshot({ now: LATE, marketMinute: 15 * 60 + 45, quote: quote(605.5, 600, 605.49, 605.51), imbalance: 0.45, bars });

  it('buys at the ask into a bid-heavy close, with a stop from the noise left to the close and an MOC exit', () => {
    const verdict = mocImbalance.evaluate(base, settings);
    expect(verdict.kind).toBe('propose');
    if (verdict.kind !== 'propose') return;
    const { order, reasons } = verdict.draft;
    expect(order).toMatchObject({ instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', limitPrice: 605.51, exit: { kind: 'close', order: 'MOC' } });
    // 15 minutes = 180 bars to the close; the stop is 2σ√180 of price below the entry, and the size fits $1,000 to it.
    const distance = 605.51 - order.stopPrice;
    expect(distance).toBeGreaterThan(0);
    expect(order.quantity).toBe(Math.min(5_000, Math.floor(1_000 / distance + 1e-9)));
    expect(reasons.map((r) => r.fact)).toEqual(['book imbalance', 'momentum', 'stop distance']);
  });

  it('sells into an offer-heavy close confirmed by a sell sweep', () => {
    const sweep = { symbol: 'SPY', direction: 'sell', detectedAt: LATE - 60_000, shares: 20_000, levels: 3, exchanges: ['ARCA'] } as unknown as SweepEvent;
    const verdict = mocImbalance.evaluate({ ...base, imbalance: -0.5, sweeps: [sweep] }, settings);
    expect(verdict).toMatchObject({ kind: 'propose', draft: { order: { side: 'sell', limitPrice: 605.49 } } });
  });

  it('stays quiet on a near miss: imbalance 0.25 inside ±0.3, and an imbalance the tape does not confirm', () => {
    expect(mocImbalance.evaluate({ ...base, imbalance: 0.25 }, settings)).toEqual({ kind: 'quiet', why: 'book imbalance 0.25 is inside ±0.3' });
    expect(mocImbalance.evaluate({ ...base, imbalance: -0.45 }, settings)).toEqual({ kind: 'quiet', why: '0 of 2 confirmations (needs 1)' });
  });
});

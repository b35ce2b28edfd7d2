import { describe, expect, it } from 'vitest';
import { assembleMorningInputs, overnightGap } from '../../../core/app/morning/morningInputs';
import { emptySnapshot } from '../signals/snapshotFixture';
import { gex, NOW, position, quote, spySnapshot } from './morningFixture';

describe('assembling the morning analysis inputs', () => {
  it('measures the overnight gap from the prior close to the pre-market mid', () => {
    const gap = overnightGap(quote({ bid: 601.15, ask: 601.25, last: 601.1, close: 598.5 }))!;
    expect(gap.price).toBeCloseTo(601.2, 10);
    expect(gap.change).toBeCloseTo(2.7, 10);
    expect(gap.percent).toBeCloseTo((2.7 / 598.5) * 100, 10);
  });

  it('uses the last trade when the quote is one-sided, and has no gap without a prior close or a price', () => {
    expect(overnightGap(quote({ bid: null, ask: 99, last: 95, close: 100 }))!.percent).toBeCloseTo(-5, 10);
    expect(overnightGap(quote({ bid: 1, ask: 2, close: null }))).toBeNull();
    expect(overnightGap(quote({ close: 100 }))).toBeNull();
    expect(overnightGap(null)).toBeNull();
  });

  it('takes each symbol\'s GEX walls and flip, VPIN, regime, sentiment and technicals, and the open positions', () => {
    const inputs = assembleMorningInputs({ tradingDay: '2026-12-07', now: NOW, snapshots: [spySnapshot()], positions: [position(), position({ quantity: 0 })] });
    expect(inputs.tradingDay).toBe('2026-12-07');
    const [spy] = inputs.symbols;
    expect(spy!.gex).toMatchObject({ flip: 597.35, callWall: 610, putWall: 590, totalGex: 1.25e9, flipNote: null });
    expect(spy!.vpin).toEqual({ vpin: 0.4123, cdf: 0.93, toxic: true, asOf: NOW - 5_000 });
    expect(spy!.regime).toMatchObject({ regime: 'HIGH', volatility: 0.3214 });
    expect(spy!.sentiment).toMatchObject({ label: 'Somewhat-Bullish', articles: 14 });
    expect(spy!.technicals).toEqual([{ indicator: 'rsi', values: { RSI: 71.4 }, signal: 'overbought', asOf: NOW - 86_400_000 }]);
    expect(inputs.positions).toEqual([{ instrument: 'SPY 2026-12-18 600 C', symbol: 'SPY', quantity: 5, avgCost: 4.2, marketPrice: 5.1, unrealizedPnl: 450 }]);
  });

  it('says why there is no flip, and leaves what is missing null', () => {
    const noFlip = assembleMorningInputs({ tradingDay: '2026-12-07', now: NOW, snapshots: [emptySnapshot({ gex: gex({ flip: { level: null, reason: 'positive-across-grid', low: 1, high: 2 } }) })], positions: [] });
    expect(noFlip.symbols[0]!.gex).toMatchObject({ flip: null, flipNote: 'GEX stays positive across the searched range' });
    expect(noFlip.symbols[0]).toMatchObject({ gap: null, vpin: null, regime: null, sentiment: null, technicals: [] });
  });
});

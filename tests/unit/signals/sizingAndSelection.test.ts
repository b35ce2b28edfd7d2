import { describe, expect, it } from 'vitest';
import type { OptionContractQuote } from '../../../core/market/optionChain';
import { calendarDays, pickOption } from '../../../core/signals/optionSelection';
import { sizeByRisk } from '../../../core/signals/positionSizing';

const option = { kind: 'option', symbol: 'SPY', expiry: '2026-12-07', strike: 600, right: 'call' } as const;

describe('risk-based sizing', () => {
  it('sizes options as contracts of 100 shares: $500 at risk over a $0.80 stop distance is 6 contracts', () => {
    // 500 / (0.80 × 100) = 6.25 → 6 contracts, risking $480.
    expect(sizeByRisk({ instrument: option, entryPrice: 1.6, stopPrice: 0.8, maxLossPerTrade: 500, maxQuantity: 50 })).toEqual({ ok: true, quantity: 6, riskPerUnit: 80, risk: 480 });
  });

  it('sizes stock in shares: $300 over a $0.25 stop is 1,200 shares, capped by the strategy maximum', () => {
    const stock = { kind: 'stock', symbol: 'SPY' } as const;
    expect(sizeByRisk({ instrument: stock, entryPrice: 600, stopPrice: 599.75, maxLossPerTrade: 300, maxQuantity: 5_000 })).toMatchObject({ ok: true, quantity: 1200 });
    expect(sizeByRisk({ instrument: stock, entryPrice: 600, stopPrice: 599.75, maxLossPerTrade: 300, maxQuantity: 500 })).toMatchObject({ ok: true, quantity: 500 });
  });

  it('refuses when not one unit fits the budget, and says by how much', () => {
    const sizing = sizeByRisk({ instrument: option, entryPrice: 12, stopPrice: 6, maxLossPerTrade: 500, maxQuantity: 10 });
    expect(sizing).toEqual({ ok: false, reason: expect.stringContaining('$600.00 to the stop, more than the $500.00 budget') });
  });

  it('refuses a stop at the entry and non-finite inputs instead of dividing by zero', () => {
    expect(sizeByRisk({ instrument: option, entryPrice: 2, stopPrice: 2, maxLossPerTrade: 500, maxQuantity: 10 }).ok).toBe(false);
    expect(sizeByRisk({ instrument: option, entryPrice: Number.NaN, stopPrice: 1, maxLossPerTrade: 500, maxQuantity: 10 }).ok).toBe(false);
  });
});

function quote(expiry: string, strike: number, type: 'call' | 'put', delta: number, bid: number, ask: number): OptionContractQuote {
  return { contractId: `SPY${expiry}${type[0]}${strike}`, expiry, strike, type, bid, ask, bidSize: 10, askSize: 10, last: 0, mark: (bid + ask) / 2, volume: 0, openInterest: 100, iv: 0.2, delta, gamma: 0.01, theta: -0.1, vega: 0.1, rho: 0 };
}

describe('choosing the option to trade', () => {
  const chain = [
    quote('2026-12-07', 600, 'call', 0.52, 1.9, 2.0),
    quote('2026-12-07', 602, 'call', 0.36, 0.95, 1.05),
    quote('2026-12-07', 603, 'call', 0.3, 0.6, 1.2), // nearest 0.30 but 67% wide
    quote('2026-12-07', 604, 'call', 0.22, 0.4, 0.45),
    quote('2026-12-08', 603, 'call', 0.31, 1.5, 1.6),
    quote('2026-12-07', 598, 'put', -0.33, 0.9, 1.0),
  ];

  it('takes the nearest allowed expiry and, among tight two-sided markets, the delta nearest the target', () => {
    const pick = pickOption(chain, '2026-12-07', { right: 'call', targetDelta: 0.3, minDays: 0, maxDays: 0, maxRelativeSpread: 0.15 });
    expect(pick).toMatchObject({ ok: true, daysToExpiry: 0, contract: { strike: 602 } });
  });

  it('matches puts by the size of their delta', () => {
    expect(pickOption(chain, '2026-12-07', { right: 'put', targetDelta: 0.3, minDays: 0, maxDays: 0, maxRelativeSpread: 0.15 })).toMatchObject({ ok: true, contract: { strike: 598 } });
  });

  it('says why when no expiry is in the window', () => {
    expect(pickOption(chain, '2026-12-07', { right: 'call', targetDelta: 0.3, minDays: 14, maxDays: 45, maxRelativeSpread: 0.15 })).toEqual({ ok: false, reason: 'no call expires 14–45 days from 2026-12-07' });
  });

  it('counts calendar days across a month end', () => {
    expect(calendarDays('2026-11-30', '2026-12-01')).toBe(1);
    expect(calendarDays('2026-12-07', '2027-01-15')).toBe(39);
  });
});

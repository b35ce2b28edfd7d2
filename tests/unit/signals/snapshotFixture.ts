import type { Bar } from '../../../core/market/bar';
import type { OptionContractQuote } from '../../../core/market/optionChain';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';

/** 2026-12-07 11:00 New York. */
export const NOW = Date.parse('2026-12-07T16:00:00Z');

/** `quiet` bars of noise (±0.02%) and then `moving` bars stepping `step` (log) each, ending at `end`. */
export function trendingBars(step: number, end = NOW, quiet = 30, moving = 30): Bar[] {
  let close = 600;
  return Array.from({ length: quiet + moving + 1 }, (_, i) => {
    if (i > 0) close *= Math.exp(i <= quiet ? (i % 2 ? 0.0002 : -0.0002) : step);
    return { symbol: 'SPY', time: end - (quiet + moving + 1 - i) * 5_000, open: close, high: close, low: close, close, volume: 1000, wap: close, count: 10 };
  });
}

export function optionQuote(expiry: string, type: 'call' | 'put', strike: number, delta: number, bid: number, ask: number): OptionContractQuote {
  return { contractId: `SPY${expiry}${type === 'call' ? 'C' : 'P'}${strike}`, expiry, strike, type, bid, ask, bidSize: 5, askSize: 5, last: 0, mark: 0, volume: 0, openInterest: 500, iv: 0.18, delta, gamma: 0.02, theta: -0.3, vega: 0.05, rho: 0 };
}

/** A snapshot with nothing in it but the time and the symbol: each test adds what its rule reads. */
export function emptySnapshot(overrides: Partial<StrategySnapshot> = {}): StrategySnapshot {
  return {
    symbol: 'SPY', now: NOW, marketDate: '2026-12-07', marketMinute: 11 * 60, quote: null, bars: [], imbalance: null, gex: null, vpin: null,
    flow: null, sweeps: [], chain: null, discovered: null, positionQuantity: 0, workingOrders: 0, technicals: null, sentiment: null,
    ...overrides,
  };
}

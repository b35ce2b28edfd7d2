import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { checkVendorGreeks } from '../../../core/analytics/vendorGreeks';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';
import { etToUtc } from '../../../core/market/newYorkTime';

const now = etToUtc('2026-12-07', 11, 0);
const spot = 590;
const market = { rate: 0.043, dividendYield: 0.013 };

interface VendorUnits {
  thetaPer: number; // vendor theta = ours per calendar day × this
  vegaPer: number; // vendor vega = ours per vol point × this
}

/** A vendor chain whose greeks are BSM at its IVs, in the given units, with some deltas pushed off by `deltaShift(i)`. */
function vendorChain(units: VendorUnits, deltaShift: (i: number) => number = () => 0): OptionChainSnapshot {
  const contracts: OptionContractQuote[] = [];
  let i = 0;
  for (const expiry of ['2026-12-09', '2026-12-18', '2027-01-15', '2027-03-19']) {
    const time = (etToUtc(expiry, 16) - now) / (365 * 86_400_000);
    for (const strike of [540, 560, 580, 590, 600, 620, 640]) {
      for (const type of ['call', 'put'] as const) {
        const iv = 0.16 + Math.abs(strike - spot) / 1000;
        const g = blackScholes({ spot, strike, time, vol: iv, ...market, right: type === 'call' ? 'C' : 'P' });
        contracts.push({
          contractId: `${expiry}${type}${strike}`, expiry, strike, type, iv,
          bid: g.price * 0.99, bidSize: 10, ask: g.price * 1.01, askSize: 10, last: g.price, mark: g.price, volume: 100, openInterest: 1000,
          delta: g.delta + deltaShift(i++), gamma: g.gamma, theta: g.theta * units.thetaPer, vega: g.vega * units.vegaPer, rho: g.rho,
        });
      }
    }
  }
  return { symbol: 'SPY', asOf: now, quoteDate: '2026-12-07', contracts, skipped: 0 };
}

describe('checkVendorGreeks', () => {
  it('reports the share of contracts whose vendor delta differs from ours at the vendor’s IV by more than 0.05', () => {
    // Every 4th contract off by 0.08 (counted), every 4th + 1 by 0.03 (within tolerance).
    const chain = vendorChain({ thetaPer: 1, vegaPer: 1 }, (i) => (i % 4 === 0 ? 0.08 : i % 4 === 1 ? -0.03 : 0));
    const check = checkVendorGreeks({ chain, spot, now, ...market });
    expect(check.checked).toBe(56);
    expect(check.deltaMismatches).toBe(14);
    expect(check.deltaMismatchShare).toBeCloseTo(0.25, 12);
  });

  it('infers theta per calendar day and vega per vol point when the vendor uses ours', () => {
    const check = checkVendorGreeks({ chain: vendorChain({ thetaPer: 1, vegaPer: 1 }), spot, now, ...market });
    expect(check.theta.unit).toBe('per calendar day');
    expect(check.vega.unit).toBe('per vol point (0.01)');
    expect(check.deltaMismatches).toBe(0);
  });

  it('infers theta per year, per trading day, and vega per 1.00 of vol', () => {
    const perYear = checkVendorGreeks({ chain: vendorChain({ thetaPer: 365, vegaPer: 100 }), spot, now, ...market });
    expect(perYear.theta).toMatchObject({ unit: 'per year', medianRatio: expect.closeTo(365, 6) });
    expect(perYear.vega).toMatchObject({ unit: 'per 1.00 of vol', medianRatio: expect.closeTo(100, 6) });
    const perTradingDay = checkVendorGreeks({ chain: vendorChain({ thetaPer: 365 / 252, vegaPer: 1 }), spot, now, ...market });
    expect(perTradingDay.theta.unit).toBe('per trading day (252 a year)');
  });

  it('answers unknown units when the vendor’s figures match no convention, and skips contracts without IV or already expired', () => {
    const chain = vendorChain({ thetaPer: 7, vegaPer: 10 });
    chain.contracts.push({ ...chain.contracts[0]!, iv: 0 }, { ...chain.contracts[1]!, expiry: '2026-12-04' });
    const check = checkVendorGreeks({ chain, spot, now, ...market });
    expect(check.theta.unit).toBe('unknown');
    expect(check.vega.unit).toBe('unknown');
    expect([check.checked, check.skipped]).toEqual([56, 2]);
  });
});

describe('checkVendorGreeks worst mismatches', () => {
  it('lists the contracts whose vendor delta is furthest from ours, largest first, with both deltas', () => {
    const chain = vendorChain({ thetaPer: 1, vegaPer: 1 }, (i) => (i === 3 ? -0.2 : i === 10 ? 0.07 : i === 20 ? 0.12 : 0));
    const check = checkVendorGreeks({ chain, spot, now, ...market, worstCount: 2 });
    expect(check.deltaMismatches).toBe(3);
    expect(check.worst.map((w) => w.contractId)).toEqual([chain.contracts[3]!.contractId, chain.contracts[20]!.contractId]);
    expect(check.worst[0]!.difference).toBeCloseTo(-0.2, 9);
    expect(check.worst[0]!.vendorDelta - check.worst[0]!.ourDelta).toBeCloseTo(-0.2, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { blackScholes, impliedVol, normalCdf, optionPrice, type OptionInputs } from '../../../core/analytics/blackScholes';

const base: OptionInputs = { spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, right: 'C' };

describe('normalCdf', () => {
  it('matches tabulated values to 1e-12', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 12);
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249978951482204, 12);
    expect(normalCdf(2.5)).toBeCloseTo(0.99379033467422, 12);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 20);
  });
});

describe('blackScholes', () => {
  it('prices the textbook at-the-money call and put', () => {
    expect(optionPrice(base)).toBeCloseTo(10.450583572185565, 9);
    expect(optionPrice({ ...base, right: 'P' })).toBeCloseTo(5.573526022256971, 9);
  });

  it('satisfies put-call parity with a dividend yield', () => {
    const o = { ...base, strike: 110, dividendYield: 0.02, time: 0.5 };
    const c = optionPrice(o);
    const p = optionPrice({ ...o, right: 'P' });
    expect(c - p).toBeCloseTo(100 * Math.exp(-0.02 * 0.5) - 110 * Math.exp(-0.05 * 0.5), 10);
  });

  it('gives greeks that match finite differences in the broker conventions', () => {
    const o = { ...base, strike: 95, dividendYield: 0.01, right: 'P' as const };
    const g = blackScholes(o);
    const h = 1e-3;
    const up = optionPrice({ ...o, spot: o.spot + h });
    const down = optionPrice({ ...o, spot: o.spot - h });
    expect(g.delta).toBeCloseTo((up - down) / (2 * h), 6);
    expect(g.gamma).toBeCloseTo((up - 2 * g.price + down) / (h * h), 4);
    const e = 1e-5;
    // Vega and rho are per 1 point (0.01), theta per calendar day.
    expect(g.vega).toBeCloseTo((optionPrice({ ...o, vol: o.vol + e }) - optionPrice({ ...o, vol: o.vol - e })) / (2 * e) / 100, 6);
    expect(g.rho).toBeCloseTo((optionPrice({ ...o, rate: o.rate + e }) - optionPrice({ ...o, rate: o.rate - e })) / (2 * e) / 100, 6);
    expect(g.theta).toBeCloseTo((optionPrice({ ...o, time: o.time - e }) - optionPrice({ ...o, time: o.time + e })) / (2 * e) / 365, 6);
  });

  it('falls back to discounted intrinsic value at expiry', () => {
    expect(optionPrice({ ...base, spot: 120, time: 0 })).toBeCloseTo(20, 10);
    expect(blackScholes({ ...base, spot: 80, time: 0 }).delta).toBe(0);
  });

  it('rejects non-positive spot or strike', () => {
    expect(() => optionPrice({ ...base, spot: 0 })).toThrow(/positive/);
  });
});

describe('impliedVol', () => {
  it('recovers the vol across strikes, expiries and deep wings', () => {
    for (const right of ['C', 'P'] as const) {
      for (const strike of [40, 80, 100, 125, 200]) {
        for (const time of [1 / 365 / 24, 7 / 365, 1, 3]) {
          for (const vol of [0.05, 0.3, 1.2, 4.5]) {
            const o = { spot: 100, strike, time, rate: 0.04, dividendYield: 0.01, right };
            const price = optionPrice({ ...o, vol });
            if (price < 1e-9) continue;
            // Where vega vanishes the price pins vol only loosely: compare prices, not vols.
            const solved = impliedVol(price, o);
            expect(optionPrice({ ...o, vol: solved })).toBeCloseTo(price, 7);
          }
        }
      }
    }
  });

  it('returns NaN below intrinsic value or above the no-arbitrage cap', () => {
    const o = { spot: 100, strike: 80, time: 0.5, rate: 0.03, right: 'C' as const };
    expect(impliedVol(5, o)).toBeNaN();
    expect(impliedVol(150, o)).toBeNaN();
    expect(impliedVol(-1, o)).toBeNaN();
  });

  it('solves a typical quote to the vol that produced it', () => {
    const o = { spot: 590, strike: 600, time: 30 / 365, rate: 0.043, dividendYield: 0.013, right: 'C' as const };
    expect(impliedVol(optionPrice({ ...o, vol: 0.1821 }), o)).toBeCloseTo(0.1821, 8);
  });
});

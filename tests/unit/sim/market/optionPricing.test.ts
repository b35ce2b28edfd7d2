import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../../core/analytics/blackScholes';
import { priceOption, standardNormalCdf } from '../../../../core/sim/market/optionPricing';

describe('the simulator’s own option pricing', () => {
  it('has a normal distribution accurate to 1e-7 (symmetric, 0.5 at zero, the textbook quantiles)', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(Math.abs(standardNormalCdf(1.959963985) - 0.975)).toBeLessThan(1e-7);
    expect(Math.abs(standardNormalCdf(-1.644853627) - 0.05)).toBeLessThan(1e-7);
    for (const x of [0.1, 0.7, 1.3, 2.9, 4.5]) expect(standardNormalCdf(x) + standardNormalCdf(-x)).toBeCloseTo(1, 12);
  });

  it('keeps put–call parity: call − put = S·e^(−qT) − K·e^(−rT)', () => {
    const base = { spot: 590, strike: 600, years: 0.25, vol: 0.2, rate: 0.045, dividendYield: 0.013 };
    const call = priceOption({ ...base, right: 'C' });
    const put = priceOption({ ...base, right: 'P' });
    expect(call.price - put.price).toBeCloseTo(590 * Math.exp(-0.013 * 0.25) - 600 * Math.exp(-0.045 * 0.25), 5);
    expect(call.delta - put.delta).toBeCloseTo(Math.exp(-0.013 * 0.25), 6);
  });

  it('agrees with the engine’s analytics (written apart) across strikes, expiries, vols and both rights', () => {
    for (const right of ['C', 'P'] as const) {
      for (const strike of [450, 560, 590, 620, 750]) {
        for (const years of [1 / 365, 0.1, 1, 2.5]) {
          for (const vol of [0.08, 0.25, 0.9]) {
            const inputs = { spot: 590, strike, vol, rate: 0.045, dividendYield: 0.013, right };
            const sim = priceOption({ ...inputs, years });
            const engine = blackScholes({ ...inputs, time: years });
            for (const figure of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const) {
              expect(Math.abs(sim[figure] - engine[figure]), `${right} K=${strike} T=${years} vol=${vol} ${figure}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(engine[figure])));
            }
          }
        }
      }
    }
  });

  it('is worth its discounted intrinsic value at expiry', () => {
    expect(priceOption({ spot: 600, strike: 590, years: 0, vol: 0.2, rate: 0.045, dividendYield: 0, right: 'C' })).toMatchObject({ price: 10, delta: 1, gamma: 0 });
    expect(priceOption({ spot: 600, strike: 590, years: 0, vol: 0.2, rate: 0.045, dividendYield: 0, right: 'P' }).price).toBe(0);
  });
});

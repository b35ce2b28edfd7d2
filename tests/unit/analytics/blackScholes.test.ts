import { describe, expect, it } from 'vitest';
import { blackScholes, impliedVolatility, normalCdf, optionPrice, type Greeks, type OptionInputs } from '../../../core/analytics/blackScholes';

const base: OptionInputs = { spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, right: 'C' };
const relative = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

/**
 * Independent references: the closed-form BSM price and greeks evaluated with mpmath at 50 significant digits
 * (mp.dps = 50; ncdf/npdf; theta per calendar day = per-year / 365, vega and rho per 0.01), printed to 15 digits.
 * Order: price, delta, gamma, theta, vega, rho.
 */
const mpmathReferences: [OptionInputs, number[]][] = [
  [{ spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, dividendYield: 0, right: 'C' }, [1.04505835721856e+1, 6.36830651175619e-1, 1.87620173458469e-2, -1.75726782094197e-2, 3.75240346916938e-1, 5.32324815453763e-1]],
  [{ spot: 590, strike: 600, time: 30 / 365, vol: 0.18, rate: 0.043, dividendYield: 0.013, right: 'P' }, [1.69451335178026e+1, -5.98880792068861e-1, 1.26796078335157e-2, -1.64861006372695e-1, 6.52996329560896e-1, -3.04343671921998e-1]],
  // One-hour expiries: just out of the money, and 3% out where the price is 1e-30.
  [{ spot: 100, strike: 101, time: 1 / 8760, vol: 0.25, rate: 0.04, dividendYield: 0.01, right: 'C' }, [6.29784920187873e-6, 9.85977694193104e-5, 1.46244056008497e-3, -1.2528992230708e-3, 4.1736317354023e-6, 1.12482638044853e-8]],
  [{ spot: 100, strike: 103, time: 1 / 8760, vol: 0.25, rate: 0.04, dividendYield: 0.01, right: 'C' }, [2.23800726574023e-30, 9.4199539263066e-29, 3.93310300588781e-27, -3.36815670804777e-27, 1.12246090350679e-29, 1.07508172591791e-32]],
  [{ spot: 100, strike: 130, time: 7 / 365, vol: 0.3, rate: 0.04, dividendYield: 0.01, right: 'C' }, [1.05905144269416e-10, 1.68724055786988e-10, 2.61236171436276e-10, -3.23447159199765e-10, 1.50300263018131e-10, 3.21549323400015e-12]],
  // 300% vol.
  [{ spot: 100, strike: 60, time: 0.5, vol: 3, rate: 0.04, dividendYield: 0.01, right: 'P' }, [3.70819678327836e+1, -9.48701209549265e-2, 7.94910023282576e-4, -9.31590738946296e-2, 1.19236503492386e-1, -2.32844899641381e-1]],
  [{ spot: 100, strike: 2000, time: 0.25, vol: 3, rate: 0.04, dividendYield: 0.01, right: 'C' }, [4.63921017388982, 1.0682232748452e-1, 1.22655216718751e-3, -1.51588345476537e-1, 9.19914125390631e-2, 1.51075564364055e-2]],
  // Deep out of and deep in the money.
  [{ spot: 100, strike: 40, time: 2, vol: 0.25, rate: 0.04, dividendYield: 0.01, right: 'P' }, [1.81750977654386e-2, -1.61822835300974e-3, 1.47640146597595e-4, -1.11111936553704e-4, 7.38200732987977e-3, -3.59995866132825e-3]],
  [{ spot: 100, strike: 70, time: 0.25, vol: 0.2, rate: 0.04, dividendYield: 0.01, right: 'C' }, [3.04470977462915e+1, 9.97392042035359e-1, 4.36839155948075e-5, -4.88501095718734e-3, 2.18419577974037e-4, 1.73230266143111e-1]],
];

describe('normalCdf', () => {
  it('matches 40-digit values to ~x²·1e-16 relative (the rounding of x/√2), far into the lower tail', () => {
    const references: [number, number][] = [[1, 0.841344746068543], [-1.96, 0.0249978951482204], [-8, 6.22096057427178e-16], [-20, 2.75362411860623e-89], [-37.5, 4.60535300958195e-308]];
    for (const [x, want] of references) expect(relative(normalCdf(x), want), `x=${x}`).toBeLessThan(Math.max(2e-15, 2e-16 * x * x));
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('blackScholes', () => {
  it('prices Hull’s example (S=42, K=40, r=10%, σ=20%, T=0.5): call 4.76, put 0.81', () => {
    const hull = { spot: 42, strike: 40, time: 0.5, vol: 0.2, rate: 0.1 };
    expect(optionPrice({ ...hull, right: 'C' })).toBeCloseTo(4.76, 2);
    expect(optionPrice({ ...hull, right: 'P' })).toBeCloseTo(0.81, 2);
    // Hull gives N(d1) = 0.7791 and N(d2) = 0.7349; the call delta is N(d1), rho/(K·T·e^(−rT)) is N(d2).
    const call = blackScholes({ ...hull, right: 'C' });
    expect(call.delta).toBeCloseTo(0.7791, 4);
    expect((call.rho * 100) / (40 * 0.5 * Math.exp(-0.1 * 0.5))).toBeCloseTo(0.7349, 4);
  });

  it('gives Hull’s greeks for his delta-hedging call (S=49, K=50, r=5%, σ=20%, T=20 weeks) in our units', () => {
    const g = blackScholes({ spot: 49, strike: 50, time: 0.3846, vol: 0.2, rate: 0.05, right: 'C' });
    expect(g.price).toBeCloseTo(2.4, 2);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.theta * 365).toBeCloseTo(-4.31, 2); // Hull: −4.31 per year
    expect(g.vega * 100).toBeCloseTo(12.1, 1); // Hull: 12.1 per 1.00 of vol
    expect(g.rho * 100).toBeCloseTo(8.91, 2); // Hull: 8.91 per 1.00 of rate
  });

  it('matches 50-digit references to 1e-12 relative: one-hour expiries, 300% vol, deep in and out of the money', () => {
    const figures: (keyof Greeks)[] = ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'];
    for (const [inputs, want] of mpmathReferences) {
      const got = blackScholes(inputs);
      figures.forEach((figure, i) => {
        expect(relative(got[figure], want[i]!), `${JSON.stringify(inputs)} ${figure}`).toBeLessThan(1e-12);
      });
    }
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

function solvedVol(price: number, o: Omit<OptionInputs, 'vol'>): number {
  const result = impliedVolatility(price, o);
  if (!result.ok) throw new Error(`no implied vol: ${result.message}`);
  return result.vol;
}

describe('impliedVolatility', () => {
  it('round-trips the hard cases: deep out of the money, one-hour expiries, 300% vol, far wings', () => {
    const cases: OptionInputs[] = [
      ...mpmathReferences.map(([inputs]) => inputs),
      { spot: 100, strike: 160, time: 1 / 8760, vol: 3, rate: 0.04, dividendYield: 0.01, right: 'C' },
      { spot: 100, strike: 99.9, time: 1 / 8760, vol: 0.05, rate: 0.04, right: 'P' },
      { spot: 100, strike: 250, time: 0.02, vol: 0.35, rate: 0.04, right: 'C' }, // price ~1e-200
      { spot: 100, strike: 1, time: 3, vol: 3, rate: 0.04, right: 'P' },
      { spot: 100, strike: 100, time: 1 / 8760, vol: 0.2, rate: 0, right: 'C' }, // at the money, forward = strike
    ];
    for (const o of cases) {
      const price = optionPrice(o);
      const vol = solvedVol(price, o);
      expect(relative(optionPrice({ ...o, vol }), price), JSON.stringify(o)).toBeLessThan(1e-12);
      expect(relative(vol, o.vol), JSON.stringify(o)).toBeLessThan(1e-9);
    }
  });

  it('recovers the vol across strikes, expiries and vols wherever the price carries it', () => {
    for (const right of ['C', 'P'] as const) {
      for (const strike of [20, 50, 80, 95, 100, 105, 125, 200, 1000]) {
        for (const time of [1 / 8760, 1 / 365, 7 / 365, 0.25, 1, 3]) {
          for (const vol of [0.01, 0.05, 0.2, 0.6, 1.2, 3]) {
            const o = { spot: 100, strike, time, rate: 0.04, dividendYield: 0.01, right };
            const price = optionPrice({ ...o, vol });
            const result = impliedVolatility(price, o);
            expect(result.ok, `${right} K=${strike} T=${time} σ=${vol}`).toBe(true);
            if (!result.ok || result.atIntrinsic) continue; // time value lost below the price's last digit
            expect(relative(optionPrice({ ...o, vol: result.vol }), price), `${right} K=${strike} T=${time} σ=${vol}`).toBeLessThan(1e-12);
          }
        }
      }
    }
  });

  it('answers 0 vol for a price at intrinsic value, and says so', () => {
    const o = { spot: 100, strike: 80, time: 0.5, rate: 0.03, right: 'C' as const };
    const intrinsic = 100 - 80 * Math.exp(-0.03 * 0.5);
    expect(impliedVolatility(intrinsic, o)).toEqual({ ok: true, vol: 0, atIntrinsic: true });
    expect(impliedVolatility(0, { ...o, right: 'P' })).toEqual({ ok: true, vol: 0, atIntrinsic: true });
  });

  it('refuses prices below intrinsic, at or above the upper bound, and non-prices, naming the reason', () => {
    const o = { spot: 100, strike: 80, time: 0.5, rate: 0.03, right: 'C' as const };
    expect(impliedVolatility(5, o)).toMatchObject({ ok: false, reason: 'below-intrinsic' });
    expect(impliedVolatility(100, o)).toMatchObject({ ok: false, reason: 'above-upper-bound' });
    expect(impliedVolatility(150, o)).toMatchObject({ ok: false, reason: 'above-upper-bound' });
    expect(impliedVolatility(-1, { ...o, right: 'P' })).toMatchObject({ ok: false, reason: 'below-intrinsic' });
    expect(impliedVolatility(80, { ...o, right: 'P' })).toMatchObject({ ok: false, reason: 'above-upper-bound' });
    expect(impliedVolatility(Number.NaN, o)).toMatchObject({ ok: false, reason: 'bad-input' });
    expect(impliedVolatility(3, { ...o, time: 0 })).toMatchObject({ ok: false, reason: 'bad-input', message: expect.stringMatching(/time 0/) });
  });

  it('solves a typical quote to the vol that produced it', () => {
    const o = { spot: 590, strike: 600, time: 30 / 365, rate: 0.043, dividendYield: 0.013, right: 'C' as const };
    expect(solvedVol(optionPrice({ ...o, vol: 0.1821 }), o)).toBeCloseTo(0.1821, 12);
  });
});

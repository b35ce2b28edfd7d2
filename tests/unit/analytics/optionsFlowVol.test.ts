import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { expiryClock } from '../../../core/analytics/expiryTime';
import { ivPercentile, ivRank, recordIv } from '../../../core/analytics/ivHistory';
import { constantMaturityIv, impliedForward, interpolate, volShape, type ExpiryVol } from '../../../core/analytics/optionsFlowVol';
import type { OptionContractQuote } from '../../../core/market/optionChain';
import { etToUtc } from '../../../core/market/newYorkTime';

const now = etToUtc('2026-12-07', 11, 0);
const clock = expiryClock(now);
const rate = 0.04;
const spot = 100;
const settings = { rate, minDays: 1, targetDays: 30 };

/** A chain priced by BSM on a smile: vol(K) = atm + slope × ln(K/S) (slope < 0: puts richer). */
function chain(expiry: string, atm: number, slope: number, vendorGreeks = true): OptionContractQuote[] {
  const time = clock.years(expiry);
  const out: OptionContractQuote[] = [];
  for (let strike = 70; strike <= 130; strike += 2.5) {
    const vol = atm + slope * Math.log(strike / spot);
    for (const type of ['call', 'put'] as const) {
      const g = blackScholes({ spot, strike, time, vol, rate, right: type === 'call' ? 'C' : 'P' });
      out.push({
        contractId: `${expiry}${type}${strike}`, expiry, strike, type, bid: g.price, ask: g.price, bidSize: 1, askSize: 1, last: g.price, mark: g.price,
        volume: 0, openInterest: 0, iv: vendorGreeks ? vol : 0, delta: vendorGreeks ? g.delta : 0, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho,
      });
    }
  }
  return out;
}

describe('the forward, ATM IV and the 25-delta risk reversal of each expiry', () => {
  it('finds the forward from put–call parity', () => {
    const years = clock.years('2026-12-18');
    expect(impliedForward(chain('2026-12-18', 0.2, -0.3), years, rate)).toBeCloseTo(spot * Math.exp(rate * years), 6);
  });

  it('reads the ATM IV at the spot implied by the nearest expiry, between the strikes either side of it', () => {
    const shape = volShape([...chain('2026-12-09', 0.3, -0.3), ...chain('2026-12-18', 0.2, -0.3)], clock, settings);
    expect(shape.spot!).toBeCloseTo(spot, 6);
    expect(shape.expiries[1]!.atmIv).toBeCloseTo(0.2, 3);
    const between = volShape(chain('2026-12-18', 0.2, -0.3).map((c) => (c.strike === 100 ? { ...c, iv: 0.5 } : c)), clock, settings);
    expect(between.expiries[0]!.atmIv).toBeCloseTo(0.5, 12); // the strike at the spot gives its own IV
  });

  it('gives a negative risk reversal when puts are richer, and the IVs at ±25 delta', () => {
    const [e] = volShape(chain('2027-01-15', 0.25, -0.4), clock, settings).expiries;
    expect(e!.riskReversal25).toBeLessThan(-0.02);
    expect(e!.putIv25!).toBeGreaterThan(e!.atmIv!);
    expect(e!.callIv25!).toBeLessThan(e!.atmIv!);
  });

  it('interpolates linearly in delta and answers none outside the quoted deltas', () => {
    const points = [{ x: 0.2, y: 0.3 }, { x: 0.3, y: 0.2 }];
    expect(interpolate(points, 0.25)).toBeCloseTo(0.25, 12);
    expect(interpolate(points, 0.1)).toBeNull();
  });

  it('has a flat smile’s risk reversal at zero', () => {
    const [e] = volShape(chain('2027-01-15', 0.25, 0), clock, settings).expiries;
    expect(e!.riskReversal25).toBeCloseTo(0, 6);
  });

  it('implies its own IV and delta for contracts the vendor gave none, and counts them', () => {
    const own = volShape(chain('2027-01-15', 0.25, -0.4, false), clock, settings);
    const vendor = volShape(chain('2027-01-15', 0.25, -0.4), clock, settings);
    expect(own.ownIv).toBeGreaterThan(40);
    expect(own.expiries[0]!.riskReversal25!).toBeCloseTo(vendor.expiries[0]!.riskReversal25!, 4);
    expect(own.expiries[0]!.atmIv!).toBeCloseTo(vendor.expiries[0]!.atmIv!, 4);
  });

  it('skips and counts contracts with neither an IV nor a price', () => {
    const contracts = chain('2027-01-15', 0.25, -0.4, false);
    contracts[0] = { ...contracts[0]!, mark: 0, bid: 0, ask: 0, last: 0 };
    expect(volShape(contracts, clock, settings).skipped).toBe(1);
  });
});

describe('the term structure and the constant-maturity ATM IV', () => {
  const upward = [...chain('2026-12-11', 0.15, -0.3), ...chain('2026-12-31', 0.18, -0.3), ...chain('2027-02-19', 0.22, -0.3)];

  it('lists ATM IV per expiry, nearest first', () => {
    const ivs = volShape(upward, clock, settings).expiries.map((e) => e.atmIv!);
    expect(ivs).toHaveLength(3);
    expect(ivs[0]!).toBeLessThan(ivs[1]!);
    expect(ivs[1]!).toBeLessThan(ivs[2]!);
  });

  it('interpolates total variance between the expiries either side of 30 days', () => {
    const e = (days: number, atmIv: number): ExpiryVol => ({ expiry: String(days), days, years: days / 365, forward: 100, atmIv, callIv25: null, putIv25: null, riskReversal25: null });
    const iv = constantMaturityIv([e(20, 0.2), e(40, 0.3)], settings)!;
    expect(iv * iv * 30).toBeCloseTo((0.04 * 20 + 0.09 * 40) / 2, 12);
    expect(constantMaturityIv([e(0, 0.9), e(45, 0.3)], settings)).toBe(0.3); // 0DTE left out, flat beyond
  });
});

describe('IV rank and percentile over one value per day', () => {
  it('keeps the day’s latest value and the newest days only', () => {
    let h = recordIv([], '2026-12-01', 0.2, 3);
    h = recordIv(h, '2026-12-02', 0.3, 3);
    h = recordIv(h, '2026-12-02', 0.25, 3);
    h = recordIv(h, '2026-12-03', 0.1, 3);
    h = recordIv(h, '2026-12-04', 0.4, 3);
    expect(h).toEqual([{ day: '2026-12-02', iv: 0.25 }, { day: '2026-12-03', iv: 0.1 }, { day: '2026-12-04', iv: 0.4 }]);
  });

  it('ranks the current IV within the range and counts the past days below it', () => {
    const h = [{ day: 'a', iv: 0.1 }, { day: 'b', iv: 0.3 }, { day: 'c', iv: 0.2 }, { day: 'd', iv: 0.15 }];
    expect(ivRank(h, 0.15)).toBeCloseTo(25, 12);
    expect(ivPercentile(h, 'd', 0.15)).toBeCloseTo(100 / 3, 12); // of a, b, c only 0.1 is below
  });

  it('has no rank or percentile before there is another day to compare with', () => {
    expect(ivRank([{ day: 'a', iv: 0.2 }], 0.2)).toBeNull();
    expect(ivPercentile([{ day: 'a', iv: 0.2 }], 'a', 0.2)).toBeNull();
  });
});

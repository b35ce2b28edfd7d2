import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { computeGammaExposure, DEFAULT_GEX_SETTINGS, fillFlipGrid, finishGammaExposure, priceContracts, spotMovedBeyond, startGammaExposure, type GammaExposureSettings } from '../../../core/analytics/gammaExposure';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';
import { etToUtc } from '../../../core/market/newYorkTime';

const now = etToUtc('2026-12-07', 11, 0); // a Monday, 11:00 New York
const settings: GammaExposureSettings = { ...DEFAULT_GEX_SETTINGS, rate: 0.04, dividendYield: 0.01 };

function contract(expiry: string, strike: number, type: 'call' | 'put', openInterest: number, iv = 0.22): OptionContractQuote {
  return {
    contractId: `${expiry}${type}${strike}`, expiry, strike, type, openInterest, iv,
    bid: 1, bidSize: 1, ask: 1.1, askSize: 1, last: 1, mark: 1.05, volume: 10, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0,
  };
}

function chainOf(contracts: OptionContractQuote[]): OptionChainSnapshot {
  return { symbol: 'XYZ', asOf: now - 30_000, quoteDate: '2026-12-07', contracts, skipped: 0 };
}

/** A small chain: heavy puts below the money, calls above, over five expiries; one expired, one without an IV. */
const handMade = chainOf([
  ...[90, 92, 94, 96, 98].map((k, i) => contract('2026-12-11', k, 'put', 4000 - 500 * i, 0.3 - 0.01 * i)),
  ...[100, 102, 104, 106, 108].map((k, i) => contract('2026-12-11', k, 'call', 1500 + 300 * i, 0.2 + 0.005 * i)),
  contract('2026-12-07', 99, 'put', 2500, 0.35),
  contract('2026-12-07', 101, 'call', 2000, 0.3),
  contract('2026-12-08', 100, 'call', 1200, 0.25),
  contract('2026-12-31', 95, 'put', 3000, 0.26),
  contract('2026-12-31', 105, 'call', 7000, 0.19),
  contract('2027-01-15', 110, 'call', 9000, 0.18),
  contract('2026-12-04', 100, 'call', 5000, 0.2), // expired last Friday
  contract('2026-12-31', 100, 'put', 5000, 0), // no implied vol
  contract('2026-12-31', 100, 'call', Number.NaN, 0.2), // no open interest
]);

const closes = new Map<string, number>();
const years = (expiry: string): number => {
  if (!closes.has(expiry)) closes.set(expiry, etToUtc(expiry, 16));
  return (closes.get(expiry)! - now) / (365 * 86_400_000);
};

/** GEX written apart from the module: BSM gamma × OI × 100 × S² × 0.01, dealers long calls and short puts. */
function bruteForceGex(chain: OptionChainSnapshot, spot: number): number {
  let total = 0;
  for (const c of chain.contracts) {
    const time = years(c.expiry);
    if (!(c.iv > 0) || !(time > 0) || !Number.isFinite(c.openInterest)) continue;
    const { gamma } = blackScholes({ spot, strike: c.strike, time, vol: c.iv, rate: 0.04, dividendYield: 0.01, right: c.type === 'call' ? 'C' : 'P' });
    total += (c.type === 'call' ? 1 : -1) * gamma * c.openInterest * 100 * spot * spot * 0.01;
  }
  return total;
}

describe('gamma exposure', () => {
  it('gives one contract’s GEX as gamma × OI × 100 × spot² × 0.01 and DEX as delta × OI × 100 × spot', () => {
    const one = chainOf([contract('2026-12-31', 105, 'put', 1234, 0.24)]);
    const g = blackScholes({ spot: 101, strike: 105, time: years('2026-12-31'), vol: 0.24, rate: 0.04, dividendYield: 0.01, right: 'P' });
    const result = computeGammaExposure({ chain: one, spot: 101, spotAsOf: now, now }, settings);
    expect(result.gexUnit).toBe('USD per 1% move');
    expect(result.totals.putGex).toBeCloseTo(-g.gamma * 1234 * 100 * 101 * 101 * 0.01, 6);
    expect(result.totals.dex).toBeCloseTo(-g.delta * 1234 * 100 * 101, 4); // dealers short the put: long delta
    expect(result.totals.callGex).toBe(0);
  });

  it('finds the flip level that a brute-force scan of exactly re-priced total GEX finds', () => {
    const spot = 100.5;
    const result = computeGammaExposure({ chain: handMade, spot, spotAsOf: now, now }, settings);
    // Brute force: exact total GEX every 0.01 from 80 to 120, the sign change nearest spot, then bisection.
    let best: [number, number] | null = null;
    let previous = bruteForceGex(handMade, 80);
    for (let i = 1; i <= 4000; i++) {
      const s = 80 + i * 0.01;
      const here = bruteForceGex(handMade, s);
      if ((here > 0) !== (previous > 0) && (!best || Math.abs(s - spot) < Math.abs(best[0] - spot))) best = [s - 0.01, s];
      previous = here;
    }
    expect(best).not.toBeNull();
    let [lo, hi] = best!;
    const loSign = bruteForceGex(handMade, lo) > 0;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if ((bruteForceGex(handMade, mid) > 0) === loSign) lo = mid;
      else hi = mid;
    }
    expect(result.flip.level).not.toBeNull();
    expect(result.flip.level!).toBeCloseTo(lo, 6);
    // Not the first sign change of GEX by strike, nor where the cumulative sum by strike crosses zero.
    const rows = result.buckets.all.byStrike;
    const firstByStrike = rows.find((r, i) => i > 0 && (r.gex > 0) !== (rows[i - 1]!.gex > 0))!.strike;
    let cumulative = 0;
    const cumulativeCross = rows.find((r) => (cumulative += r.gex) > 0)!.strike;
    expect(Math.abs(firstByStrike - result.flip.level!)).toBeGreaterThan(0.25);
    expect(Math.abs(cumulativeCross - result.flip.level!)).toBeGreaterThan(0.25);
  });

  it('re-prices total GEX at every grid spot as the exact sum over contracts does', () => {
    const prepared = startGammaExposure({ chain: handMade, spot: 100.5, spotAsOf: now, now }, settings);
    priceContracts(prepared);
    fillFlipGrid(prepared.grid);
    const scale = Math.max(...prepared.grid.spots.map((s) => Math.abs(bruteForceGex(handMade, s))));
    prepared.grid.spots.forEach((s, j) => {
      expect(Math.abs(prepared.grid.totals[j]! - bruteForceGex(handMade, s)) / scale, `spot ${s}`).toBeLessThan(1e-11);
    });
  });

  it('says there is no flip in the grid when total GEX keeps one sign', () => {
    const callsOnly = chainOf([contract('2026-12-31', 100, 'call', 1000), contract('2026-12-31', 110, 'call', 1000)]);
    const result = computeGammaExposure({ chain: callsOnly, spot: 100, spotAsOf: now, now }, settings);
    expect(result.flip).toMatchObject({ level: null, reason: 'positive-across-grid', low: expect.closeTo(80, 6) });
    expect(result.flip.high).toBeGreaterThanOrEqual(120);
    expect(result.flip.high).toBeLessThan(120 * 1.005);
  });

  it('puts the call wall and the put wall at the strikes with the largest call and put gamma exposure', () => {
    const result = computeGammaExposure({ chain: handMade, spot: 100.5, spotAsOf: now, now }, settings);
    const rows = result.buckets.all.byStrike;
    const largest = (side: 'callGex' | 'putGex'): number => rows.reduce((a, b) => (Math.abs(b[side]) > Math.abs(a[side]) ? b : a)).strike;
    expect(result.callWall).toBe(largest('callGex'));
    expect(result.putWall).toBe(largest('putGex'));
    // Gamma, not open interest, makes a wall: the 0DTE contracts next to spot outweigh 7,000 calls at 105 and
    // 3,000 puts at 95 three weeks out.
    expect(result.callWall).toBe(101);
    expect(result.putWall).toBe(99);
  });

  it('flips every sign, and no level or wall, when dealers are short calls and long puts', () => {
    const inputs = { chain: handMade, spot: 100.5, spotAsOf: now, now };
    const usual = computeGammaExposure(inputs, settings);
    const opposite = computeGammaExposure(inputs, { ...settings, positioning: 'dealersShortCallsLongPuts' });
    expect(usual.positioning).toBe('dealersLongCallsShortPuts');
    expect(usual.totals.callGex).toBeGreaterThan(0);
    expect(usual.totals.putGex).toBeLessThan(0);
    expect(opposite.totals.callGex).toBeCloseTo(-usual.totals.callGex, 6);
    expect(opposite.totals.putGex).toBeCloseTo(-usual.totals.putGex, 6);
    expect(opposite.totals.dex).toBeCloseTo(-usual.totals.dex, 4);
    expect(opposite.flip.level).toBeCloseTo(usual.flip.level!, 8);
    expect([opposite.callWall, opposite.putWall]).toEqual([usual.callWall, usual.putWall]);
  });

  it('sorts contracts into nested expiry buckets from today in New York, and counts the skipped ones by reason', () => {
    const result = computeGammaExposure({ chain: handMade, spot: 100.5, spotAsOf: now, now }, settings);
    expect(result.contracts).toEqual({ used: 16, withoutIv: 1, expired: 1, invalid: 1, ownIv: 0 });
    const counts = Object.fromEntries(Object.entries(result.buckets).map(([bucket, b]) => [bucket, b.contracts]));
    expect(counts).toEqual({ '0dte': 2, '1dte': 1, upTo7d: 13, upTo35d: 15, all: 16 });
    const only = (expiries: string[]): number => bruteForceGex(chainOf(handMade.contracts.filter((c) => expiries.includes(c.expiry))), 100.5);
    expect(result.buckets['0dte'].gex).toBeCloseTo(only(['2026-12-07']), 4);
    expect(result.buckets.upTo7d.gex).toBeCloseTo(only(['2026-12-07', '2026-12-08', '2026-12-11']), 4);
    expect(result.buckets.all.gex).toBeCloseTo(bruteForceGex(handMade, 100.5), 4);
    expect(result.totals.gex).toBe(result.buckets.all.gex);
    expect(result.buckets.all.byStrike.map((r) => r.strike)).toEqual([...new Set(result.buckets.all.byStrike.map((r) => r.strike))].sort((a, b) => a - b));
  });

  it('gives the same figures when contracts and the flip grid are done in slices, and keeps the chain’s and the spot’s times', () => {
    const inputs = { chain: handMade, spot: 100.5, spotAsOf: now - 1_000, now };
    const whole = computeGammaExposure(inputs, settings);
    const work = startGammaExposure(inputs, settings);
    let slices = 0;
    while (!priceContracts(work, 5)) slices++;
    expect(slices).toBe(3); // 19 contracts, 5 at a time
    expect(() => finishGammaExposure(startGammaExposure(inputs, settings))).toThrow(/19 contracts still to price/);
    for (let from = 0; from < work.grid.spots.length; from += 7) fillFlipGrid(work.grid, from, from + 7);
    const sliced = finishGammaExposure(work);
    expect(sliced).toEqual(whole);
    expect([whole.chainAsOf, whole.spotAsOf]).toEqual([handMade.asOf, now - 1_000]);
  });

  it('tells when the spot has moved far enough to re-price', () => {
    expect(spotMovedBeyond(100, 100.15, 0.002)).toBe(false);
    expect(spotMovedBeyond(100, 99.7, 0.002)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { contractPremium, largestPremiumChanges, premiumsOf, putCallRatios } from '../../../core/analytics/optionsFlowRatios';

type C = Parameters<typeof putCallRatios>[0][number];
const c = (expiry: string, type: 'call' | 'put', strike: number, volume: number, mark: number, last = mark): C => ({
  contractId: `${expiry}${type}${strike}`, expiry, type, strike, volume, mark, last,
});

describe('put/call ratios by volume and by premium', () => {
  const chain = [
    c('2026-12-11', 'call', 100, 200, 2), // $40,000
    c('2026-12-11', 'put', 95, 300, 1), // $30,000
    c('2026-12-18', 'call', 105, 100, 0.5), // $5,000
    c('2026-12-18', 'put', 90, 400, 0, 0.25), // no mark: priced at last, $10,000
    c('2026-12-18', 'put', 85, 0, 0.1), // untraded
  ];

  it('prices a contract’s premium at volume × mark × 100, at last when there is no mark', () => {
    expect(contractPremium({ volume: 200, mark: 2, last: 1.9 })).toBe(40_000);
    expect(contractPremium({ volume: 400, mark: 0, last: 0.25 })).toBe(10_000);
    expect(contractPremium({ volume: 0, mark: 3, last: 3 })).toBe(0);
  });

  it('sums puts over calls for the whole symbol', () => {
    const { all } = putCallRatios(chain);
    expect(all).toMatchObject({ callVolume: 300, putVolume: 700, callPremium: 45_000, putPremium: 40_000 });
    expect(all.volumeRatio).toBeCloseTo(700 / 300, 12);
    expect(all.premiumRatio).toBeCloseTo(40 / 45, 12);
  });

  it('gives each expiry its own ratios, in expiry order', () => {
    const { byExpiry } = putCallRatios(chain);
    expect(Object.keys(byExpiry)).toEqual(['2026-12-11', '2026-12-18']);
    expect(byExpiry['2026-12-11']!.volumeRatio).toBeCloseTo(1.5, 12);
    expect(byExpiry['2026-12-18']!.volumeRatio).toBe(4);
    expect(byExpiry['2026-12-18']!.premiumRatio).toBe(2);
  });

  it('has no ratio where no call traded', () => {
    const { all } = putCallRatios([c('2026-12-11', 'put', 95, 10, 1), c('2026-12-11', 'call', 100, 0, 1)]);
    expect(all.volumeRatio).toBeNull();
    expect(all.premiumRatio).toBeNull();
  });
});

describe('the largest premium changes between two refreshes', () => {
  it('ranks contracts by the size of their premium change, new contracts counting from zero', () => {
    const before = premiumsOf([c('E', 'call', 100, 100, 1), c('E', 'put', 90, 100, 1), c('E', 'call', 110, 10, 1)]);
    const after = [c('E', 'call', 100, 150, 1), c('E', 'put', 90, 900, 1), c('E', 'call', 110, 10, 1), c('E', 'put', 80, 300, 1)];
    const changes = largestPremiumChanges(before, after, 2);
    expect(changes.map((x) => [x.contractId, x.change])).toEqual([['Eput90', 80_000], ['Eput80', 30_000]]);
    expect(changes[1]!.previous).toBe(0);
  });

  it('leaves out contracts whose premium did not change', () => {
    const same = [c('E', 'call', 100, 100, 1)];
    expect(largestPremiumChanges(premiumsOf(same), same, 10)).toEqual([]);
  });
});

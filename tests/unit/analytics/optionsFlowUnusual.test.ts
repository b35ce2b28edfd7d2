import { describe, expect, it } from 'vitest';
import { judgeContract, nextPace, scanUnusual, volumeIncrement, type UnusualRule, type VolumePace } from '../../../core/analytics/optionsFlowUnusual';

const rule: UnusualRule = { volumeOverOpenInterest: 1, timesAverage: 5, minVolume: 100, minSamples: 3 };
const contract = (volume: number, openInterest: number) => ({
  contractId: 'XYZ261211C00100000', expiry: '2026-12-11', strike: 100, type: 'call' as const, volume, openInterest, mark: 2, last: 2,
});
const pace = (volume: number, mean: number, samples = 5): VolumePace => ({ volume, mean, samples });

describe('a contract’s volume pace between refreshes', () => {
  it('counts the contracts traded since the last refresh, and a new session from zero', () => {
    expect(volumeIncrement(pace(500, 10), 620)).toBe(120);
    expect(volumeIncrement(pace(500, 10), 40)).toBe(40);
    expect(volumeIncrement(undefined, 40)).toBe(40);
  });

  it('averages the increments over at most the window, so the history stays bounded', () => {
    let p = nextPace(undefined, 0, 3);
    for (const v of [10, 20, 30]) p = nextPace(p, v, 3);
    expect(p).toEqual({ volume: 30, mean: 10, samples: 3 });
    p = nextPace(p, 70, 3); // a fourth increment of 40 weighs 1/3
    expect(p.samples).toBe(3);
    expect(p.mean).toBeCloseTo(20, 12);
  });
});

describe('the unusual-activity rule', () => {
  it('flags a contract far above both its open interest and its own pace', () => {
    const found = judgeContract(contract(1_500, 1_000), pace(900, 100), rule);
    expect(found).toMatchObject({ increment: 600, timesAverage: 6, volumeOverOpenInterest: 1.5, premium: 300_000 });
  });

  it('flags at exactly the thresholds and not just below them', () => {
    expect(judgeContract(contract(1_000, 1_000), pace(500, 100), rule)).not.toBeNull(); // 1.0 × OI, 5.0 × pace
    expect(judgeContract(contract(999, 1_000), pace(499, 100), rule)).toBeNull(); // below OI
    expect(judgeContract(contract(1_000, 1_000), pace(501, 100), rule)).toBeNull(); // 4.99 × pace
  });

  it('does not flag heavy volume that is the contract’s usual pace', () => {
    expect(judgeContract(contract(5_000, 1_000), pace(4_000, 900), rule)).toBeNull();
  });

  it('does not judge a contract against its pace before it has enough history', () => {
    expect(judgeContract(contract(5_000, 100), pace(0, 10, 2), rule)).toBeNull();
    expect(judgeContract(contract(5_000, 100), undefined, rule)).toBeNull();
  });

  it('ignores small prints below the minimum volume even with no open interest', () => {
    expect(judgeContract(contract(99, 0), pace(0, 1), rule)).toBeNull();
    expect(judgeContract(contract(100, 0), pace(0, 1), rule)?.volumeOverOpenInterest).toBeNull();
  });

  it('scans a chain, keeps the history of contracts still listed and counts those awaiting history', () => {
    const paces = new Map([['XYZ261211C00100000', pace(100, 10)], ['GONE', pace(5, 1)]]);
    const other = { ...contract(50, 1000), contractId: 'NEW' };
    const scan = scanUnusual([contract(2_000, 500), other], paces, rule, 20);
    expect(scan.unusual.map((u) => u.contractId)).toEqual(['XYZ261211C00100000']);
    expect([...scan.paces.keys()]).toEqual(['XYZ261211C00100000', 'NEW']);
    expect(scan.awaitingHistory).toBe(1);
  });
});

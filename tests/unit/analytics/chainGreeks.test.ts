import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { chainGreeks } from '../../../core/analytics/chainGreeks';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';
import { etToUtc } from '../../../core/market/newYorkTime';

const now = etToUtc('2026-12-07', 11, 0);
const spot = 590;
const rate = 0.04;
const dividendYield = 0.013;
const expiries = ['2026-12-09', '2026-12-18', '2027-01-15'];
const strikes = [560, 575, 585, 590, 595, 605, 620];
const volOf = (strike: number) => 0.16 + Math.abs(strike - spot) / 1000;

interface Vendor {
  thetaPer: number;
  vegaPer: number;
  /** Added to the vendor delta of the i-th contract. */
  deltaShift?: (i: number) => number;
  /** Sent with IV and greeks of 0. */
  withoutGreeks?: (i: number) => boolean;
}

/** A chain priced by BSM with a dividend yield (marks exact), the vendor's greeks in the given units. */
function chainOf(vendor: Vendor): OptionChainSnapshot {
  const contracts: OptionContractQuote[] = [];
  let i = 0;
  for (const expiry of expiries) {
    const time = (etToUtc(expiry, 16) - now) / (365 * 86_400_000);
    for (const strike of strikes) {
      for (const type of ['call', 'put'] as const) {
        const g = blackScholes({ spot, strike, time, vol: volOf(strike), rate, dividendYield, right: type === 'call' ? 'C' : 'P' });
        const none = vendor.withoutGreeks?.(i) ?? false;
        contracts.push({
          contractId: `SPY-${expiry}-${type}-${strike}`, expiry, strike, type, bid: g.price, bidSize: 5, ask: g.price, askSize: 5, last: g.price, mark: g.price,
          volume: 10, openInterest: 100, iv: none ? 0 : volOf(strike), delta: none ? 0 : g.delta + (vendor.deltaShift?.(i) ?? 0),
          gamma: none ? 0 : g.gamma, theta: none ? 0 : g.theta * vendor.thetaPer, vega: none ? 0 : g.vega * vendor.vegaPer, rho: none ? 0 : g.rho,
        });
        i++;
      }
    }
  }
  return { symbol: 'SPY', asOf: now, quoteDate: '2026-12-07', contracts, skipped: 0 };
}

describe('chainGreeks (the options flow’s vendor-greek check and fill)', () => {
  it('counts exactly the contracts whose vendor delta is off by more than 0.05, at each expiry’s parity spot', async () => {
    // 42 contracts; #5 and #30 off by 0.09 and −0.3, #12 off by 0.04 (within tolerance).
    const chain = chainOf({ thetaPer: 1, vegaPer: 1, deltaShift: (i) => ({ 5: 0.09, 30: -0.3, 12: 0.04 })[i] ?? 0 });
    const { reading } = await chainGreeks(chain, now, rate);
    expect(reading).toMatchObject({ checked: 42, mismatched: 2, filled: 0, unfilled: 0, deltaTolerance: 0.05 });
    expect(reading.share).toBeCloseTo(2 / 42, 12);
    expect(reading.worst.map((w) => w.contractId)).toEqual([chain.contracts[30]!.contractId, chain.contracts[5]!.contractId]);
    expect(reading.worst[0]!.difference).toBeCloseTo(-0.3, 2);
  });

  it('names the vendor’s units: theta per year and vega per 1.00 of vol, or ours', async () => {
    const perYear = (await chainGreeks(chainOf({ thetaPer: 365, vegaPer: 100 }), now, rate)).reading;
    expect(perYear).toMatchObject({ thetaUnit: 'per year', vegaUnit: 'per 1.00 of vol', mismatched: 0 });
    const ours = (await chainGreeks(chainOf({ thetaPer: 1, vegaPer: 1 }), now, rate)).reading;
    expect(ours).toMatchObject({ thetaUnit: 'per calendar day', vegaUnit: 'per vol point (0.01)' });
    expect(ours.thetaRatio!).toBeCloseTo(1, 1);
  });

  it('fills the contracts sent without greeks with ours from their mark, leaves the others as sent, and does not check them', async () => {
    const chain = chainOf({ thetaPer: 1, vegaPer: 1, withoutGreeks: (i) => i % 10 === 3 });
    const { contracts, reading } = await chainGreeks(chain, now, rate);
    expect(reading).toMatchObject({ filled: 4, unfilled: 0, checked: 38, mismatched: 0 });
    expect(contracts).toHaveLength(42);
    for (const [i, c] of contracts.entries()) {
      const sent = chain.contracts[i]!;
      if (i % 10 !== 3) {
        expect(c).toBe(sent);
        continue;
      }
      const time = (etToUtc(c.expiry, 16) - now) / (365 * 86_400_000);
      const truth = blackScholes({ spot, strike: c.strike, time, vol: volOf(c.strike), rate, dividendYield, right: c.type === 'call' ? 'C' : 'P' });
      expect(c.iv).toBeCloseTo(volOf(c.strike), 6);
      expect(c.gamma).toBeCloseTo(truth.gamma, 4);
      expect(Math.abs(c.delta - truth.delta)).toBeLessThan(0.005); // the parity spot carries the dividend; delta lacks its e^{−qT}
      expect(sent.iv).toBe(0);
    }
  });

  it('counts a contract without greeks and without a mark as unfilled', async () => {
    const chain = chainOf({ thetaPer: 1, vegaPer: 1, withoutGreeks: (i) => i === 0 });
    chain.contracts[0] = { ...chain.contracts[0]!, mark: 0 };
    const { reading, contracts } = await chainGreeks(chain, now, rate);
    expect(reading).toMatchObject({ filled: 0, unfilled: 1 });
    expect(contracts[0]!.iv).toBe(0);
  });
});

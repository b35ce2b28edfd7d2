import { describe, expect, it } from 'vitest';
import { OptionChainMarks } from '../../../core/app/optionChainMarks';
import { createEngineBus } from '../../../core/bus/catalogue';
import { blackScholes } from '../../../core/analytics/blackScholes';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';

const CALL = { kind: 'option' as const, symbol: 'SPY', expiry: '2025-01-17', strike: 450, right: 'call' as const };

function chain(asOf: number, mark: number): OptionChainSnapshot {
  const contract: OptionContractQuote = {
    contractId: 'SPY250117C00450000', expiry: '2025-01-17', strike: 450, type: 'call', bid: mark - 0.1, bidSize: 1, ask: mark + 0.1, askSize: 1, last: mark,
    mark, volume: 0, openInterest: 0, iv: 0.2, delta: 0.5, gamma: 0.01, theta: -0.2, vega: 0.3, rho: 0,
  };
  return { symbol: 'SPY', asOf, quoteDate: null, contracts: [contract], skipped: 0 };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('option marks from the newest chain', () => {
  it('reads a chain back only once a mark is asked for, then at every refresh; a failed read keeps the last marks', async () => {
    const bus = createEngineBus();
    const marks = new OptionChainMarks(bus, 0.04);
    marks.start();
    let loads = 0;
    const refresh = (asOf: number, answer: () => Promise<OptionChainSnapshot | null>) =>
      bus.publish('chainRefreshed', { symbol: 'SPY', asOf, load: () => (loads++, answer()) });

    refresh(1, async () => chain(1, 5));
    expect(loads, 'nobody asked: nothing read').toBe(0);
    expect(marks.lookup(CALL), 'not read back yet').toBeNull();
    await settle();
    expect(marks.lookup(CALL)).toMatchObject({ mark: 5, delta: 0.5, bid: 4.9, ask: 5.1 });
    expect(loads).toBe(1);

    refresh(2, async () => chain(2, 6));
    expect(loads, 'a wanted symbol is read at its refresh').toBe(2);
    await settle();
    expect(marks.lookup(CALL)?.mark).toBe(6);

    refresh(3, async () => Promise.reject(new Error('redis down')));
    await settle();
    expect(marks.lookup(CALL)?.mark, 'the last marks stay').toBe(6);
    expect(loads, 'a failed read is not retried at every lookup').toBe(3);
    expect(marks.lookup({ ...CALL, strike: 455 }), 'a contract the chain does not have').toBeNull();
  });

  it('gives a contract the vendor sent without greeks our own, so its delta is not 0 to the exposure checks', async () => {
    const asOf = Date.parse('2026-12-07T15:00:00Z');
    const expiry = '2027-01-15'; // 39 days and 5 hours: 16:00 New York on expiry
    const years = (Date.parse('2027-01-15T21:00:00Z') - asOf) / (365 * 86_400_000);
    const priced = (strike: number, type: 'call' | 'put'): OptionContractQuote => {
      const g = blackScholes({ spot: 100, strike, time: years, vol: 0.2, rate: 0.04, right: type === 'call' ? 'C' : 'P' });
      return { contractId: `X${strike}${type}`, expiry, strike, type, bid: g.price - 0.01, bidSize: 1, ask: g.price + 0.01, askSize: 1, last: g.price, mark: g.price, volume: 0, openInterest: 10, iv: 0.2, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho };
    };
    const contracts = [95, 100, 105].flatMap((k) => [priced(k, 'call'), priced(k, 'put')]);
    const want = contracts[4]!; // the 105 call
    contracts[4] = { ...want, iv: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
    const bus = createEngineBus();
    const marks = new OptionChainMarks(bus, 0.04);
    marks.start();
    bus.publish('chainRefreshed', { symbol: 'SPY', asOf, load: async () => ({ symbol: 'SPY', asOf, quoteDate: null, contracts, skipped: 0 }) });
    const call105 = { kind: 'option' as const, symbol: 'SPY', expiry, strike: 105, right: 'call' as const };
    marks.lookup(call105);
    for (let i = 0; i < 10 && !marks.lookup(call105); i++) await settle();
    const mark = marks.lookup(call105)!;
    expect(mark.delta).toBeCloseTo(want.delta, 3);
    expect(mark.gamma).toBeCloseTo(want.gamma, 4);
  });
});

import { describe, expect, it } from 'vitest';
import { OptionChainMarks } from '../../../core/app/optionChainMarks';
import { createEngineBus } from '../../../core/bus/catalogue';
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
    const marks = new OptionChainMarks(bus);
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
});

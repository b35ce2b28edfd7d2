import { describe, expect, it } from 'vitest';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { greeksByStrike, parseOptionChain } from '../../../../core/venues/alphavantage/optionChainParser';
import { fixtureJson } from './fixtures';

const AS_OF = Date.UTC(2025, 0, 3, 15);

describe('options chain parsing', () => {
  const { chain, refused } = parseOptionChain(fixtureJson('realtime_options_spy.json'), 'SPY', AS_OF);
  const byId = (id: string) => chain.contracts.find((c) => c.contractId === id);

  it('converts string and numeric fields of a contract into numbers', () => {
    expect(byId('SPY250117C00450000')).toEqual({
      contractId: 'SPY250117C00450000', expiry: '2025-01-17', strike: 450, type: 'call',
      bid: 12.3, bidSize: 25, ask: 12.5, askSize: 40, last: 12.35, mark: 12.4, volume: 1834, openInterest: 20441,
      iv: 0.18213, delta: 0.61234, gamma: 0.01422, theta: -0.1214, vega: 0.4512, rho: 0.11233,
    });
    expect(byId('SPY250117C00452500')?.strike).toBe(452.5);
    expect(byId('SPY250117P00450000')?.volume).toBe(977);
  });

  it('reads strikes printed with six decimals as the same number', () => {
    expect(byId('SPY250321P00600000')?.strike).toBe(600);
  });

  it('keeps the market surprises: positive theta on a deep ITM put, IV above 4, zero bid, untraded last of 0', () => {
    expect(byId('SPY250321P00600000')).toMatchObject({ theta: 0.04103, last: 0, delta: -0.99871 });
    expect(byId('SPY250117C00800000')).toMatchObject({ iv: 4.3112, bid: 0, last: 0, gamma: 0 });
  });

  it('counts and skips contracts with missing or impossible fields', () => {
    expect(chain.contracts).toHaveLength(5);
    expect(chain.skipped).toBe(5);
    expect(refused).toEqual({
      'missing greeks': 1,
      'negative price': 1,
      'delta impossible for a call': 1,
      'bad strike': 1,
      'contractID disagrees with expiry/type/strike': 1,
    });
  });

  it('records the quote date and the fetch time', () => {
    expect(chain.quoteDate).toBe('2025-01-03');
    expect(chain.asOf).toBe(AS_OF);
  });

  it('gives an empty chain for an unknown symbol rather than an error', () => {
    const empty = parseOptionChain({ endpoint: 'Realtime Options', message: 'No data for symbol XYZQ', data: [] }, 'XYZQ', AS_OF);
    expect(empty.chain.contracts).toEqual([]);
  });

  it('refuses an answer without a data array as malformed, naming what it got', () => {
    expect(() => parseOptionChain({ endpoint: 'Realtime Options', rows: [] }, 'SPY', AS_OF)).toThrow(/REALTIME_OPTIONS SPY: the answer has no "data" array \(keys "endpoint", "rows"\)/);
  });

  it('refuses a chain whose every contract is garbage instead of storing an empty one', () => {
    const garbage = { data: [{ contractID: 'x' }, 42, null] };
    const error = (() => {
      try {
        parseOptionChain(garbage, 'SPY', AS_OF);
      } catch (e) {
        return e as AvError;
      }
    })();
    expect(error).toBeInstanceOf(AvError);
    expect(error?.kind).toBe('validation');
    expect(error?.message).toMatch(/all 3 contracts refused/);
  });

  it('skips rows that belong to another underlying', () => {
    const [good, other] = fixtureJson('realtime_options_spy.json').data as object[];
    const parsed = parseOptionChain({ data: [good, { ...other, symbol: 'QQQ' }] }, 'SPY', AS_OF);
    expect(parsed.chain.contracts.map((c) => c.contractId)).toEqual(['SPY250117C00450000']);
    expect(parsed.refused).toEqual({ 'belongs to another symbol': 1 });
  });
});

describe('greeks by strike', () => {
  const { chain } = parseOptionChain(fixtureJson('realtime_options_spy.json'), 'SPY', AS_OF);
  const greeks = greeksByStrike(chain);

  it('indexes greeks by expiry, canonical strike and type', () => {
    expect(Object.keys(greeks.expiries).sort()).toEqual(['2025-01-17', '2025-03-21']);
    expect(Object.keys(greeks.expiries['2025-01-17']!).sort()).toEqual(['450', '452.5', '800']);
    expect(greeks.expiries['2025-01-17']!['450']!.call).toMatchObject({ gamma: 0.01422, openInterest: 20441, delta: 0.61234 });
    expect(greeks.expiries['2025-01-17']!['450']!.put).toMatchObject({ delta: -0.38766, openInterest: 18220 });
    expect(greeks.expiries['2025-03-21']!['600']!.put?.theta).toBe(0.04103);
  });
});

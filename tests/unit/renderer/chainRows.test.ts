import { describe, expect, it } from 'vitest';
import type { OptionChainSnapshot } from '../../../core/contract/contract';
import { chainRows, diffRows, expiriesOf, type OptionQuote } from '../../../renderer/src/panels/optionChain/chainRows';

const contract = (expiry: string, strike: number, type: 'call' | 'put', bid = 1): OptionQuote =>
  ({ contractId: `${expiry}${type}${strike}`, expiry, strike, type, bid, ask: bid + 0.1, delta: type === 'call' ? 0.5 : -0.5 }) as OptionQuote;

const snapshot = (contracts: OptionQuote[]): OptionChainSnapshot => ({ symbol: 'SPY', asOf: 0, quoteDate: null, contracts, skipped: 0 });

describe('option chain rows', () => {
  const strikes = [95, 100, 105, 110, 115];
  const chain = snapshot([...strikes.flatMap((k) => [contract('2026-01-02', k, 'call'), contract('2026-01-02', k, 'put')]), contract('2026-01-09', 100, 'call')]);

  it('lists expiries in date order and pairs call and put per strike', () => {
    expect(expiriesOf(chain)).toEqual(['2026-01-02', '2026-01-09']);
    const rows = chainRows(chain, '2026-01-02', null, 0);
    expect(rows.map((r) => r.strike)).toEqual(strikes);
    expect(rows[1]!.call?.type).toBe('call');
    expect(rows[1]!.put?.type).toBe('put');
  });

  it('keeps the strikes around the money', () => {
    expect(chainRows(chain, '2026-01-02', 106, 1).map((r) => r.strike)).toEqual([100, 105, 110]);
  });

  it('turns a refresh into a transaction: changed rows updated, new ones added, vanished ones removed', () => {
    const before = new Map(chainRows(chain, '2026-01-02', null, 0).map((r) => [r.id, r]));
    const refreshed = snapshot([
      contract('2026-01-02', 100, 'call', 2),
      contract('2026-01-02', 100, 'put'),
      contract('2026-01-02', 105, 'call'),
      contract('2026-01-02', 105, 'put'),
      contract('2026-01-02', 120, 'call'),
    ]);
    const transaction = diffRows(before, chainRows(refreshed, '2026-01-02', null, 0));
    expect(transaction.update.map((r) => r.strike)).toEqual([100]);
    expect(transaction.add.map((r) => r.strike)).toEqual([120]);
    expect(transaction.remove.map((r) => r.strike)).toEqual([95, 110, 115]);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeChain, decodeGreeks, encodeOptions } from '../../../../core/venues/alphavantage/chainColumns';
import { greeksByStrike, parseOptionChain } from '../../../../core/venues/alphavantage/optionChainParser';
import { fixtureJson } from './fixtures';

describe('the column form of a chain in Redis', () => {
  const { chain } = parseOptionChain(fixtureJson('realtime_options_spy.json'), 'SPY', Date.UTC(2025, 0, 3, 15));
  const encoded = encodeOptions(chain);

  it('gives back the same snapshot, contract for contract', () => {
    expect(decodeChain(encoded.chain)).toEqual(chain);
  });

  it('gives back the greeks indexed by expiry, strike and type', () => {
    expect(decodeGreeks(encoded.greeks)).toEqual(greeksByStrike(chain));
  });

  it('is one array per field, contract i at index i', () => {
    const stored = JSON.parse(encoded.chain) as { count: number; columns: Record<string, unknown[]> };
    expect(stored.count).toBe(chain.contracts.length);
    expect(stored.columns.delta).toEqual(chain.contracts.map((c) => c.delta));
    expect(Object.keys((JSON.parse(encoded.greeks) as typeof stored).columns)).not.toContain('bid');
  });

  it('refuses what is not a complete column document', () => {
    expect(decodeChain(null)).toBeNull();
    expect(decodeChain('{"symbol":"SPY"')).toBeNull();
    expect(decodeChain(encoded.greeks)).toBeNull(); // no quote columns
    expect(decodeGreeks('null')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { CHAIN_HEAD_BYTES, decodeChain, decodeChainHead, decodeGreeks, encodeOptions } from '../../../../core/venues/alphavantage/chainColumns';
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

  it('tells what a stored chain is from its first bytes alone: symbol, as-of time and counts, without its columns', () => {
    const { symbol, asOf, quoteDate, skipped } = chain;
    const head = { symbol, asOf, count: chain.contracts.length, quoteDate, skipped };
    expect(decodeChainHead(encoded.chain.slice(0, CHAIN_HEAD_BYTES))).toEqual(head);
    expect(decodeChainHead(encodeOptions({ ...chain, quoteDate: null }).chain.slice(0, CHAIN_HEAD_BYTES))).toEqual({ ...head, quoteDate: null });
  });

  it('refuses a head that is not one encodeOptions wrote', () => {
    expect(decodeChainHead(null)).toBeNull();
    expect(decodeChainHead('')).toBeNull();
    expect(decodeChainHead(encoded.chain.slice(0, 20))).toBeNull(); // cut before its columns begin
    expect(decodeChainHead('{"symbol":"SPY","asOf":"yesterday","count":1,"quoteDate":null,"skipped":0,"columns":{')).toBeNull();
    expect(decodeChainHead('not json,"columns":{')).toBeNull();
  });
});

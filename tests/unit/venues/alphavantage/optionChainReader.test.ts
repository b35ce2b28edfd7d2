import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { decodeChain, decodeGreeks } from '../../../../core/venues/alphavantage/chainColumns';
import { greeksByStrike, parseOptionChain } from '../../../../core/venues/alphavantage/optionChainParser';
import { readOptionChain } from '../../../../core/venues/alphavantage/optionChainReader';
import { fixtureJson, fixtureText } from './fixtures';

const AS_OF = Date.UTC(2025, 0, 3, 15);
const CALL = 'REALTIME_OPTIONS SPY';

const good = () => structuredClone((fixtureJson('realtime_options_spy.json').data as Array<Record<string, unknown>>)[0]!);
const answer = (data: unknown[]) => JSON.stringify({ endpoint: 'Realtime Options', message: 'success', data });
const read = (body: string, symbol = 'SPY') => readOptionChain(Buffer.from(body), CALL, symbol, AS_OF); // bytes, as received

function failure(body: string): AvError {
  try {
    read(body);
  } catch (error) {
    return error as AvError;
  }
  throw new Error('no error');
}

describe('reading a chain answer', () => {
  it('gives the stored documents and the counts of the recorded answer, counting refused contracts by reason', () => {
    const body = fixtureText('realtime_options_spy.json');
    const chain = read(body);
    const parsed = parseOptionChain(readAnswer(body, CALL), 'SPY', AS_OF).chain;
    expect([chain.count, chain.skipped, chain.quoteDate]).toEqual([5, 5, '2025-01-03']);
    expect(chain.refused).toEqual({
      'missing greeks': 1, 'negative price': 1, 'delta impossible for a call': 1, 'bad strike': 1, 'contractID disagrees with expiry/type/strike': 1,
    });
    expect(decodeChain(chain.encoded.chain)).toEqual(parsed);
    expect(decodeGreeks(chain.encoded.greeks)).toEqual(greeksByStrike(parsed));
  });

  it('reads numbers sent as strings or as JSON numbers, with counts rounded, as readOptionContract does', () => {
    const contract = { ...good(), strike: '450.000000', bid: 12.3, bid_size: '25.0', ask_size: '39.6', last: ' 12.35', mark: '5.', volume: '1e3', theta: '-0.00000' };
    const chain = read(answer([contract]));
    expect(decodeChain(chain.encoded.chain)!.contracts[0]).toMatchObject({ strike: 450, bid: 12.3, bidSize: 25, askSize: 40, last: 12.35, mark: 5, volume: 1000, theta: 0 });
  });

  it('refuses bad fields for the same reasons as readOptionContract, each counted', () => {
    const variants: Array<Record<string, unknown>> = [
      { contractID: 'SPY' }, { symbol: 'QQQ' }, { expiration: '2025-02-30' }, { type: 'Call' }, { strike: '-450' }, { strike: '451.00' },
      { bid: '' }, { mark: '-0.01' }, { bid_size: '-1' }, { volume: 'None' }, { implied_volatility: '-0.1' }, { delta: '1.2' },
      { gamma: '-0.01' }, { vega: '-1' }, { rho: 'Infinity' },
    ];
    const chain = read(answer([good(), ...variants.map((change) => ({ ...good(), ...change })), 42, null]));
    expect([chain.count, chain.skipped]).toEqual([1, variants.length + 2]);
    expect(chain.refused).toEqual({
      'missing contractID': 1, 'belongs to another symbol': 1, 'bad expiration': 1, 'bad type': 1, 'bad strike': 1,
      'contractID disagrees with expiry/type/strike': 1, 'missing price': 1, 'negative price': 1, 'missing or negative size, volume or open interest': 2,
      'negative implied_volatility': 1, 'delta impossible for a call': 1, 'negative gamma': 1, 'negative vega': 1, 'missing greeks': 1, 'not an object': 2,
    });
  });

  it('gives an empty chain for an empty data array', () => {
    const chain = read(fixtureText('realtime_options_unknown_symbol.json'), 'XYZQ');
    expect(chain.count).toBe(0);
    expect(decodeChain(chain.encoded.chain)!.contracts).toEqual([]);
  });

  it('throws AvErrors of their kind for in-band answers, truncated or garbled JSON, no data array, every contract refused', () => {
    expect([failure(fixtureText('throttle_note.json')).kind, failure(fixtureText('throttle_note.json')).retryable]).toEqual(['throttled', true]);
    expect(failure(fixtureText('throttle_information.json')).kind).toBe('throttled');
    expect(failure(fixtureText('premium_information.json')).kind).toBe('premium');
    expect(failure(fixtureText('error_invalid_call.json')).kind).toBe('api_error');
    const truncated = failure(fixtureText('realtime_options_truncated.txt'));
    expect([truncated.kind, truncated.retryable]).toEqual(['malformed', false]);
    expect(truncated.message).toMatch(/^REALTIME_OPTIONS SPY: the answer is not valid JSON/);
    expect(failure('<html>502 Bad Gateway</html>').kind).toBe('malformed');
    expect(failure(answer([good()]).replace('"data"', '"rows"')).message).toMatch(/no "data" array/);
    const refused = failure(answer([{ contractID: 'x' }, 42, null]));
    expect(refused.kind).toBe('validation');
    expect(refused.message).toBe('REALTIME_OPTIONS SPY: all 3 contracts refused (1 missing contractID, 2 not an object)');
  });
});

import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { decodeChain, decodeGreeks } from '../../../../core/venues/alphavantage/chainColumns';
import { scanChain } from '../../../../core/venues/alphavantage/chainScanner';
import { greeksByStrike, parseOptionChain } from '../../../../core/venues/alphavantage/optionChainParser';
import { readOptionChain, type ReadChain } from '../../../../core/venues/alphavantage/optionChainReader';
import { fixtureJson, fixtureText } from './fixtures';

const AS_OF = Date.UTC(2025, 0, 3, 15);
const CALL = 'REALTIME_OPTIONS SPY';
const text = (encoded: string | Buffer) => encoded.toString();

/** The general path's result for the same body: readAnswer + parseOptionChain (readOptionContract's rules). */
function general(body: string, symbol = 'SPY') {
  return parseOptionChain(readAnswer(body, CALL), symbol, AS_OF);
}

/**
 * The one-pass reader gives what the general path gives: the same contracts, refusals and stored values; and the
 * body as received (bytes) reads as its text does.
 */
function expectSameAsGeneral(body: string, symbol = 'SPY'): ReadChain {
  const read = readOptionChain(body, CALL, symbol, AS_OF);
  const fromBytes = readOptionChain(Buffer.from(body), CALL, symbol, AS_OF);
  expect(text(fromBytes.encoded.chain)).toBe(text(read.encoded.chain));
  expect(text(fromBytes.encoded.greeks)).toBe(text(read.encoded.greeks));
  expect(fromBytes.refused).toEqual(read.refused);
  const { chain, refused } = general(body, symbol);
  expect(read.refused).toEqual(refused);
  expect(read.count).toBe(chain.contracts.length);
  expect(read.skipped).toBe(chain.skipped);
  expect(read.snapshot()).toEqual(chain);
  expect(decodeChain(text(read.encoded.chain))).toEqual(chain);
  expect(decodeGreeks(text(read.encoded.greeks))).toEqual(greeksByStrike(chain));
  return read;
}

const good = () => structuredClone((fixtureJson('realtime_options_spy.json').data as Array<Record<string, unknown>>)[0]!);
const body = (data: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ endpoint: 'Realtime Options', message: 'success', ...extra, data });

describe('reading a chain answer in one pass', () => {
  it('reads the recorded answer (pretty-printed) without the general path, with its results', () => {
    const fixture = fixtureText('realtime_options_spy.json');
    expect(scanChain(fixture, 'SPY', AS_OF)).not.toBeNull();
    const read = expectSameAsGeneral(fixture);
    expect(read.count).toBe(5);
    expect(read.refused).toEqual({
      'missing greeks': 1, 'negative price': 1, 'delta impossible for a call': 1, 'bad strike': 1, 'contractID disagrees with expiry/type/strike': 1,
    });
  });

  it('keeps the number texts that are JSON literals and writes the others from their numbers', () => {
    const row = { ...good(), strike: '450.000000', bid: '12.30', bid_size: '25.0', ask_size: '39.6', last: ' 12.35', mark: '5.', volume: '1e3', theta: '-0.00000' };
    const read = expectSameAsGeneral(body([row]));
    const stored = text(read.encoded.chain);
    expect(stored).toContain('"strike":[450.000000]');
    expect(stored).toContain('"bid":[12.30]');
    expect(stored).toContain('"bidSize":[25.0]');
    expect(stored).toContain('"askSize":[40]'); // rounded count
    expect(stored).toContain('"last":[12.35]');
    expect(stored).toContain('"mark":[5]');
    expect(stored).toContain('"volume":[1e3]');
    expect(Object.is(decodeChain(stored)!.contracts[0]!.theta, -0)).toBe(true); // as readOptionContract reads "-0.00000"
  });

  it('refuses bad fields for the same reasons as readOptionContract, counted', () => {
    const variants: Array<Record<string, unknown>> = [
      { contractID: 'SPY' }, { contractID: 42 }, { symbol: 'QQQ' }, { symbol: 7 }, { expiration: '2025-02-30' }, { expiration: null },
      { type: 'Call' }, { strike: '0' }, { strike: '-450' }, { strike: 'None' }, { strike: '451.00' }, { type: 'put' },
      { bid: '' }, { ask: '-' }, { last: '  ' }, { mark: '-0.01' }, { bid_size: '-1' }, { volume: 'None' }, { open_interest: true },
      { implied_volatility: '-0.1' }, { delta: '1.2' }, { delta: '-0.2' }, { gamma: '-0.01' }, { vega: '-1' }, { rho: 'Infinity' },
      { theta: '0x10' }, { strike: 450 }, { bid: 12.3 }, { delta: 5e-5 }, { gamma: '00.5' }, { vega: '+0.4' }, { rho: '1.2.3' },
      { iv: 'ignored' }, { implied_volatility: '0.1234567890123456789' }, { bid: '12.3000000000000000001' },
    ];
    const rows = [good(), ...variants.map((change) => ({ ...good(), ...change }))];
    const missing = ['rho', 'bid', 'contractID', 'expiration', 'type', 'strike', 'volume'].map((key) => {
      const row = good();
      delete row[key];
      return row;
    });
    expectSameAsGeneral(body([...rows, ...missing, 42, null, 'row', true]));
  });

  it('reads rows whatever their key order, unknown keys and repeated keys', () => {
    const reordered = Object.fromEntries(Object.entries(good()).reverse());
    const extra = { ...good(), note: 'x', open: null, flag: false, n: -1.5e3 };
    const repeated = `{"contractID":"nope",${JSON.stringify(good()).slice(1)}`;
    const data = `[${[good(), reordered, extra].map((r) => JSON.stringify(r)).join(',')},${repeated}]`;
    const answer = ` {\n "endpoint" : "Realtime Options",\n "data" : ${data.replaceAll(',"', ', "')} \n}\n`;
    expect(scanChain(answer, 'SPY', AS_OF)?.count).toBe(4);
    expectSameAsGeneral(answer);
  });

  it('leaves escapes, nested values and non-ASCII ids to the general path, with the same result', () => {
    const escaped = JSON.stringify({ data: [good()] }).replace('"SPY250117C00450000"', '"\\u0053PY250117C00450000"');
    const nested = body([{ ...good(), greeks: { delta: 0.5 } }]);
    const accented = body([{ ...good(), contractID: `É${good().contractID as string}`.slice(0, 19) }]);
    for (const answer of [escaped, nested, accented]) {
      expect(scanChain(answer, 'SPY', AS_OF)).toBeNull();
      expectSameAsGeneral(answer);
    }
  });

  it('gives an empty chain for an empty data array', () => {
    const read = expectSameAsGeneral(fixtureText('realtime_options_unknown_symbol.json'), 'XYZQ');
    expect(read.count).toBe(0);
  });

  it('throws the errors of the general path: in-band answers, bad JSON, no data array, every contract refused', () => {
    const error = (answer: string) => {
      try {
        readOptionChain(answer, CALL, 'SPY', AS_OF);
      } catch (e) {
        return e as AvError;
      }
      throw new Error('no error');
    };
    expect(error(fixtureText('throttle_note.json')).kind).toBe('throttled');
    expect(error(fixtureText('throttle_information.json')).kind).toBe('throttled');
    expect(error(fixtureText('premium_information.json')).kind).toBe('premium');
    expect(error(fixtureText('error_invalid_call.json')).kind).toBe('api_error');
    expect(error(fixtureText('realtime_options_truncated.txt')).kind).toBe('malformed');
    expect(error(body([good()]).replace('"data"', '"rows"')).message).toMatch(/no "data" array/);
    expect(error(JSON.stringify({ data: { rows: [] } })).kind).toBe('malformed');
    const refused = error(body([{ contractID: 'x' }, 42, null]));
    expect(refused).toBeInstanceOf(AvError);
    expect(refused.kind).toBe('validation');
    expect(refused.message).toBe('REALTIME_OPTIONS SPY: all 3 contracts refused (1 missing contractID, 2 not an object)');
  });

  it('agrees with the general path on randomly damaged chains', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const junk = ['', ' ', '-', 'None', '0', '-0', '1e-400', '1e400', '3.', '.5', '007', '-12.5', '12,5', 42, -1, 0.25, null, true];
    for (let round = 0; round < 20; round++) {
      const rows = Array.from({ length: 30 }, () => {
        const row: Record<string, unknown> = good();
        const keys = Object.keys(row);
        if (random() < 0.5) row[keys[Math.floor(random() * keys.length)]!] = junk[Math.floor(random() * junk.length)];
        return row;
      });
      expectSameAsGeneral(body([good(), ...rows]));
    }
  });
});

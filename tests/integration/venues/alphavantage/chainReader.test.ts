import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainReader, type ChainReaderOptions } from '../../../../core/app/chainReader';
import { AlphaVantageStore } from '../../../../core/store/alphaVantageStore';
import { keys } from '../../../../core/store/keys';
import { readAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { AvHttpClient } from '../../../../core/venues/alphavantage/avHttpClient';
import { chainRequest } from '../../../../core/venues/alphavantage/avRequests';
import { callChain, loadChain, type CalledChain } from '../../../../core/venues/alphavantage/chainCall';
import { decodeChain, decodeGreeks } from '../../../../core/venues/alphavantage/chainColumns';
import { greeksByStrike, parseOptionChain } from '../../../../core/venues/alphavantage/optionChainParser';
import { startTestRedis, type TestRedis } from '../../../support/testRedis';
import { fixtureJson, fixtureText } from '../../../unit/venues/alphavantage/fixtures';

const chainOf = (symbol: string) => chainRequest('REALTIME_OPTIONS', symbol);
/** A chain call that must have given a chain (not "no data"). */
const called = (chain: CalledChain | null): CalledChain => {
  if (chain === null) throw new Error('the call gave no data');
  return chain;
};
const good = () => structuredClone((fixtureJson('realtime_options_spy.json').data as Array<Record<string, unknown>>)[0]!);
const answer = (data: unknown[]) => JSON.stringify({ endpoint: 'Realtime Options', message: 'success', data });

/** A REALTIME_OPTIONS row for contract i of a large SPY chain. */
function row(i: number): Record<string, unknown> {
  const call = i % 2 === 0;
  const strike = 100 + Math.floor(i / 2) * 0.5;
  return {
    ...good(), contractID: `SPY250117${call ? 'C' : 'P'}${String(strike * 1000).padStart(8, '0')}`,
    expiration: '2025-01-17', strike: strike.toFixed(2), type: call ? 'call' : 'put', delta: call ? '0.51230' : '-0.48770',
  };
}

/** A stand-in Alpha Vantage on 127.0.0.1 answering each symbol's chain call with what a test set for it. */
function startEndpoint() {
  const answers = new Map<string, { status: number; body: string }>();
  const server = http.createServer((req, res) => {
    const symbol = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('symbol') ?? '';
    const { status, body } = answers.get(symbol) ?? { status: 404, body: '' };
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  return new Promise<{ url: string; answers: typeof answers; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers, close: () => server.close() })),
  );
}

describe('the chain reader', () => {
  let redis: TestRedis;
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  let here: AvHttpClient;
  const readers: ChainReader[] = [];
  const reader = (more: Partial<ChainReaderOptions> = {}) => {
    const made = new ChainReader({
      http: { baseUrl: endpoint.url, apiKey: 'k', timeoutMs: 5_000 },
      redisUrl: redis.url,
      here: (request, symbol) => callChain(here, new AlphaVantageStore(redis.client), request, symbol),
      loadHere: (symbol) => loadChain(new AlphaVantageStore(redis.client), symbol),
      onProblem: () => undefined,
      ...more,
    });
    readers.push(made);
    return made;
  };
  const failure = async (chains: ChainReader, symbol: string) => chains.call(chainOf(symbol), symbol).then(() => new Error('no error'), (error: AvError) => error);

  beforeAll(async () => {
    redis = await startTestRedis();
    endpoint = await startEndpoint();
    here = new AvHttpClient({ baseUrl: endpoint.url, apiKey: 'k', timeoutMs: 5_000, signal: new AbortController().signal });
  });
  afterAll(async () => {
    for (const made of readers) await made.stop();
    here.close();
    endpoint.close();
    await redis.stop();
  });

  it('fetches, reads and stores a chain on its own thread, and gives back only its counts', async () => {
    const body = fixtureText('realtime_options_spy.json');
    endpoint.answers.set('SPY', { status: 200, body });
    const chain = called(await reader().call(chainOf('SPY'), 'SPY'));
    const parsed = parseOptionChain(readAnswer(body, 'REALTIME_OPTIONS SPY'), 'SPY', chain.at).chain;
    expect([chain.count, chain.skipped, chain.unsaved]).toEqual([5, 5, null]);
    expect(chain.refused).toMatchObject({ 'missing greeks': 1, 'negative price': 1 });
    expect(decodeChain(await redis.client.get(keys.options.chain('SPY').key))).toEqual(parsed);
    expect(decodeGreeks(await redis.client.get(keys.options.greeks('SPY').key))).toEqual(greeksByStrike(parsed));
    expect(Object.keys(chain).sort()).toEqual(['at', 'count', 'quoteDate', 'refused', 'skipped', 'storedAt', 'unsaved']); // no contracts
  });

  it('reads a stored chain back on its thread, contract for contract, for a cockpit that watches it; null when none is stored', async () => {
    const chains = reader();
    const body = answer(Array.from({ length: 2_500 }, (_, i) => row(i))); // more than one turn of contracts to build
    endpoint.answers.set('SPY', { status: 200, body });
    const chain = called(await chains.call(chainOf('SPY'), 'SPY'));
    const stored = decodeChain(await redis.client.get(keys.options.chain('SPY').key));
    expect(stored!.contracts).toHaveLength(2_500);
    expect(await chains.load('SPY')).toEqual({ ...stored, asOf: chain.at });
    expect(await chains.load('NEVER')).toBeNull();
  });

  it('gives back the answer’s failures as AvErrors of their kind: HTTP 429 and 5xx, in-band throttling, truncated JSON', async () => {
    const chains = reader();
    endpoint.answers.set('A', { status: 429, body: '' });
    endpoint.answers.set('B', { status: 503, body: '' });
    endpoint.answers.set('C', { status: 200, body: fixtureText('throttle_note.json') });
    endpoint.answers.set('D', { status: 200, body: fixtureText('realtime_options_truncated.txt') });
    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((s) => failure(chains, s)));
    for (const error of [a, b, c, d]) expect(error).toBeInstanceOf(AvError);
    expect([a, b, c, d].map((e) => [(e as AvError).kind, (e as AvError).retryable])).toEqual([['throttled', true], ['http', true], ['throttled', true], ['malformed', false]]);
    expect(d!.message).toMatch(/^REALTIME_OPTIONS D: the answer is not valid JSON/);
  });

  it('screens the answer on its thread: the plan’s XXYYZZ sample is an entitlement error, {} is no data, and neither is stored', async () => {
    const chains = reader();
    endpoint.answers.set('NOPE', { status: 200, body: fixtureText('realtime_options_not_entitled.json') });
    endpoint.answers.set('NONE', { status: 200, body: '{}' });
    const refused = await failure(chains, 'NOPE');
    expect(refused).toBeInstanceOf(AvError);
    expect([(refused as AvError).kind, (refused as AvError).retryable]).toEqual(['entitlement', false]);
    expect(await chains.call(chainOf('NONE'), 'NONE')).toBeNull();
    expect(await redis.client.exists(keys.options.chain('NOPE').key, keys.options.chain('NONE').key)).toBe(0);
  });

  it('reports a chain Redis did not take as unsaved, not as a failed call, and leaves the stored one', async () => {
    const chains = reader();
    await chains.start();
    const stored = await redis.client.get(keys.options.chain('SPY').key);
    endpoint.answers.set('SPY', { status: 200, body: answer([good()]) });
    await redis.client.config('SET', 'maxmemory', '1'); // Redis refuses writes (OOM) while this lasts
    await redis.client.config('SET', 'maxmemory-policy', 'noeviction');
    try {
      const chain = called(await chains.call(chainOf('SPY'), 'SPY'));
      expect(chain.count).toBe(1);
      expect(chain.unsaved).toMatch(/EXECABORT|OOM/); // the MULTI refused whole
    } finally {
      await redis.client.config('SET', 'maxmemory', '0');
    }
    expect(await redis.client.get(keys.options.chain('SPY').key)).toBe(stored);
  });

  it('makes chain calls and reads stored chains on the engine’s thread when its thread cannot start, and says so once', async () => {
    const problems: string[] = [];
    const chains = reader({ entry: new URL('./no-such-thread.mjs', import.meta.url), onProblem: (p) => problems.push(p) });
    endpoint.answers.set('QQQ', { status: 200, body: fixtureText('realtime_options_spy.json').replaceAll('SPY', 'QQQ') });
    const first = called(await chains.call(chainOf('QQQ'), 'QQQ'));
    const second = called(await chains.call(chainOf('QQQ'), 'QQQ'));
    expect([first.count, second.count]).toEqual([5, 5]);
    expect(decodeChain(await redis.client.get(keys.options.chain('QQQ').key))!.contracts).toHaveLength(5);
    expect((await chains.load('QQQ'))!.contracts).toHaveLength(5);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/chain reader's thread .*option chains are read on the engine's thread/);
  });

  it('fails the chain its thread was reading when the thread runs out of memory, and reads the next on a new thread', async () => {
    const problems: string[] = [];
    const chains = reader({ resourceLimits: { maxOldGenerationSizeMb: 32 }, onProblem: (p) => problems.push(p) });
    await chains.start();
    endpoint.answers.set('HUGE', { status: 200, body: answer(Array.from({ length: 40_000 }, (_, i) => ({ ...row(i), symbol: 'HUGE' }))) }); // ~15 MB
    await expect(chains.call(chainOf('HUGE'), 'HUGE')).rejects.toThrow(/chain reader's thread (failed|exited).* while reading a chain/);
    endpoint.answers.set('SPY', { status: 200, body: fixtureText('realtime_options_spy.json') });
    expect(called(await chains.call(chainOf('SPY'), 'SPY')).count).toBe(5);
    expect(problems).toEqual([expect.stringMatching(/a new thread starts for the next chain/)]);
  }, 60_000);

  it('fails calls still in flight when it stops, by name, and takes no more', async () => {
    const chains = reader();
    await chains.start();
    endpoint.answers.set('BIG', { status: 200, body: answer(Array.from({ length: 5_000 }, (_, i) => ({ ...row(i), symbol: 'BIG' }))) });
    const calling = chains.call(chainOf('BIG'), 'BIG').catch((error: Error) => error);
    await chains.stop();
    expect(await calling).toEqual(expect.objectContaining({ message: expect.stringMatching(/the chain reader (has )?stopped/) }));
    await expect(chains.call(chainOf('SPY'), 'SPY')).rejects.toThrow('the chain reader has stopped');
    await expect(chains.load('SPY')).rejects.toThrow('the chain reader has stopped');
  });
});

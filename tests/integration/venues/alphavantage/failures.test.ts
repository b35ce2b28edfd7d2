import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlphaVantageIngestModule } from '../../../../core/venues/alphavantage';
import type { AlphaVantageFaults } from '../../../../core/sim/alphavantage';
import { keys } from '../../../../core/store/keys';
import { allStored, startAvTestBed, waitFor, type AvTestBed, type Launch } from './avTestBed';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Alpha Vantage failures leave the previous good data in place', () => {
  let bed: AvTestBed;
  let module: AlphaVantageIngestModule;
  let launches: Launch[];

  /** Everything stored for both symbols, byte for byte. */
  const storedData = async () => {
    const r = bed.redis.client;
    return {
      chain: await r.get(keys.options.chain('SPY').key),
      greeks: await r.get(keys.options.greeks('SPY').key),
      score: await r.hgetall(keys.sentiment.score('AAPL').key),
      articles: await r.lrange(keys.sentiment.articles('AAPL').key, 0, -1),
      rsi: await r.get(keys.technicals.indicator('SPY', 'rsi').key),
      macd: await r.get(keys.technicals.indicator('AAPL', 'macd').key),
    };
  };
  const lastChainSuccess = () => module.currentStatus()!.freshness.find((f) => f.symbol === 'SPY' && f.dataType === 'options')!.lastSuccess!;
  const errors = () => module.currentStatus()!.errors;

  /** Switches a fault on, lets calls already answered land, and returns the data as it stood then. */
  async function underFault(faults: Partial<AlphaVantageFaults>, forMs: number) {
    bed.endpoint.setFaults(faults);
    await sleep(500);
    const before = await storedData();
    const since = Date.now();
    const successBefore = lastChainSuccess();
    const errorsBefore = errors();
    await sleep(forMs);
    return { before, since, successBefore, errorsBefore, launched: launches.filter((l) => l.at >= since) };
  }

  async function recover() {
    bed.endpoint.clearFaults();
    const at = Date.now();
    await waitFor(() => lastChainSuccess() > at, 15_000, 'the chain to refresh again after the fault');
  }

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'AAPL']);
    ({ module, launches } = bed.ingest({
      symbols: [{ symbol: 'SPY', etf: true, priority: true }, { symbol: 'AAPL', etf: false, priority: false }],
      callsPerMinute: 100,
      schedules: { optionsRefreshSeconds: 0.5, sentimentRefreshMinutes: 0.01, technicalsRefreshMinutes: 0.01 },
      tuning: { windowMs: 1_000, timeoutMs: 1_500, failureBackoffMs: 200, retry: { retries: 2, minDelayMs: 30, maxDelayMs: 120, maxRequeues: 2 } },
    }));
    await module.start();
    await waitFor(() => allStored(module), 30_000, 'every data type stored');
  });
  afterAll(() => bed?.stop());

  it('slows the limiter and requeues on throttling answers, counting them, and keeps the data', async () => {
    const fault = await underFault({ throttleAll: true }, 2_500);
    expect(await storedData()).toEqual(fault.before);
    expect(lastChainSuccess()).toBe(fault.successBefore);
    expect(module.currentStatus()!.budget.slowdown).toBeGreaterThan(1);
    // 2.5 s of a 100 calls/s budget, yet the limiter paused after each throttling answer until the next window.
    expect(fault.launched.length).toBeLessThan(30);
    expect(errors().throttled).toBeGreaterThan(fault.errorsBefore.throttled);
    const spyThrottles = bed.badInput.filter((m) => m.startsWith('alphavantage: REALTIME_OPTIONS SPY: throttled by Alpha Vantage'));
    expect(spyThrottles.length).toBeGreaterThanOrEqual(2); // the same refresh was put back in the queue
    const calls = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('errors').key);
    expect(Number(calls.throttled)).toBeGreaterThan(0);
    await recover();
  });

  it('retries 5xx answers with backoff, counts them as HTTP errors, and keeps the data', async () => {
    const fault = await underFault({ serverErrorStatus: 503 }, 1_500);
    expect(await storedData()).toEqual(fault.before);
    expect(lastChainSuccess()).toBe(fault.successBefore);
    const chainCalls = fault.launched.filter((l) => l.call === 'REALTIME_OPTIONS SPY').map((l) => l.at);
    expect(chainCalls.length).toBeGreaterThanOrEqual(3); // first try and two retries
    expect(errors().http - fault.errorsBefore.http).toBeGreaterThanOrEqual(chainCalls.length);
    await recover();
  });

  it('gives up on answers slower than the deadline as timeouts, and keeps the data', async () => {
    const fault = await underFault({ delayMs: 2_000 }, 2_500);
    expect(await storedData()).toEqual(fault.before);
    expect(lastChainSuccess()).toBe(fault.successBefore);
    expect(errors().timeout).toBeGreaterThan(fault.errorsBefore.timeout);
    await recover();
  });

  it('accepts answers that are slow but within the deadline', async () => {
    await sleep(1_600); // calls held by the previous fault have all timed out
    bed.endpoint.setFaults({ delayMs: 200 });
    const at = Date.now();
    const timeouts = errors().timeout;
    await waitFor(() => lastChainSuccess() > at, 10_000, 'a slow chain to land');
    expect(errors().timeout).toBe(timeouts);
    bed.endpoint.clearFaults();
  });

  it('counts truncated JSON as malformed bad input naming the call, and keeps the data', async () => {
    const fault = await underFault({ truncateJson: true }, 1_500);
    expect(await storedData()).toEqual(fault.before);
    expect(lastChainSuccess()).toBe(fault.successBefore);
    expect(errors().malformed).toBeGreaterThan(fault.errorsBefore.malformed);
    expect(bed.badInput.some((m) => /^alphavantage: REALTIME_OPTIONS SPY: the answer is not valid JSON \(\d+ bytes/.test(m))).toBe(true);
    await recover();
  });
});

describe('Alpha Vantage error bodies', () => {
  let bed: AvTestBed;
  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'AAPL']);
  });
  afterAll(() => bed?.stop());

  it('reports an Error Message per function and symbol without retrying it, and stores nothing for that symbol', async () => {
    const { module } = bed.ingest({ symbols: [{ symbol: 'XYZQ', etf: false, priority: false }] });
    await module.start();
    const refusals = () => (module.currentStatus()?.errors.api_error ?? 0) + (module.currentStatus()?.errors.not_covered ?? 0);
    // The chain's call waits for the chain reader's thread to start: wait for it too.
    await waitFor(() => refusals() >= 5 && bed.endpoint.callCounts().REALTIME_OPTIONS === 1, 10_000, 'four refusals, "not covered" and the chain');
    await sleep(300);
    await module.stop();
    const callErrors = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('call_errors').key);
    expect(Object.keys(callErrors).sort()).toEqual(['ATR:XYZQ', 'BBANDS:XYZQ', 'MACD:XYZQ', 'NEWS_SENTIMENT:XYZQ', 'RSI:XYZQ']);
    expect(JSON.parse(callErrors['RSI:XYZQ']!)).toMatchObject({ kind: 'api_error', message: expect.stringMatching(/^RSI XYZQ: Alpha Vantage refused the call: Invalid API call/) });
    expect(JSON.parse(callErrors['NEWS_SENTIMENT:XYZQ']!)).toMatchObject({ kind: 'not_covered', message: expect.stringMatching(/^NEWS_SENTIMENT XYZQ: not covered by Alpha Vantage's news feed: Invalid inputs/) });
    expect(bed.endpoint.callCounts()).toMatchObject({ RSI: 1, MACD: 1, BBANDS: 1, ATR: 1, NEWS_SENTIMENT: 1, REALTIME_OPTIONS: 1 });
    // An unknown symbol's empty chain is not an error, and is not stored.
    expect(await bed.redis.client.exists(keys.options.chain('XYZQ').key)).toBe(0);
  });

  it('keeps stored data when the API key is refused', async () => {
    const good = bed.ingest({ symbols: [{ symbol: 'SPY', etf: true, priority: false }] }).module;
    await good.start();
    await waitFor(() => allStored(good), 20_000, 'SPY stored');
    await good.stop();
    const chain = await bed.redis.client.get(keys.options.chain('SPY').key);
    await bed.redis.client.del(keys.monitoring.alphaVantage('last_success').key); // as if fresh data were due again
    const refused = bed.ingest({ apiKey: 'not-the-key', symbols: [{ symbol: 'SPY', etf: true, priority: false }] }).module;
    await refused.start();
    await waitFor(() => (refused.currentStatus()?.errors.api_error ?? 0) >= 5, 10_000, 'five refusals');
    await refused.stop();
    expect(await bed.redis.client.get(keys.options.chain('SPY').key)).toBe(chain);
    expect(bed.badInput.some((m) => m.includes('REALTIME_OPTIONS SPY: Alpha Vantage refused the call: the parameter apikey is invalid'))).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlphaVantageStreams } from '../../../../core/app/cockpit/alphaVantageStreams';
import type { AlphaVantageIngestModule } from '../../../../core/venues/alphavantage';
import { decodeChain } from '../../../../core/venues/alphavantage/chainColumns';
import { nextDailyReset } from '../../../../core/venues/alphavantage/dailyCapPause';
import { keys } from '../../../../core/store/keys';
import { redisDump } from '../../../support/redisDump';
import { API_KEY, startAvTestBed, waitFor, type AvTestBed } from './avTestBed';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SPY = { symbol: 'SPY', etf: true, priority: true };
const AAPL = { symbol: 'AAPL', etf: false, priority: false };
/** Chains every half second, sentiment and technicals once: a chain's every turn is visible in a few seconds. */
const FAST_CHAINS = { optionsRefreshSeconds: 0.5, sentimentRefreshMinutes: 15, technicalsRefreshMinutes: 5 };
const totalCalls = (bed: AvTestBed) => Object.values(bed.endpoint.callCounts()).reduce((a, b) => a + b, 0);

describe('a key on the 75 calls/min plan, which has no realtime options', () => {
  let bed: AvTestBed;
  let module: AlphaVantageIngestModule;
  let streams: AlphaVantageStreams;
  const RECHECK_MS = 1_500;

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'AAPL', 'QQQ'], { plan: 'premium75' });
    ({ module, streams } = bed.ingest({ symbols: [SPY, AAPL], schedules: FAST_CHAINS, tuning: { recheckMs: RECHECK_MS } }));
    for (const symbol of ['SPY', 'AAPL']) streams.chain(symbol).subscribe(() => undefined); // a cockpit watches both chains
    await module.start();
    await waitFor(() => streams.chain('SPY').current?.session === 'previous' && streams.chain('AAPL').current !== undefined, 15_000, 'both fallback chains');
    await module.flush();
  });
  afterAll(() => bed?.stop());

  it('stops asking for realtime chains after the entitlement answer and re-checks only once per re-check period', async () => {
    const before = bed.endpoint.callCounts().REALTIME_OPTIONS ?? 0;
    expect(before).toBeLessThanOrEqual(3); // the first turn of each symbol, and at most one re-check
    await sleep(4 * RECHECK_MS);
    const rechecks = (bed.endpoint.callCounts().REALTIME_OPTIONS ?? 0) - before;
    // Chains fall due every 0.5 s (12 turns per symbol in 6 s); realtime is asked once per 1.5 s re-check at most.
    expect(rechecks).toBeGreaterThanOrEqual(2);
    expect(rechecks).toBeLessThanOrEqual(5);
  });

  it('says in the plan status, in Redis and in the Health detail which plan realtime options need', async () => {
    await module.flush();
    const status = module.currentStatus()!;
    expect(status.plan.realtimeOptions).toBe('not_entitled');
    expect(status.plan.realtimeOptionsRecheckAt).toBeGreaterThan(Date.now() - RECHECK_MS);
    expect(status.plan.notices.join(' ')).toMatch(/does not include realtime options: they need the 600 or 1200 requests\/min premium plan\. Option chains show the previous session's close/);
    const plan = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('plan').key);
    expect(plan).toMatchObject({ realtimeOptions: 'not_entitled', optionsFallback: 'historical' });
    expect(JSON.parse(plan.notices!)[0]).toMatch(/600 or 1200 requests\/min/);
    expect(module.detail()).toMatchObject({ realtimeOptions: 'not_entitled', plan: expect.stringMatching(/does not include realtime options/) });
  });

  it('shows the previous session’s chain from HISTORICAL_OPTIONS, labelled as such, and stores it', async () => {
    const chain = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    const history = (await (await fetch(`${bed.endpoint.url}/query?function=HISTORICAL_OPTIONS&symbol=SPY&apikey=${API_KEY}`)).json()) as { data: Array<{ date: string }> };
    expect(chain.contracts.length).toBe(history.data.length);
    expect(chain.quoteDate).toBe(history.data[0]!.date);
    expect(streams.chain('SPY').current).toMatchObject({ session: 'previous', quoteDate: history.data[0]!.date });
    expect(bed.endpoint.callCounts().HISTORICAL_OPTIONS).toBeGreaterThanOrEqual(2);
    const freshness = module.currentStatus()!.freshness.find((f) => f.symbol === 'SPY' && f.dataType === 'options')!;
    expect(freshness).toMatchObject({ stale: false, timeliness: 'previous_session' });
  });

  it('takes the sample row for an entitlement answer, not for bad input or a chain of another symbol', async () => {
    expect(bed.badInput.filter((m) => /REALTIME_OPTIONS|XXYYZZ|another symbol/.test(m))).toEqual([]);
    const validation = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('validation').key);
    expect(Object.values(validation).map((v) => JSON.parse(v) as { skipped: number }).every((v) => v.skipped === 0)).toBe(true);
    const callErrors = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('call_errors').key);
    expect(JSON.parse(callErrors['REALTIME_OPTIONS:SPY']!)).toMatchObject({ kind: 'entitlement', message: expect.stringMatching(/^REALTIME_OPTIONS SPY: your Alpha Vantage plan does not include realtime options/) });
  });

  it('fetches no chain at all when the fallback is off, and says so', async () => {
    const { module: noFallback } = bed.ingest({ symbols: [{ symbol: 'QQQ', etf: true, priority: false }], schedules: FAST_CHAINS, optionsFallback: 'none' });
    await noFallback.start();
    await waitFor(() => noFallback.currentStatus()?.plan.realtimeOptions === 'not_entitled', 10_000, 'the entitlement answer');
    await sleep(1_000);
    const status = noFallback.currentStatus()!;
    await noFallback.stop();
    expect(await bed.redis.client.exists(keys.options.chain('QQQ').key)).toBe(0);
    expect(status.plan.notices.join(' ')).toMatch(/No option chains are shown \(alphaVantage\.optionsFallback is none\)/);
  });
});

describe('a free key that reaches its daily cap', () => {
  let bed: AvTestBed;
  let module: AlphaVantageIngestModule;
  const SECRET = 'FR33K3YS3CR3T0001';

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'AAPL'], { plan: 'free', callsPerDay: 6, apiKey: SECRET });
    ({ module } = bed.ingest({ apiKey: SECRET, symbols: [SPY, AAPL], schedules: FAST_CHAINS }));
    await module.start();
    await waitFor(() => module.currentStatus()?.plan.callsPausedUntil != null, 15_000, 'the daily cap');
  });
  afterAll(() => bed?.stop());

  it('pauses every call of the key, for every symbol and function, until the next day', async () => {
    await sleep(300); // calls already on the wire land
    const calls = totalCalls(bed);
    await sleep(2_500); // chains fall due five times per symbol in this time
    expect(totalCalls(bed)).toBe(calls);
    expect(calls).toBeLessThanOrEqual(6 + 4); // the allowance, and at most the calls in flight when the cap answered
    expect(bed.endpoint.throttledCount()).toBeLessThanOrEqual(4);
  });

  it('reports when calls resume in the plan status, the Health detail and monitoring', async () => {
    await module.flush();
    const status = module.currentStatus()!;
    const resumeAt = status.plan.callsPausedUntil!;
    expect(resumeAt).toBe(nextDailyReset(resumeAt - 1));
    expect(resumeAt).toBeGreaterThan(Date.now());
    expect(resumeAt - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(status.plan.notices[0]).toMatch(/^Alpha Vantage's daily limit for this API key is used up \(this key allows 6 requests a day\)\. All Alpha Vantage calls are paused until \d{4}-\d\d-\d\d \d\d:\d\d New York \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(module.detail()).toMatchObject({ callsPausedUntil: new Date(resumeAt).toISOString() });
    const plan = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('plan').key);
    expect(Number(plan.callsPausedUntil)).toBe(resumeAt);
  });

  it('never puts the key the cap answer echoes in bad-input reports, monitoring or anywhere in Redis', async () => {
    await module.flush();
    expect(module.currentStatus()!.errors.daily_cap).toBeGreaterThanOrEqual(1);
    expect(bed.badInput.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(module.currentStatus())).not.toContain(SECRET);
    expect(JSON.stringify(module.detail())).not.toContain(SECRET);
    const dump = await redisDump(bed.redis.client);
    expect(dump).toContain('daily limit for this API key is used up'); // the answer was stored, redacted
    expect(dump).toContain('We have detected your API key as [API key]');
    expect(dump).not.toContain(SECRET);
  });

  it('stays paused after a restart instead of calling into the cap again', async () => {
    const resumeAt = module.currentStatus()!.plan.callsPausedUntil;
    await module.stop();
    const calls = totalCalls(bed);
    const { module: restarted } = bed.ingest({ apiKey: SECRET, symbols: [SPY, AAPL], schedules: FAST_CHAINS });
    await restarted.start();
    await sleep(1_000);
    expect(restarted.currentStatus()!.plan.callsPausedUntil).toBe(resumeAt);
    await restarted.stop();
    expect(totalCalls(bed)).toBe(calls);
  });
});

describe('a free key below its cap', () => {
  let bed: AvTestBed;
  let module: AlphaVantageIngestModule;
  let streams: AlphaVantageStreams;

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY'], { plan: 'free', callsPerDay: 100 }, Date.now());
    ({ module, streams } = bed.ingest({ symbols: [SPY] }));
    await module.start();
    await waitFor(() => (module.currentStatus()?.errors.premium ?? 0) >= 1 && streams.technicals('SPY').current?.atr !== undefined, 15_000, 'MACD refused, ATR stored');
    await module.flush();
  });
  afterAll(() => bed?.stop());

  it('says MACD is not in the plan and asks for it again only hourly', async () => {
    const status = module.currentStatus()!;
    expect(status.plan.premiumFunctions).toEqual(['MACD']);
    expect(status.plan.notices.join(' ')).toMatch(/Your Alpha Vantage plan does not include MACD \(premium functions\)/);
    await sleep(1_500);
    expect(bed.endpoint.callCounts().MACD).toBe(1);
    expect(bed.badInput.filter((m) => m.includes('MACD'))).toEqual([]);
  });
});

describe('intraday technicals judged by their newest point', () => {
  it('sends the configured entitlement on intraday indicators and calls a realtime series current', async () => {
    const sent: string[] = [];
    const bed = await startAvTestBed(['SPY'], { onRequest: (p) => p.get('function') === 'RSI' && sent.push(p.get('entitlement') ?? '(none)') }, Date.now());
    try {
      const { module, streams } = bed.ingest({ symbols: [SPY] });
      await module.start();
      await waitFor(() => streams.technicals('SPY').current?.rsi !== undefined, 15_000, 'RSI stored');
      const rsi = streams.technicals('SPY').current!.rsi!;
      await module.stop();
      expect(sent).toEqual(['realtime']);
      expect(rsi.timeliness).toBe('current');
      expect(Date.now() - rsi.dataAsOf!).toBeLessThan(15 * 60_000);

      const delayed = bed.ingest({ symbols: [SPY], entitlement: 'delayed' }).module;
      await bed.redis.client.del(keys.monitoring.alphaVantage('last_success').key);
      await delayed.start();
      await waitFor(() => sent.length === 2, 15_000, 'a second RSI call');
      await delayed.stop();
      expect(sent[1]).toBe('delayed');
    } finally {
      await bed.stop();
    }
  });

  it('shows a series that stops at an earlier session as behind, with its as-of time, not as fresh', async () => {
    // The market's clock is a Monday in January 2025: every intraday series is far behind the wall clock.
    const bed = await startAvTestBed(['SPY']);
    try {
      const { module, streams } = bed.ingest({ symbols: [SPY] });
      await module.start();
      await waitFor(() => module.currentStatus()!.freshness.filter((f) => f.timeliness === 'behind').length === 4, 15_000, 'four technicals judged');
      await module.flush();
      const status = module.currentStatus()!;
      const rsi = status.freshness.find((f) => f.dataType === 'rsi')!;
      const stored = streams.technicals('SPY').current!.rsi!;
      await module.stop();
      expect(rsi).toMatchObject({ stale: false, timeliness: 'behind', dataAsOf: stored.latest.ts });
      expect(new Date(stored.latest.ts).toISOString()).toBe('2025-01-06T14:25:00.000Z'); // 09:25 New York, the market's last bar
      expect(status.delayed).toBe(4);
      expect(status.plan.notices.join(' ')).toMatch(/Intraday technicals stop at an earlier session \(end-of-day data\), not now: SPY RSI/);
      const monitored = JSON.parse((await bed.redis.client.hget(keys.monitoring.dataStale.key, 'SPY:rsi'))!) as Record<string, unknown>;
      expect(monitored).toMatchObject({ timeliness: 'behind', dataAsOf: stored.latest.ts });
    } finally {
      await bed.stop();
    }
  });
});

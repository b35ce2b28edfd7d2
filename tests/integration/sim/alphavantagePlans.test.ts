import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint, type AlphaVantageEndpointOptions } from '../../../core/sim/alphavantage';
import { createMarketModel } from '../../../core/sim/market/marketModel';

// Tuesday 2025-01-07 10:00 New York (15:00 UTC), twenty minutes into the model's session.
const model = createMarketModel({ seed: 23, symbols: ['SPY', 'AAPL', 'MSFT'], startTs: Date.UTC(2025, 0, 7, 14, 40) });
model.advance(20 * 60_000);
const open: AlphaVantageEndpoint[] = [];

async function start(options: Partial<AlphaVantageEndpointOptions> = {}): Promise<AlphaVantageEndpoint> {
  const e = await startAlphaVantageEndpoint({ feed: model, ...options });
  open.push(e);
  return e;
}

type Body = Record<string, unknown>;
type Row = Record<string, string>;

async function get(e: AlphaVantageEndpoint, params: Record<string, string | number>): Promise<Body> {
  const res = await axios.get(`${e.url}/query`, { params: { apikey: 'k', ...params }, validateStatus: () => true });
  expect(res.status).toBe(200);
  return res.data as Body;
}

const RSI = { function: 'RSI', symbol: 'SPY', interval: '5min', time_period: 14, series_type: 'close' };
const newestKey = (body: Body, seriesKey: string) => Object.keys(body[seriesKey] as object)[0];

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('realtime options by plan', () => {
  it('serves the chain on the 600/min plan (the default)', async () => {
    const e = await start();
    expect(await get(e, { function: 'REALTIME_OPTIONS', symbol: 'SPY', require_greeks: 'true' })).toMatchObject({ message: 'success' });
  });

  it.each(['premium75', 'free'] as const)('answers the %s plan with the artificial XXYYZZ sample and a message naming the plan needed', async (plan) => {
    const e = await start({ plan });
    const body = await get(e, { function: 'REALTIME_OPTIONS', symbol: 'SPY', require_greeks: 'true' });
    expect(body).not.toHaveProperty('Information');
    expect(body.endpoint).toBe('Realtime Options');
    expect(body.message).toMatch(/^This is a premium endpoint\..*600 requests per minute or 1200 requests per minute/);
    const rows = body.data as Row[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contractID: 'XXYYZZ999999C00020000', symbol: 'XXYYZZ', expiration: '2099-99-99', date: '2049-99-99' });
    expect(rows[0]).toHaveProperty('delta');
    // The fallback the service allows on lower plans.
    expect(await get(e, { function: 'HISTORICAL_OPTIONS', symbol: 'SPY' })).toMatchObject({ endpoint: 'Historical Options', message: 'success' });
  });

  it('serves MACD and VWAP on a premium plan without realtime options', async () => {
    const e = await start({ plan: 'premium75' });
    expect(await get(e, { function: 'MACD', symbol: 'SPY', interval: '5min', series_type: 'close', entitlement: 'realtime' })).toHaveProperty('Technical Analysis: MACD');
    const vwap = await get(e, { function: 'VWAP', symbol: 'SPY', interval: '5min', entitlement: 'realtime' });
    const newest = Object.values(vwap['Technical Analysis: VWAP'] as Record<string, Row>)[0]!;
    expect(Number(newest.VWAP)).toBeGreaterThan(0);
  });
});

describe('call limits by plan', () => {
  it('gives the 75/min plan 75 calls a minute', async () => {
    const now = Date.UTC(2025, 0, 7, 15);
    const e = await start({ plan: 'premium75', clock: () => now });
    for (let i = 0; i < 75; i++) await get(e, { function: 'GLOBAL_QUOTE', symbol: 'AAPL' });
    expect((await get(e, { function: 'GLOBAL_QUOTE', symbol: 'AAPL' })).Information).toMatch(/premium@alphavantage\.co/);
  });

  it('caps a free key at 25 calls a day with a text that echoes the key, until midnight in New York', async () => {
    let now = Date.UTC(2025, 0, 7, 15);
    const e = await start({ plan: 'free', clock: () => now });
    for (let i = 0; i < 25; i++) expect(await get(e, { ...RSI, apikey: 'MYSECRETKEY1' })).toHaveProperty('Technical Analysis: RSI');
    const capped = await get(e, { ...RSI, apikey: 'MYSECRETKEY1' });
    expect(capped.Information).toBe(
      'We have detected your API key as MYSECRETKEY1 and our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
    );
    now = Date.UTC(2025, 0, 8, 4, 59); // 23:59 New York: still the same day
    expect(await get(e, RSI)).toHaveProperty('Information');
    now = Date.UTC(2025, 0, 8, 5, 0); // midnight New York
    expect(await get(e, RSI)).toHaveProperty('Technical Analysis: RSI');
  });

  it('takes a smaller daily cap for tests', async () => {
    const e = await start({ plan: 'free', callsPerDay: 2 });
    await get(e, RSI);
    await get(e, RSI);
    expect((await get(e, RSI)).Information).toMatch(/2 requests per day/);
    expect(e.plan).toMatchObject({ plan: 'free', callsPerDay: 2, realtimeOptions: false });
  });
});

describe('intraday entitlement', () => {
  it('stops an intraday series at the last session close when no entitlement is asked for', async () => {
    const e = await start();
    const rsi = await get(e, RSI);
    expect(newestKey(rsi, 'Technical Analysis: RSI')).toBe('2025-01-06 15:55');
    expect((rsi['Meta Data'] as Row)['3: Last Refreshed']).toBe('2025-01-06 15:55:00');
    const bars = await get(e, { function: 'TIME_SERIES_INTRADAY', symbol: 'SPY', interval: '5min' });
    expect(newestKey(bars, 'Time Series (5min)')).toBe('2025-01-06 15:55:00');
  });

  it('is current with entitlement=realtime and 15 minutes behind with entitlement=delayed', async () => {
    const e = await start();
    expect(newestKey(await get(e, { ...RSI, entitlement: 'realtime' }), 'Technical Analysis: RSI')).toBe('2025-01-07 09:55'); // the bar still forming
    expect(newestKey(await get(e, { ...RSI, entitlement: 'delayed' }), 'Technical Analysis: RSI')).toBe('2025-01-07 09:40');
    const delayed = await get(e, { function: 'GLOBAL_QUOTE', symbol: 'MSFT', entitlement: 'delayed' });
    expect(Object.keys(delayed)).toEqual(['Global Quote - DATA DELAYED BY 15 MINUTES']);
    expect(Object.keys(await get(e, { function: 'GLOBAL_QUOTE', symbol: 'MSFT', entitlement: 'realtime' }))).toEqual(['Global Quote']);
    expect(await get(e, { ...RSI, entitlement: 'sometimes' })).toHaveProperty('Error Message');
  });

  it('serves a free key end-of-day intraday data whatever entitlement it asks for', async () => {
    const e = await start({ plan: 'free' });
    expect(newestKey(await get(e, { ...RSI, entitlement: 'realtime' }), 'Technical Analysis: RSI')).toBe('2025-01-06 15:55');
  });

  it('names the time zone US/Eastern on intraday answers', async () => {
    const e = await start();
    const rsi = await get(e, { ...RSI, entitlement: 'realtime' });
    expect((rsi['Meta Data'] as Row)['7: Time Zone']).toBe('US/Eastern');
    const bars = await get(e, { function: 'TIME_SERIES_INTRADAY', symbol: 'SPY', interval: '5min', entitlement: 'realtime' });
    expect((bars['Meta Data'] as Row)['6. Time Zone']).toBe('US/Eastern');
  });
});

describe('news', () => {
  it('stamps articles in UTC and reads time_from in UTC', async () => {
    const e = await start();
    const feed = (await get(e, { function: 'NEWS_SENTIMENT', tickers: 'AAPL', limit: 1000 })).feed as Row[];
    // The market clock is 15:00 UTC (10:00 New York): no article can be stamped later than that.
    const newest = feed[0]!.time_published!;
    expect(newest <= '20250107T150000').toBe(true);
    expect(feed.some((a) => a.time_published! > '20250107T100000')).toBe(true);
    const since = (await get(e, { function: 'NEWS_SENTIMENT', tickers: 'AAPL', limit: 1000, time_from: '20250107T0000' })).feed as Row[];
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((a) => a.time_published! >= '20250107T000000')).toBe(true);
    expect(since).toEqual(feed.filter((a) => a.time_published! >= '20250107T000000'));
  });

  it('names topics as the real feed does', async () => {
    const e = await start();
    const feed = (await get(e, { function: 'NEWS_SENTIMENT', limit: 1000, time_from: '20241201T0000' })).feed as Array<{ topics: Row[] }>;
    const topics = new Set(feed.flatMap((a) => a.topics.map((t) => t.topic)));
    expect(topics).toContain('Economy - Fiscal');
    expect(topics).toContain('Economy - Monetary');
    expect([...topics].some((t) => t?.endsWith('Policy'))).toBe(false);
  });
});

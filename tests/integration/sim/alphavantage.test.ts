import axios, { type AxiosInstance } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint } from '../../../core/sim/alphavantage';
import { createMarketModel, type MarketModel } from '../../../core/sim/market/marketModel';

const KEY = 'sim-key';
let model: MarketModel;
let endpoint: AlphaVantageEndpoint;
let http: AxiosInstance;

async function query(params: Record<string, string | number>): Promise<Record<string, unknown>> {
  const res = await http.get('/query', { params: { apikey: KEY, ...params } });
  expect(res.status).toBe(200);
  return res.data as Record<string, unknown>;
}

type Row = Record<string, string>;

beforeAll(async () => {
  model = createMarketModel({ seed: 101, symbols: ['SPY', 'QQQ', 'AAPL', 'MSFT', 'VXX'], startTs: Date.UTC(2025, 0, 7, 15) });
  model.advance(20 * 60_000);
  endpoint = await startAlphaVantageEndpoint({ feed: model, apiKey: KEY, seed: 7 });
  http = axios.create({ baseURL: endpoint.url, validateStatus: () => true });
});

afterAll(async () => {
  await endpoint.close();
});

describe('options', () => {
  it('serves the realtime chain without greeks unless require_greeks=true', async () => {
    const plain = await query({ function: 'REALTIME_OPTIONS', symbol: 'SPY' });
    expect(plain).toMatchObject({ endpoint: 'Realtime Options', message: 'success' });
    const rows = plain.data as Row[];
    expect(rows.length).toBe(model.optionChain('SPY').length);
    expect(rows[0]).not.toHaveProperty('delta');
    expect(rows[0]).not.toHaveProperty('implied_volatility');
    const greeks = (await query({ function: 'REALTIME_OPTIONS', symbol: 'SPY', require_greeks: 'true' })).data as Row[];
    // A put with open interest near the money: far from it a same-day delta rounds to zero.
    const spot = model.quote('SPY')!.last;
    const row = greeks.find((r) => r.type === 'put' && Number(r.open_interest) > 0 && Math.abs(Number(r.strike) - spot) < 5) as Row;
    expect(Object.keys(row)).toEqual([
      'contractID', 'symbol', 'expiration', 'strike', 'type', 'last', 'mark', 'bid', 'bid_size', 'ask', 'ask_size', 'volume',
      'open_interest', 'date', 'implied_volatility', 'delta', 'gamma', 'theta', 'vega', 'rho',
    ]);
    expect(Object.values(row).every((v) => typeof v === 'string')).toBe(true);
    expect(row.contractID).toMatch(/^SPY\d{6}P\d{8}$/);
    expect(row.strike).toMatch(/^\d+\.\d{2}$/);
    expect(row.date).toBe('2025-01-07');
    expect(Number(row.delta)).toBeLessThan(0);
    expect(Number(row.implied_volatility)).toBeGreaterThan(0);
  });

  it('serves contracts that trade: volume, and a last price inside the quote, live and for a past session', async () => {
    const live = (await query({ function: 'REALTIME_OPTIONS', symbol: 'SPY', require_greeks: 'true' })).data as Row[];
    const past = (await query({ function: 'HISTORICAL_OPTIONS', symbol: 'SPY', date: '2025-01-06' })).data as Row[];
    for (const rows of [live, past]) {
      const traded = rows.filter((r) => Number(r.volume) > 0);
      expect(traded.length).toBeGreaterThan(rows.length / 2);
      expect(traded.every((r) => Number(r.last) > 0 && Number(r.last) >= Number(r.bid) && Number(r.last) <= Number(r.ask))).toBe(true);
    }
    const fullDay = past.reduce((a, r) => a + Number(r.volume), 0);
    expect(live.reduce((a, r) => a + Number(r.volume), 0)).toBeLessThan(fullDay); // 10:20 New York: part of a day so far
  });

  it('picks one contract and answers an unknown symbol with an empty list', async () => {
    const id = model.optionChain('AAPL')[10]?.spec.occId as string;
    const one = await query({ function: 'REALTIME_OPTIONS', symbol: 'AAPL', contract: id });
    expect((one.data as Row[]).map((r) => r.contractID)).toEqual([id]);
    const none = await query({ function: 'REALTIME_OPTIONS', symbol: 'ZZZZ' });
    expect(none.data).toEqual([]);
    expect(String(none.message)).toMatch(/ZZZZ/);
  });

  it('serves historical chains with greeks, the previous session by default', async () => {
    const byDefault = await query({ function: 'HISTORICAL_OPTIONS', symbol: 'QQQ' });
    expect(byDefault.endpoint).toBe('Historical Options');
    const rows = byDefault.data as Row[];
    expect(rows[0]?.date).toBe('2025-01-06');
    expect(rows[0]).toHaveProperty('gamma');
    const dated = (await query({ function: 'HISTORICAL_OPTIONS', symbol: 'QQQ', date: '2024-12-20' })).data as Row[];
    expect(dated[0]?.date).toBe('2024-12-20');
    expect(dated.some((r) => r.expiration === '2024-12-20')).toBe(true);
    expect((await query({ function: 'HISTORICAL_OPTIONS', symbol: 'QQQ', date: '2024-12-21' })).data).toEqual([]);
    expect(await query({ function: 'HISTORICAL_OPTIONS', symbol: 'QQQ', date: '12/20/2024' })).toHaveProperty('Error Message');
  });
});

describe('news sentiment', () => {
  it('gives single names seeded articles whose labels match their scores', async () => {
    const body = await query({ function: 'NEWS_SENTIMENT', tickers: 'AAPL', limit: 20 });
    expect(body.items).toBe('20');
    expect(body.sentiment_score_definition).toMatch(/Somewhat_Bullish/);
    const feed = body.feed as Array<{ time_published: string; overall_sentiment_score: number; ticker_sentiment: Row[] }>;
    const label = (x: number) => (x <= -0.35 ? 'Bearish' : x <= -0.15 ? 'Somewhat-Bearish' : x < 0.15 ? 'Neutral' : x < 0.35 ? 'Somewhat-Bullish' : 'Bullish');
    for (const a of feed) {
      expect(a.time_published).toMatch(/^\d{8}T\d{6}$/);
      expect(typeof a.overall_sentiment_score).toBe('number');
      const mine = a.ticker_sentiment.find((t) => t.ticker === 'AAPL') as Row;
      expect(mine.ticker_sentiment_label).toBe(label(Number(mine.ticker_sentiment_score)));
    }
    const times = feed.map((a) => a.time_published);
    expect([...times].sort().reverse()).toEqual(times);
    const labels = new Set(feed.flatMap((a) => a.ticker_sentiment.map((t) => t.ticker_sentiment_label)));
    expect(labels.size).toBeGreaterThan(2);
  });

  it('returns the same articles on every call and honours sort=EARLIEST', async () => {
    const first = await query({ function: 'NEWS_SENTIMENT', tickers: 'MSFT', limit: 5 });
    expect(await query({ function: 'NEWS_SENTIMENT', tickers: 'MSFT', limit: 5 })).toEqual(first);
    const earliest = (await query({ function: 'NEWS_SENTIMENT', tickers: 'MSFT', sort: 'EARLIEST', limit: 5 })).feed as Row[];
    const times = earliest.map((a) => a.time_published);
    expect([...times].sort()).toEqual(times);
  });

  it('answers "Invalid inputs" for a ticker the feed does not cover (an ETF, an unknown name), as the real feed does', async () => {
    const invalidInputs = { Information: expect.stringMatching(/^Invalid inputs\. Please refer to the API documentation/) };
    expect(await query({ function: 'NEWS_SENTIMENT', tickers: 'SPY' })).toEqual(invalidInputs);
    expect(await query({ function: 'NEWS_SENTIMENT', tickers: 'NOPE' })).toEqual(invalidInputs);
    expect(await query({ function: 'NEWS_SENTIMENT', tickers: 'AAPL', limit: 'lots' })).toHaveProperty('Error Message');
  });
});

describe('technical indicators', () => {
  it('computes RSI from the same bars TIME_SERIES_INTRADAY serves (Wilder smoothing)', async () => {
    const rsi = await query({ function: 'RSI', symbol: 'SPY', interval: '5min', time_period: 14, series_type: 'close', entitlement: 'realtime' });
    expect(rsi['Meta Data']).toEqual({
      '1: Symbol': 'SPY', '2: Indicator': 'Relative Strength Index (RSI)', '3: Last Refreshed': expect.stringMatching(/^2025-01-07 \d\d:\d\d:00$/),
      '4: Interval': '5min', '5: Time Period': 14, '6: Series Type': 'close', '7: Time Zone': 'US/Eastern',
    });
    const series = rsi['Technical Analysis: RSI'] as Record<string, { RSI: string }>;
    const keys = Object.keys(series);
    expect([...keys].sort().reverse()).toEqual(keys);
    expect(keys[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const bars = (await query({ function: 'TIME_SERIES_INTRADAY', symbol: 'SPY', interval: '5min', outputsize: 'full', entitlement: 'realtime' }))['Time Series (5min)'] as Record<string, Row>;
    const closes = Object.values(bars).map((b) => Number(b['4. close'])).reverse().slice(-1200);
    let gain = 0;
    let loss = 0;
    for (let i = 1; i < closes.length; i++) {
      const d = (closes[i] as number) - (closes[i - 1] as number);
      const g = Math.max(d, 0);
      const l = Math.max(-d, 0);
      if (i <= 14) {
        gain += g / 14;
        loss += l / 14;
      } else {
        gain = (gain * 13 + g) / 14;
        loss = (loss * 13 + l) / 14;
      }
    }
    expect(Number(series[keys[0] as string]?.RSI)).toBeCloseTo(100 - 100 / (1 + gain / loss), 1);
  });

  it('serves MACD, BBANDS and ATR with Alpha Vantage meta numbering and string values', async () => {
    const macd = await query({ function: 'MACD', symbol: 'AAPL', interval: '15min', series_type: 'close', entitlement: 'realtime' });
    expect(Object.keys(macd['Meta Data'] as object)).toEqual(['1: Symbol', '2: Indicator', '3: Last Refreshed', '4: Interval', '5.1: Fast Period', '5.2: Slow Period', '5.3: Signal Period', '6: Series Type', '7: Time Zone']);
    const m = Object.values(macd['Technical Analysis: MACD'] as Record<string, Row>)[0] as Row;
    expect(Number(m.MACD_Hist)).toBeCloseTo(Number(m.MACD) - Number(m.MACD_Signal), 3);
    const bb = await query({ function: 'BBANDS', symbol: 'AAPL', interval: 'daily', time_period: 20, series_type: 'close' });
    expect(Object.keys(bb['Meta Data'] as object)).toContain('6.3: MA Type');
    const bands = Object.entries(bb['Technical Analysis: BBANDS'] as Record<string, Row>);
    expect(bands[0]?.[0]).toBe('2025-01-07');
    const band = bands[0]?.[1] as Row;
    expect(Number(band['Real Upper Band'])).toBeGreaterThan(Number(band['Real Middle Band']));
    expect(Number(band['Real Middle Band'])).toBeGreaterThan(Number(band['Real Lower Band']));
    expect(band['Real Upper Band']).toMatch(/^\d+\.\d{4}$/);
    const atr = await query({ function: 'ATR', symbol: 'VXX', interval: 'weekly', time_period: 14 });
    expect(Object.keys(atr['Meta Data'] as object)).toEqual(['1: Symbol', '2: Indicator', '3: Last Refreshed', '4: Interval', '5: Time Period', '6: Time Zone']);
    expect(Object.keys(atr['Technical Analysis: ATR'] as object).length).toBeGreaterThan(20);
  });

  it('refuses a missing interval or period, and an unknown symbol', async () => {
    expect(await query({ function: 'RSI', symbol: 'SPY', time_period: 14, series_type: 'close' })).toHaveProperty('Error Message');
    expect(await query({ function: 'RSI', symbol: 'SPY', interval: '5min', series_type: 'close' })).toHaveProperty('Error Message');
    expect(await query({ function: 'ATR', symbol: 'SPY', interval: '2min', time_period: 14 })).toHaveProperty('Error Message');
    const bad = await query({ function: 'RSI', symbol: 'XXXX', interval: '5min', time_period: 14, series_type: 'close' });
    expect(bad['Error Message']).toMatch(/^Invalid API call\. .* for RSI\.$/);
  });
});

describe('quotes and bars', () => {
  it('answers GLOBAL_QUOTE from the live market', async () => {
    const q = (await query({ function: 'GLOBAL_QUOTE', symbol: 'MSFT', entitlement: 'realtime' }))['Global Quote'] as Row;
    const live = model.quote('MSFT');
    expect(Number(q['05. price'])).toBeCloseTo(live?.last as number, 4);
    expect(Number(q['06. volume'])).toBe(live?.volume);
    expect(q['07. latest trading day']).toBe('2025-01-07');
    expect(Number(q['09. change'])).toBeCloseTo(Number(q['05. price']) - Number(q['08. previous close']), 3);
    expect(q['10. change percent']).toMatch(/^-?\d+\.\d{4}%$/);
    expect(Number(q['03. high'])).toBeGreaterThanOrEqual(Number(q['04. low']));
  });

  it('serves TIME_SERIES_INTRADAY newest first, 100 bars when compact', async () => {
    const body = await query({ function: 'TIME_SERIES_INTRADAY', symbol: 'QQQ', interval: '1min', entitlement: 'realtime' });
    expect((body['Meta Data'] as Row)['4. Interval']).toBe('1min');
    const series = body['Time Series (1min)'] as Record<string, Row>;
    const keys = Object.keys(series);
    expect(keys.length).toBe(100);
    expect(keys[0]).toMatch(/^2025-01-07 10:(19|20):00$/);
    expect(Object.keys(series[keys[0] as string] as Row)).toEqual(['1. open', '2. high', '3. low', '4. close', '5. volume']);
  });
});

import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { startAlphaVantageEndpoint, type AlphaVantageEndpoint, type AlphaVantageEndpointOptions } from '../../../core/sim/alphavantage';
import { createMarketModel } from '../../../core/sim/market/marketModel';

const model = createMarketModel({ seed: 5, symbols: ['SPY', 'AAPL'] });
model.advance(60_000);
const open: AlphaVantageEndpoint[] = [];

async function start(options: Partial<AlphaVantageEndpointOptions> = {}): Promise<AlphaVantageEndpoint> {
  const e = await startAlphaVantageEndpoint({ feed: model, ...options });
  open.push(e);
  return e;
}

async function get(e: AlphaVantageEndpoint, params: Record<string, string>, raw = false) {
  return axios.get(`${e.url}/query`, {
    params, validateStatus: () => true, ...(raw ? { responseType: 'text', transformResponse: [(d: string) => d] } : {}),
  });
}

const QUOTE = { function: 'GLOBAL_QUOTE', symbol: 'SPY', apikey: 'k' };

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('call budget', () => {
  it('answers over-budget calls with HTTP 200 and the premium plan’s per-minute Information text until the minute has passed', async () => {
    let now = 1_000_000;
    const e = await start({ callsPerMinute: 3, clock: () => now });
    for (let i = 0; i < 3; i++) expect((await get(e, QUOTE)).data).toHaveProperty('Global Quote');
    const over = await get(e, QUOTE);
    expect(over.status).toBe(200);
    expect(over.data.Information).toBe('Thank you for using Alpha Vantage! Please contact premium@alphavantage.co if you are targeting a higher API call volume.');
    expect(e.throttledCount()).toBe(1);
    now += 60_001;
    expect((await get(e, QUOTE)).data).toHaveProperty('Global Quote');
  });

  it('can throttle with a Note instead', async () => {
    const e = await start({ callsPerMinute: 1, throttleStyle: 'Note' });
    await get(e, QUOTE);
    expect((await get(e, QUOTE)).data.Note).toMatch(/higher API call volume/);
  });
});

describe('keys, functions and parameters', () => {
  it('refuses a wrong or missing key when one is configured', async () => {
    const e = await start({ apiKey: 'right' });
    expect((await get(e, { ...QUOTE, apikey: 'wrong' })).data['Error Message']).toMatch(/apikey is invalid or missing/);
    expect((await get(e, { function: 'GLOBAL_QUOTE', symbol: 'SPY' })).data['Error Message']).toMatch(/apikey/);
    expect((await get(e, { ...QUOTE, apikey: 'right' })).data).toHaveProperty('Global Quote');
  });

  it('accepts any non-empty key when none is configured', async () => {
    const e = await start();
    expect((await get(e, { ...QUOTE, apikey: 'anything' })).data).toHaveProperty('Global Quote');
    expect((await get(e, { ...QUOTE, apikey: ' ' })).data).toHaveProperty('Error Message');
  });

  it('names an unknown function and refuses bad symbols and parameters without falling over', async () => {
    const e = await start();
    expect((await get(e, { function: 'FOO', apikey: 'k' })).data['Error Message']).toBe('This API function (FOO) does not exist.');
    expect((await get(e, { apikey: 'k' })).data).toHaveProperty('Error Message');
    expect((await get(e, { ...QUOTE, symbol: 'NOPE' })).data['Error Message']).toMatch(/for GLOBAL_QUOTE/);
    expect((await get(e, { function: 'TIME_SERIES_INTRADAY', symbol: 'SPY', interval: '5min', outputsize: 'huge', apikey: 'k' })).data).toHaveProperty('Error Message');
    const weird = await axios.get(`${e.url}/query?function=%ZZ&symbol=%E0%A4%A&apikey=k`, { validateStatus: () => true });
    expect(weird.status).toBe(200);
    expect((await axios.get(`${e.url}/elsewhere`, { validateStatus: () => true })).status).toBe(404);
    expect((await axios.post(`${e.url}/query`, {}, { validateStatus: () => true })).status).toBe(405);
    expect((await get(e, QUOTE)).data).toHaveProperty('Global Quote');
  });

  it('answers premium functions other than realtime options with the premium notice for a free plan', async () => {
    const e = await start({ plan: 'free' });
    expect((await get(e, { function: 'MACD', symbol: 'SPY', interval: 'daily', series_type: 'close', apikey: 'k' })).data.Information).toMatch(/This is a premium endpoint/);
    expect((await get(e, { function: 'VWAP', symbol: 'SPY', interval: '5min', apikey: 'k' })).data.Information).toMatch(/This is a premium endpoint/);
    expect((await get(e, { function: 'RSI', symbol: 'SPY', interval: 'daily', time_period: '14', series_type: 'close', apikey: 'k' })).data).toHaveProperty('Technical Analysis: RSI');
  });

  it('counts calls per function, throttled and refused ones included', async () => {
    const e = await start({ callsPerMinute: 2 });
    await get(e, QUOTE);
    await get(e, QUOTE);
    await get(e, QUOTE);
    await get(e, { function: 'RSI', symbol: 'SPY', apikey: 'k' });
    expect(e.callCounts()).toEqual({ GLOBAL_QUOTE: 3, RSI: 1 });
    e.resetCounts();
    expect(e.callCounts()).toEqual({});
  });
});

describe('switchable faults', () => {
  it('delays responses by the configured time', async () => {
    const e = await start();
    e.setFaults({ delayMs: 300 });
    const t0 = performance.now();
    expect((await get(e, QUOTE)).data).toHaveProperty('Global Quote');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('answers with a 5xx status while the fault is on', async () => {
    const e = await start();
    e.setFaults({ serverErrorStatus: 503 });
    expect((await get(e, QUOTE)).status).toBe(503);
    e.clearFaults();
    expect((await get(e, QUOTE)).status).toBe(200);
  });

  it('truncates JSON bodies so they no longer parse', async () => {
    const e = await start();
    e.setFaults({ truncateJson: true });
    const res = await get(e, QUOTE, true);
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.data as string)).toThrow();
    expect((res.data as string).startsWith('{"Global Quote"')).toBe(true);
  });

  it('throttles everything while throttleAll is set', async () => {
    const e = await start();
    e.setFaults({ throttleAll: true });
    expect((await get(e, QUOTE)).data).toHaveProperty('Information');
    expect(e.faults.throttleAll).toBe(true);
    e.setFaults({ throttleAll: false });
    expect((await get(e, QUOTE)).data).toHaveProperty('Global Quote');
  });

  it('rejects nonsense fault settings', async () => {
    const e = await start();
    expect(() => e.setFaults({ serverErrorStatus: 200 })).toThrow(/5xx/);
    expect(() => e.setFaults({ delayMs: -1 })).toThrow(/delayMs/);
  });

  it('closes promptly even with a delayed response pending', async () => {
    const e = await start();
    e.setFaults({ delayMs: 10_000 });
    const pending = get(e, QUOTE).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await e.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

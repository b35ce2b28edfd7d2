import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { SimDepthBook, MarketFeed, TradePrint } from '../../../../core/sim/market/marketFeed';
import { createSessionReplay, parseSession, recordSession, SessionFileError } from '../../../../core/sim/replay';
import { sentimentSnapshot, upTechnicals } from '../../../support/alphaVantageFacts';

function collect(feed: MarketFeed): { trades: TradePrint[]; quotes: number; depths: number; bars: number } {
  const seen = { trades: [] as TradePrint[], quotes: 0, depths: 0, bars: 0 };
  feed.on('trade', (t) => seen.trades.push(t));
  feed.on('quote', () => seen.quotes++);
  feed.on('depth', () => seen.depths++);
  feed.on('bar', () => seen.bars++);
  return seen;
}

async function recordModel(ms: number): Promise<{ file: string; live: ReturnType<typeof collect>; lastDepth: SimDepthBook }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'session-')), 'spy.jsonl');
  const model = createMarketModel({ seed: 77, symbols: ['SPY', 'AAPL'] });
  const recorder = recordSession(model, file, { optionUnderlyings: ['SPY'], optionsEveryMs: 5_000 });
  const live = collect(model);
  model.advance(ms);
  await recorder.stop();
  return { file, live, lastDepth: model.depth('SPY') as SimDepthBook };
}

describe('recorded sessions', () => {
  it('replays exactly what the recorded feed emitted, at the recorded times', async () => {
    const { file, live, lastDepth } = await recordModel(20_000);
    const replay = createSessionReplay({ path: file });
    expect(replay.symbols().map((s) => s.symbol)).toEqual(['SPY', 'AAPL']);
    const played = collect(replay);
    replay.advance(10_000);
    expect(played.trades.length).toBeGreaterThan(0);
    expect(played.trades.every((t) => t.ts <= replay.now())).toBe(true);
    replay.advance(10_000);
    expect(played.trades).toEqual(live.trades);
    expect([played.quotes, played.depths, played.bars]).toEqual([live.quotes, live.depths, live.bars]);
    expect(replay.depth('SPY')?.bids.map((r) => [r.price, r.size, r.marketMaker])).toEqual(lastDepth.bids.map((r) => [r.price, r.size, r.marketMaker]));
    expect(replay.bars('SPY', 100)).toHaveLength(4);
    expect(replay.optionChain('SPY').length).toBeGreaterThan(100);
    const someOption = replay.optionChain('SPY')[0];
    expect(replay.option(someOption?.spec.conId as number)).toEqual(someOption);
    expect(replay.finished).toBe(true);
  });

  it('fills against the replayed book, walking levels', async () => {
    const { file } = await recordModel(3_000);
    const replay = createSessionReplay({ path: file });
    replay.advance(3_000);
    const book = replay.depth('SPY') as SimDepthBook;
    const touch = book.asks.filter((r) => r.price === book.asks[0]?.price).reduce((a, r) => a + r.size, 0);
    const fills = replay.fill('SPY', 'buy', touch + 100);
    expect(fills.reduce((a, f) => a + f.size, 0)).toBe(touch + 100);
    expect(new Set(fills.map((f) => f.price)).size).toBe(2);
    expect(replay.depth('SPY')?.asks[0]?.price).toBeGreaterThan(book.asks[0]?.price as number);
    expect(replay.fill('SPY', 'sell', 100, 1e9)).toEqual([]);
  });

  it('paces playback on the wall clock while started', async () => {
    const { file } = await recordModel(5_000);
    const replay = createSessionReplay({ path: file, speed: 20 });
    const t0 = replay.now();
    replay.start();
    await new Promise((r) => setTimeout(r, 150));
    replay.stop();
    expect(replay.now() - t0).toBeGreaterThan(1_000);
    expect(replay.quote('SPY')).toBeDefined();
  });

  it('names the line of a malformed or out-of-order file', () => {
    const header = JSON.stringify({ type: 'header', format: 'alphatrader-session', version: 1, startTs: 0, symbols: [] });
    const bar = (t: number) => JSON.stringify({ t, type: 'bar', data: { symbol: 'X', time: t / 1000, open: 1, high: 1, low: 1, close: 1, volume: 0, wap: 1, count: 0 } });
    expect(parseSession(`${header}\n${bar(5000)}\n`).events).toHaveLength(1);
    expect(() => parseSession('{"type":"nope"}')).toThrow(/line 1: not a session header/);
    expect(() => parseSession(`${header}\n{oops`)).toThrow(/line 2: not JSON/);
    expect(() => parseSession(`${header}\n${bar(5000)}\n{"t":1,"type":"trade","data":{}}`)).toThrow(SessionFileError);
    expect(() => parseSession(`${header}\n${bar(5000)}\n${bar(1000)}`)).toThrow(/line 3: time 1000 goes back/);
  });

  it('loads a session with the engine’s previous closes, technicals and sentiment: serves the recorded close, ignores the rest', () => {
    const header = { type: 'header', format: 'alphatrader-session', version: 1, startTs: 0, symbols: [] };
    const quote = (t: number) => ({ t, type: 'quote', data: { symbol: 'AAPL', bid: 240, bidSize: 1, ask: 240.02, askSize: 1, last: 240.01, lastSize: 1, volume: 10, halted: false, ts: t } });
    const lines = [
      header,
      ...upTechnicals('AAPL', 0, 238).map((data) => ({ t: 0, type: 'technicals', data })),
      { t: 0, type: 'sentiment', data: sentimentSnapshot('AAPL', 0.3, 5, 0) },
      { t: 1_000, type: 'previousClose', data: { symbol: 'AAPL', close: 236.5 } },
      quote(1_000),
      { t: 2_000, type: 'previousClose', data: { symbol: 'AAPL', close: null } },
      quote(2_000),
    ];
    const replay = createSessionReplay({ text: lines.map((l) => JSON.stringify(l)).join('\n') });
    const quotes: number[] = [];
    replay.on('quote', (q) => quotes.push(q.ts));
    expect(replay.previousClose('AAPL')).toBeUndefined();
    replay.advance(1_000);
    expect(replay.previousClose('AAPL')).toBe(236.5);
    replay.advance(1_000);
    expect(replay.previousClose('AAPL')).toBeUndefined();
    expect(quotes).toEqual([1_000, 2_000]);
    expect(replay.finished).toBe(true);
  });

  it('names the line and the field of a malformed previous close, technicals or sentiment event', () => {
    const header = JSON.stringify({ type: 'header', format: 'alphatrader-session', version: 1, startTs: 0, symbols: [] });
    const [macd] = upTechnicals('AAPL', 0, 238);
    const badTechnicals = { t: 0, type: 'technicals', data: { ...macd, latest: { ...macd!.latest, values: { histogram: '0.12' } } } };
    expect(() => parseSession(`${header}\n${JSON.stringify(badTechnicals)}`)).toThrow(/^line 2: data\.latest\.values\.histogram: Invalid input: expected number, received string$/);
    const badSentiment = { t: 0, type: 'sentiment', data: { ...sentimentSnapshot('AAPL', 0.3, 1, 0), score: { symbol: 'AAPL' } } };
    expect(() => parseSession(`${header}\n${JSON.stringify(badSentiment)}`)).toThrow(/^line 2: data\.score\.asOf: /);
    expect(() => parseSession(`${header}\n{"t":0,"type":"previousClose","data":{"symbol":"AAPL","close":-1}}`)).toThrow(/^line 2: data\.close: /);
  });
});

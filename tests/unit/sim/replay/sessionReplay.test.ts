import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { SimDepthBook, MarketFeed, TradePrint } from '../../../../core/sim/market/marketFeed';
import { createSessionReplay, parseSession, recordSession, SessionFileError } from '../../../../core/sim/replay';

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
});

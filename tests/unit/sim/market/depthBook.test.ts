import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { SimDepthBook, MarketEpisode, SimQuote, TradePrint } from '../../../../core/sim/market/marketFeed';

describe('level-2 depth', () => {
  const model = createMarketModel({ seed: 13, symbols: ['SPY', 'QQQ', 'AAPL'] });
  const books: SimDepthBook[] = [];
  let crossedQuotes = 0;
  model.on('depth', (b) => books.push(b));
  model.on('quote', (q: SimQuote) => {
    if (!q.halted && !(q.bid < q.ask)) crossedQuotes++;
  });
  model.advance(10 * 60_000);

  it('is published for level-2 symbols only', () => {
    expect(new Set(books.map((b) => b.symbol))).toEqual(new Set(['SPY', 'QQQ']));
    expect(model.depth('AAPL')).toBeUndefined();
  });

  it('shows at least ten price levels a side from five exchanges with several market makers each', () => {
    const book = model.depth('SPY') as SimDepthBook;
    expect(new Set(book.bids.map((r) => r.price)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(book.asks.map((r) => r.price)).size).toBeGreaterThanOrEqual(10);
    const rows = books.slice(-200).flatMap((b) => [...b.bids, ...b.asks]);
    const makers = new Map<string, Set<string>>();
    for (const r of rows) makers.set(r.exchange, (makers.get(r.exchange) ?? new Set()).add(r.marketMaker));
    for (const ex of ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX']) expect(makers.get(ex)?.size ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('keeps best bid below best ask and each side sorted best first', () => {
    let crossedBooks = 0;
    let unsorted = 0;
    for (const b of books) {
      if (!((b.bids[0]?.price ?? 0) < (b.asks[0]?.price ?? Infinity))) crossedBooks++;
      for (let i = 1; i < b.bids.length; i++) if ((b.bids[i]?.price ?? 0) > (b.bids[i - 1]?.price ?? 0)) unsorted++;
      for (let i = 1; i < b.asks.length; i++) if ((b.asks[i]?.price ?? 0) < (b.asks[i - 1]?.price ?? 0)) unsorted++;
    }
    expect(books.length).toBeGreaterThan(10_000);
    expect({ crossedBooks, unsorted, crossedQuotes }).toEqual({ crossedBooks: 0, unsorted: 0, crossedQuotes: 0 });
  });

  it('gives market makers their own size habits', () => {
    // Fresh quotes follow the habit; a quote that was partly hit shows what is left.
    const rows = books.slice(-500).flatMap((b) => b.bids.slice(10));
    const share = (mm: string, habit: (size: number) => boolean): number => {
      const sizes = rows.filter((r) => r.marketMaker === mm).map((r) => r.size);
      return sizes.filter(habit).length / sizes.length;
    };
    expect(share('NITE', (s) => s % 100 === 0 && s <= 400)).toBeGreaterThan(0.8);
    expect(share('CDRG', (s) => s % 500 === 0 && s >= 1000)).toBeGreaterThan(0.8);
    expect(share('GSCO', (s) => s % 100 === 0 && s >= 500)).toBeGreaterThan(0.8);
    expect(share('IEX', (s) => s % 100 !== 0)).toBeGreaterThan(0.5);
  });

  it('hands out snapshots that later changes do not mutate', () => {
    const before = model.depth('SPY') as SimDepthBook;
    const copy = JSON.stringify(before);
    model.advance(2_000);
    expect(JSON.stringify(before)).toBe(copy);
    expect(model.depth('SPY')).not.toBe(before);
  });
});

describe('sweeps', () => {
  it('clear several price levels across several exchanges within milliseconds', () => {
    const model = createMarketModel({ seed: 17, symbols: ['SPY', 'QQQ'] });
    const trades: TradePrint[] = [];
    const sweeps: MarketEpisode[] = [];
    model.on('trade', (t) => t.kind === 'sweep' && trades.push(t));
    model.on('episode', (e) => e.kind === 'sweep' && sweeps.push(e));
    model.advance(30 * 60_000);
    expect(sweeps.length).toBeGreaterThan(5);
    for (const s of sweeps) {
      const prints = trades.filter((t) => t.symbol === s.symbol && t.ts === s.startTs);
      expect(new Set(prints.map((p) => p.price)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(prints.map((p) => p.exchange)).size).toBeGreaterThanOrEqual(2);
      expect(new Set(prints.map((p) => p.aggressor)).size).toBe(1);
    }
  });
});

describe('fill()', () => {
  it('walks the book for a market order: partial levels, then worse prices', () => {
    const model = createMarketModel({ seed: 19, symbols: ['SPY'] });
    model.advance(1_000);
    const touch = model.quote('SPY') as SimQuote;
    const fills = model.fill('SPY', 'buy', touch.askSize + 5_000);
    const filled = fills.reduce((a, f) => a + f.size, 0);
    const average = fills.reduce((a, f) => a + f.price * f.size, 0) / filled;
    expect(filled).toBe(touch.askSize + 5_000);
    expect(fills[0]?.price).toBe(touch.ask);
    expect(average).toBeGreaterThan(touch.ask);
    expect(model.quote('SPY')?.ask).toBeGreaterThan(touch.ask);
  });

  it('stops at the limit price and returns only what was there', () => {
    const model = createMarketModel({ seed: 19, symbols: ['AAPL'] });
    model.advance(1_000);
    const touch = model.quote('AAPL') as SimQuote;
    const fills = model.fill('AAPL', 'sell', 1_000_000, touch.bid);
    expect(fills.every((f) => f.price === touch.bid)).toBe(true);
    expect(fills.reduce((a, f) => a + f.size, 0)).toBe(touch.bidSize);
    expect(model.fill('AAPL', 'sell', 100, touch.bid + 10)).toEqual([]);
  });
});

describe('bars and halts', () => {
  it('closes 5-second bars on the 5-second grid that add up to the tape', () => {
    const model = createMarketModel({ seed: 23, symbols: ['QQQ'], startTs: Date.UTC(2025, 0, 7, 15, 0, 2, 300) });
    let volume = 0;
    model.on('trade', (t) => (volume += t.size));
    model.advance(60_000);
    const bars = model.bars('QQQ', 100);
    expect(bars.length).toBe(12);
    expect(bars.every((b) => b.time % 5 === 0 && b.low <= b.open && b.open <= b.high && b.low <= b.close && b.close <= b.high)).toBe(true);
    const tail = model.bars('QQQ', 3);
    expect(tail).toEqual(bars.slice(-3));
    const lastClosed = (bars.at(-1)?.time as number) + 5;
    expect(lastClosed * 1000).toBeLessThanOrEqual(model.now());
    expect(bars.reduce((a, b) => a + b.volume, 0)).toBeLessThanOrEqual(volume);
  });

  it('halts a symbol now and then: quotes say halted and no prints happen meanwhile', () => {
    const model = createMarketModel({ seed: 29 });
    const halts: MarketEpisode[] = [];
    const printsDuringHalt: TradePrint[] = [];
    let haltedQuotes = 0;
    model.on('episode', (e) => e.kind === 'halt' && halts.push(e));
    model.on('quote', (q) => q.halted && haltedQuotes++);
    model.on('trade', (t) => {
      if (halts.some((h) => h.symbol === t.symbol && t.ts > h.startTs && t.ts < (h.endTs as number))) printsDuringHalt.push(t);
    });
    model.advance(3 * 3_600_000);
    expect(halts.length).toBeGreaterThan(0);
    expect(haltedQuotes).toBeGreaterThan(0);
    expect(printsDuringHalt).toEqual([]);
  }, 30_000);
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimQuote, TradePrint } from '../../../../core/sim/market/marketFeed';
import { createLobsterReplay, LobsterFormatError, parseLobsterMessages, parseLobsterOrderbook } from '../../../../core/sim/replay';
import { readLobster } from '../../../../core/sim/replay/lobsterFiles';

const dir = path.resolve('tests/fixtures/lobster');
const messagePath = path.join(dir, 'AAPL_2012-06-21_34200000_57600000_message_10.csv');
const orderbookPath = path.join(dir, 'AAPL_2012-06-21_34200000_57600000_orderbook_10.csv');
const OPEN = Date.UTC(2012, 5, 21, 13, 30);

describe('LOBSTER replay', () => {
  const { messages, books } = readLobster(messagePath, orderbookPath);

  it('takes symbol and date from the file names and starts at the first message', () => {
    const feed = createLobsterReplay({ messagePath, orderbookPath });
    expect(feed.symbols()).toMatchObject([{ symbol: 'AAPL', level2: true }]);
    expect(feed.now()).toBe(OPEN);
  });

  it('prints a trade for every visible and hidden execution, aggressor opposite the resting order', () => {
    const feed = createLobsterReplay({ messagePath, orderbookPath });
    const trades: TradePrint[] = [];
    feed.on('trade', (t) => trades.push(t));
    feed.advance(3_600_000);
    const executions = messages.filter((m) => m.type === 4 || m.type === 5);
    expect(trades).toHaveLength(executions.length);
    expect(trades.map((t) => [t.price * 10_000, t.size, t.aggressor])).toEqual(
      executions.map((m) => [expect.closeTo(m.price, 6), m.size, m.direction === 1 ? 'sell' : 'buy']),
    );
    expect(trades.at(-1)?.totalVolume).toBe(executions.reduce((a, m) => a + m.size, 0));
  });

  it('shows the orderbook file’s book after each message, best bid below best ask', () => {
    const feed = createLobsterReplay({ messagePath, orderbookPath });
    let crossed = 0;
    feed.on('quote', (q: SimQuote) => q.bidSize > 0 && q.askSize > 0 && !(q.bid < q.ask) && crossed++);
    // New York midnight is 04:00 UTC in June; advance to message k's millisecond (later messages in it apply too).
    const msOf = (i: number) => Math.round((messages[i]?.time as number) * 1000);
    const k = 900;
    feed.advance(Date.UTC(2012, 5, 21, 4) + msOf(k) - feed.now());
    let last = k;
    while (messages[last + 1] && msOf(last + 1) === msOf(k)) last++;
    const expected = books[last];
    expect(feed.depth('AAPL')?.asks.map((r) => [r.price * 10_000, r.size])).toEqual(expected?.asks.map((l) => [expect.closeTo(l.price, 6), l.size]));
    expect(feed.depth('AAPL')?.bids).toHaveLength(expected?.bids.length as number);
    feed.advance(3_600_000);
    expect(crossed).toBe(0);
  });

  it('marks the halt in quotes and episodes, then resumes', () => {
    const feed = createLobsterReplay({ messagePath, orderbookPath });
    const halted: SimQuote[] = [];
    const episodes: string[] = [];
    feed.on('quote', (q) => q.halted && halted.push(q));
    feed.on('episode', (e) => episodes.push(e.kind));
    feed.advance(3_600_000);
    expect(episodes).toEqual(['halt']);
    expect(halted.length).toBeGreaterThan(0);
    expect(feed.quote('AAPL')?.halted).toBe(false);
  });

  it('builds 5-second bars from the executions and fills from the book', () => {
    const feed = createLobsterReplay({ messagePath, orderbookPath });
    feed.advance(3_600_000);
    const bars = feed.bars('AAPL', 1000);
    expect(bars.length).toBeGreaterThan(3);
    expect(bars.every((b) => b.time % 5 === 0)).toBe(true);
    const ask = feed.quote('AAPL') as SimQuote;
    const fills = feed.fill('AAPL', 'buy', ask.askSize + 1);
    expect(fills[0]?.price).toBe(ask.ask);
    expect(fills.at(-1)?.price).toBeGreaterThan(ask.ask);
  });

  it('reports malformed files with the line at fault', () => {
    expect(() => parseLobsterMessages('34200.1,1,5,100,5850000,1\n34200.2,9,5,100,5850000,1')).toThrow(/line 2: bad type 9/);
    expect(() => parseLobsterMessages('34200.1,1,5,100')).toThrow(LobsterFormatError);
    expect(() => parseLobsterOrderbook('5850100,100,5849900')).toThrow(/not 4 per level/);
    expect(() => createLobsterReplay({ messagePath, orderbookPath: messagePath })).toThrow(/not 4 per level|must match/);
  });
});

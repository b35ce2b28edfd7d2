import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { etToUtc } from '../../../../core/market/newYorkTime';
import { keys } from '../../../../core/store/keys';
import { runMarket, startIngestHarness, whenQuiet, whenSubscribed, type IngestHarness } from './ibkrHarness';

const SYMBOLS = [
  { symbol: 'SPY', dataClass: 'level2' as const },
  { symbol: 'AAPL', dataClass: 'standard' as const },
];
/** A minute before Monday's close: the test sees Friday's close, then Monday's once Tuesday's session begins. */
const MONDAY_1559 = etToUtc('2025-01-06', 15, 59);

const MONDAY_CLOSE = etToUtc('2025-01-06', 16);

let h: IngestHarness;
/** The simulated market's daily history before it started: the last bar is Friday's session. */
const fridayClose = new Map<string, number>();
const openingMid = new Map<string, number>();

beforeAll(async () => {
  h = await startIngestHarness({ symbols: SYMBOLS, startTs: MONDAY_1559 });
  for (const { symbol } of SYMBOLS) {
    fridayClose.set(symbol, h.market.historicalBars(symbol, 86_400, 1)[0]!.close);
    const q = h.market.quote(symbol)!;
    openingMid.set(symbol, (q.bid + q.ask) / 2);
  }
  await whenSubscribed(h, 4 + 2);
  await runMarket(h.market, 2_000);
  await whenQuiet(h);
});

afterAll(async () => {
  await h?.stop();
});

/** Monday's close: the close of the last 5-second bar that began before 16:00. */
const mondayClose = (symbol: string) => h.market.historicalBars(symbol, 5, 1_000).findLast((b) => b.time * 1000 < MONDAY_CLOSE)!.close;
const storedClose = async (symbol: string) => Number(await h.redis.client.hget(keys.market.ticker(symbol).key, 'close'));

describe('the previous session’s close (TWS tick 9) over TCP from the simulated gateway', () => {
  test.each(SYMBOLS.map((s) => s.symbol))('%s: market:{symbol}:ticker holds the close of the previous daily bar', async (symbol) => {
    expect(await storedClose(symbol)).toBe(fridayClose.get(symbol));
  });

  test('the close differs from the price the session opened at (an overnight gap), as it does in a real market', () => {
    for (const { symbol } of SYMBOLS) expect(Math.abs(openingMid.get(symbol)! - fridayClose.get(symbol)!)).toBeGreaterThan(0.01);
  });

  test('when a new session begins the gateway sends the session just ended as the new close', async () => {
    await runMarket(h.market, 90_000, 500); // past 16:00: Tuesday's session
    await whenQuiet(h);
    for (const { symbol } of SYMBOLS) {
      expect(mondayClose(symbol)).not.toBe(fridayClose.get(symbol));
      expect(await storedClose(symbol)).toBe(mondayClose(symbol));
    }
  });
});

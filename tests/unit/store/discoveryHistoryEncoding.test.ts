import { describe, expect, it } from 'vitest';
import { decodeBar, decodeBook, decodeTrades, encodeBar, encodeBook, encodeTrades } from '../../../core/store/discoveryHistoryEncoding';

describe('the discovery history entry texts', () => {
  it('read back exactly what was written: prints, a bar, a book snapshot', () => {
    const trades = [
      { price: 590.01, size: 37, ts: 1765119600123, aggressor: 'buy' as const },
      { price: 590, size: 300, ts: 1765119600124, aggressor: 'unknown' as const },
    ];
    expect(decodeTrades(encodeTrades(trades))).toEqual({ trades, skipped: 0 });
    const bar = { symbol: 'SPY', time: 1765119600000, open: 590, high: 590.2, low: 589.9, close: 590.1, volume: 12_345, wap: 590.05, count: 42 };
    expect(decodeBar('SPY', encodeBar(bar))).toEqual(bar);
    const book = { ts: 1765119600500, bids: [{ price: 590, size: 300, exchange: 'NSDQ', marketMaker: 'GSCO' }], asks: [] };
    expect(decodeBook(encodeBook(book))).toEqual(book);
  });

  it('leaves out the prints of an entry that do not read, and keeps the others', () => {
    const text = '590.01,37,1765119600123,b;590.02,,1765119600124,s;590.03,5,1765119600125,constructor;590.04,9,1765119600126,s,extra;590.05,1,1765119600127,s';
    const { trades, skipped } = decodeTrades(text);
    expect(trades.map((t) => t.price)).toEqual([590.01, 590.05]);
    expect(skipped).toBe(3);
  });

  it('refuses bars and books that do not read instead of inventing numbers', () => {
    expect(decodeBar('SPY', '1765119600000,590,590.2,589.9,590.1,,590.05,42')).toBeNull();
    expect(decodeBar('SPY', 'garbage')).toBeNull();
    expect(decodeBook('1765119600500|590,300,NSDQ|')).toBeNull();
    expect(decodeBook('|590,300,NSDQ,GSCO|')).toBeNull();
  });

  it('keeps a participant code with the line’s delimiters in it readable, without them', () => {
    const book = { ts: 1, bids: [{ price: 590, size: 300, exchange: 'NS;DQ', marketMaker: 'G,S|CO' }], asks: [] };
    expect(decodeBook(encodeBook(book))!.bids[0]).toEqual({ price: 590, size: 300, exchange: 'NSDQ', marketMaker: 'GSCO' });
  });
});

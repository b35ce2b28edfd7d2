import { describe, expect, it } from 'vitest';
import { DepthStream } from '../../../../core/sim/gateway/market/depthStream';
import type { SimDepthBook, DepthRow } from '../../../../core/sim/market/marketFeed';
import { FrameWriter, splitFrames } from '../../../../core/sim/gateway/wire/frameWriter';
import { createMarketModel } from '../../../../core/sim/market/marketModel';

interface ClientRow {
  mm: string;
  price: number;
  size: number;
}

/** Applies MARKET_DEPTH_L2 frames the way a strict client does, failing on any out-of-range position. */
function applyFrames(bytes: Buffer, book: { bids: ClientRow[]; asks: ClientRow[] }, rows: number): void {
  for (const f of splitFrames(bytes)) {
    expect(f[0]).toBe('13');
    const [pos, mm, op, side, price, size] = [Number(f[3]), f[4]!, Number(f[5]), Number(f[6]), Number(f[7]), Number(f[8])];
    const list = side === 1 ? book.bids : book.asks;
    if (op === 0) {
      expect(pos).toBeLessThanOrEqual(list.length);
      list.splice(pos, 0, { mm, price, size });
      expect(list.length).toBeLessThanOrEqual(rows);
    } else {
      expect(pos).toBeLessThan(list.length);
      if (op === 1) list[pos] = { mm, price, size };
      else list.splice(pos, 1);
    }
  }
}

function streamOn(rows: number, smart: boolean, exchange = 'SMART'): { stream: DepthStream; drain(): Buffer } {
  const w = new FrameWriter(1024);
  const sink = { mdWriter: () => w, mdDone: () => undefined };
  return { stream: new DepthStream(sink, 1, 'SPY', rows, smart, exchange), drain: () => w.take() };
}

describe('depth stream', () => {
  it('keeps a strict client book identical to the top rows of the market through 40 seconds of the real model', () => {
    const market = createMarketModel({ seed: 3, symbols: ['SPY'] });
    for (const [smart, exchange] of [[true, 'SMART'], [false, 'ARCA']] as const) {
      const rows = 5;
      const { stream, drain } = streamOn(rows, smart, exchange);
      const client = { bids: [] as ClientRow[], asks: [] as ClientRow[] };
      let last: SimDepthBook | undefined;
      const onDepth = (b: SimDepthBook): void => {
        last = b;
        stream.update(b);
        applyFrames(drain(), client, rows);
      };
      market.on('depth', onDepth);
      market.advance(40_000);
      market.off('depth', onDepth);
      expect(last).toBeDefined();
      const top = (side: DepthRow[]): string[] => {
        const out: string[] = [];
        for (const r of side) {
          if (!smart && r.exchange !== 'ARCA') continue;
          const key = `${r.price}|${smart ? r.exchange : r.marketMaker}`;
          if (!out.includes(key)) out.push(key);
          if (out.length === rows) break;
        }
        return out;
      };
      expect(client.bids.map((r) => `${r.price}|${r.mm}`)).toEqual(top(last!.bids));
      expect(client.asks.map((r) => `${r.price}|${r.mm}`)).toEqual(top(last!.asks));
      if (smart) expect(new Set(client.bids.map((r) => r.mm)).size).toBeGreaterThan(1);
      else expect(client.bids.some((r) => r.mm !== 'ARCA')).toBe(true);
    }
  });

  it('rebuilds the whole book with inserts from position 0 after a reset', () => {
    const { stream, drain } = streamOn(3, true);
    const row = (price: number, exchange: string): DepthRow => ({ price, size: 100, exchange, marketMaker: exchange });
    const book: SimDepthBook = { symbol: 'SPY', bids: [row(10, 'ARCA'), row(9.99, 'NSDQ')], asks: [row(10.01, 'BATS')], ts: 0 };
    stream.update(book);
    drain();
    stream.resend(book);
    const ops = splitFrames(drain()).map((f) => [Number(f[3]), Number(f[5])]);
    expect(ops).toEqual([[0, 0], [1, 0], [0, 0]]);
  });
});

import { describe, expect, it } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { DepthView } from '../../../core/market/book';
import type { OptionChainSnapshot } from '../../../core/market/optionChain';
import { emptyQuote } from '../../../core/market/quote';
import { BARS_KEPT, SnapshotBook } from '../../../core/signals/snapshotBook';
import { NOW, optionQuote } from './snapshotFixture';

const depth = (bids: Array<[number, number]>, asks: Array<[number, number]>): DepthView => {
  const rows = (side: Array<[number, number]>) => side.map(([price, size]) => ({ price, size, exchange: 'ARCA', marketMaker: 'ARCA' }));
  return { bids: rows(bids), asks: rows(asks), updatedAt: NOW, size: bids.length + asks.length, rowsJson: () => [], snapshot: () => ({ bids: rows(bids), asks: rows(asks) }) };
};

function bookOf() {
  const bus = createEngineBus();
  const book = new SnapshotBook({ bus, symbols: ['SPY'], chainSymbols: new Set(['SPY']), maxChainDays: 45, clock: () => NOW });
  book.start();
  return { bus, book };
}

describe('the snapshot book', () => {
  it('builds a snapshot from the bus: quote (copied), the last bars, imbalance, sweeps newest first, position, New York time', () => {
    const { bus, book } = bookOf();
    const quote = { ...emptyQuote('SPY'), bid: 599.9, ask: 600.1, last: 600, ts: NOW };
    bus.publish('quoteChanged', quote);
    for (let i = 0; i < BARS_KEPT + 20; i++) bus.publish('barClosed', { symbol: 'SPY', time: NOW - (BARS_KEPT + 20 - i) * 5_000, open: i, high: i, low: i, close: i, volume: 1, wap: i, count: 1 });
    bus.publish('bookChanged', { symbol: 'SPY', book: depth([[599.9, 300]], [[600.1, 100]]) });
    bus.publish('sweepDetected', { symbol: 'SPY', detectedAt: NOW - 30 * 60_000, direction: 'buy' } as never);
    bus.publish('sweepDetected', { symbol: 'SPY', detectedAt: NOW - 60_000, direction: 'sell' } as never);
    bus.publish('sweepDetected', { symbol: 'SPY', detectedAt: NOW - 10_000, direction: 'buy' } as never);
    bus.publish('positionsChanged', [{ instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-12-07', strike: 600, right: 'call' }, quantity: 3 } as never]);
    const snapshot = book.snapshot('SPY');
    quote.last = 601;
    expect(snapshot.quote?.last).toBe(600);
    expect(snapshot.bars).toHaveLength(BARS_KEPT);
    expect(snapshot.bars.at(-1)!.close).toBe(BARS_KEPT + 19);
    expect(snapshot.imbalance).toBe(0.5);
    expect(snapshot.sweeps.map((s) => s.detectedAt)).toEqual([NOW - 10_000, NOW - 60_000]);
    expect(snapshot).toMatchObject({ marketDate: '2026-12-07', marketMinute: 11 * 60, positionQuantity: 3, discovered: null });
    expect(book.price('SPY')).toBeCloseTo(600, 6);
  });

  it('counts the symbol\'s working orders until each is filled, cancelled or rejected, so an approved entry is not proposed again', () => {
    const { bus, book } = bookOf();
    const order = (orderId: number, status: string, symbol = 'SPY') => ({ orderId, status, instrument: { kind: 'stock', symbol } }) as never;
    bus.publish('orderChanged', order(1, 'Submitted'));
    bus.publish('orderChanged', order(2, 'PreSubmitted'));
    bus.publish('orderChanged', order(3, 'Submitted', 'QQQ'));
    expect(book.snapshot('SPY').workingOrders).toBe(2);
    bus.publish('orderChanged', order(1, 'Filled'));
    bus.publish('orderChanged', order(2, 'Cancelled'));
    expect(book.snapshot('SPY').workingOrders).toBe(0);
    expect(book.snapshot('QQQ').workingOrders).toBe(1);
  });

  it('loads the chain of a symbol an option strategy trades, keeping only expiries within the limit', async () => {
    const { bus, book } = bookOf();
    const chain: OptionChainSnapshot = {
      symbol: 'SPY', asOf: NOW, quoteDate: null, skipped: 0,
      contracts: [optionQuote('2026-12-07', 'call', 600, 0.5, 1, 1.1), optionQuote('2027-01-15', 'call', 600, 0.5, 9, 9.5), optionQuote('2027-06-18', 'call', 600, 0.5, 20, 21)],
    };
    bus.publish('chainRefreshed', { symbol: 'SPY', asOf: NOW, load: async () => chain });
    await new Promise((r) => setTimeout(r, 0));
    expect(book.snapshot('SPY').chain?.contracts.map((c) => c.expiry)).toEqual(['2026-12-07', '2027-01-15']);
  });

  it('keeps the last chain when a newer one cannot be read back', async () => {
    const problems: string[] = [];
    const bus = createEngineBus();
    const book = new SnapshotBook({ bus, symbols: ['SPY'], chainSymbols: new Set(['SPY']), maxChainDays: 45, clock: () => NOW, onProblem: (_s, p) => problems.push(p) });
    book.start();
    const chain: OptionChainSnapshot = { symbol: 'SPY', asOf: NOW, quoteDate: null, skipped: 0, contracts: [optionQuote('2026-12-07', 'call', 600, 0.5, 1, 1.1)] };
    bus.publish('chainRefreshed', { symbol: 'SPY', asOf: NOW, load: async () => chain });
    await new Promise((r) => setTimeout(r, 0));
    bus.publish('chainRefreshed', { symbol: 'SPY', asOf: NOW + 1, load: async () => Promise.reject(new Error('worker gone')) });
    await new Promise((r) => setTimeout(r, 0));
    expect(book.snapshot('SPY').chain?.contracts).toHaveLength(1);
    expect(problems[0]).toMatch(/could not be read back \(worker gone\)/);
  });

  it('carries each symbol’s latest discovery, so the rules use the discovered lookback with its as-of time', () => {
    const { bus, book } = bookOf();
    const spy = { symbol: 'SPY', returnStructure: { value: { lookbackBars: 40, computedAt: NOW - 60_000 }, refusal: null } };
    bus.publish('parametersDiscovered', { id: 7, symbols: [spy, { symbol: 'QQQ' }] } as never);
    expect(book.snapshot('SPY').discovered).toBe(spy);
  });
});

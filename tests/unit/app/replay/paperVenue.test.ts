import { describe, expect, it } from 'vitest';
import { commissionOf, fillPrice, PaperVenue } from '../../../../core/app/replay/paperVenue';
import type { Touch } from '../../../../core/app/replay/replayMarket';
import { createEngineBus, type VenueOrderReport } from '../../../../core/bus/catalogue';
import type { Fill, Instrument, OrderRecord } from '../../../../core/market/order';

const touch = (bid: number, ask: number): Touch => ({ bid, ask, ts: 0 });
const order = (fields: Partial<OrderRecord>): Pick<OrderRecord, 'side' | 'type' | 'limitPrice' | 'stopPrice'> => ({ side: 'buy', type: 'LMT', limitPrice: null, stopPrice: null, ...fields });

describe('the paper fill model', () => {
  it('fills a buy limit at the ask once the ask reaches the limit, a sell limit at the bid', () => {
    expect(fillPrice(order({ limitPrice: 1.0 }), touch(0.9, 1.1))).toBeNull();
    expect(fillPrice(order({ limitPrice: 1.0 }), touch(0.9, 0.98))).toBe(0.98);
    expect(fillPrice(order({ side: 'sell', limitPrice: 2.0 }), touch(1.9, 2.1))).toBeNull();
    expect(fillPrice(order({ side: 'sell', limitPrice: 2.0 }), touch(2.05, 2.2))).toBe(2.05);
  });

  it('triggers a sell stop when the bid falls to the stop and fills it at the bid', () => {
    expect(fillPrice(order({ side: 'sell', type: 'STP', stopPrice: 0.5 }), touch(0.55, 0.6))).toBeNull();
    expect(fillPrice(order({ side: 'sell', type: 'STP', stopPrice: 0.5 }), touch(0.45, 0.5))).toBe(0.45);
  });

  it('fills a market order at the touch and never fills without a price on its side', () => {
    expect(fillPrice(order({ type: 'MKT' }), touch(9.9, 10))).toBe(10);
    expect(fillPrice(order({ type: 'MKT' }), { bid: 9.9, ask: null, ts: 0 })).toBeNull();
    expect(fillPrice(order({ type: 'MOC' }), touch(9.9, 10))).toBeNull();
  });

  it('charges $0.65 a contract and $0.005 a share, at least $1 an order', () => {
    const option: Instrument = { kind: 'option', symbol: 'SPY', expiry: '2025-01-06', strike: 590, right: 'call' };
    expect(commissionOf({ instrument: option, quantity: 10 })).toBeCloseTo(6.5);
    expect(commissionOf({ instrument: { kind: 'stock', symbol: 'SPY' }, quantity: 100 })).toBe(1);
    expect(commissionOf({ instrument: { kind: 'stock', symbol: 'SPY' }, quantity: 1000 })).toBe(5);
  });
});

describe('the paper venue', () => {
  it('works a bracket: children wait for the parent, and the target filling cancels the stop', () => {
    const bus = createEngineBus();
    let quote = touch(1.0, 1.2);
    const venue = new PaperVenue(bus, { touch: () => quote }, () => 42);
    const reports: VenueOrderReport[] = [];
    const fills: Fill[] = [];
    bus.subscribe('venueOrderReported', (r) => reports.push(r));
    bus.subscribe('venueFillReported', (f) => fills.push(f.fill));
    const instrument: Instrument = { kind: 'option', symbol: 'SPY', expiry: '2025-01-06', strike: 590, right: 'call' };
    const record = (orderId: number, fields: Partial<OrderRecord>) => ({ orderId, transmit: true, record: { instrument, quantity: 3, parentId: null, ocaGroup: null, stopPrice: null, limitPrice: null, ...fields } as OrderRecord });
    venue.place([
      record(1, { side: 'buy', type: 'LMT', limitPrice: 1.1 }),
      record(2, { side: 'sell', type: 'LMT', limitPrice: 2.2, parentId: 1 }),
      record(3, { side: 'sell', type: 'STP', stopPrice: 0.55, parentId: 1 }),
    ]);
    venue.match();
    expect(fills).toEqual([]);
    quote = touch(0.4, 1.05); // the parent fills; the stop only works from the next match on
    venue.match();
    expect(fills.map((f) => [f.orderId, f.price, f.time])).toEqual([[1, 1.05, 42]]);
    quote = touch(2.3, 2.4);
    venue.match();
    expect(fills.map((f) => [f.orderId, f.price])).toEqual([[1, 1.05], [2, 2.3]]);
    expect(reports.filter((r) => r.orderId === 3).map((r) => r.status)).toEqual(['PreSubmitted', 'Cancelled']);
  });

  it('fills a market-on-close exit only in the closing cross, at the close price, cancelling its stop; an LOC only within its limit', () => {
    const bus = createEngineBus();
    const venue = new PaperVenue(bus, { touch: () => touch(600.0, 600.02) }, () => 42);
    const fills: Fill[] = [];
    const reports: VenueOrderReport[] = [];
    bus.subscribe('venueFillReported', (f) => fills.push(f.fill));
    bus.subscribe('venueOrderReported', (r) => reports.push(r));
    const instrument: Instrument = { kind: 'stock', symbol: 'SPY' };
    const record = (orderId: number, fields: Partial<OrderRecord>) => ({ orderId, transmit: true, record: { instrument, quantity: 100, parentId: null, ocaGroup: null, stopPrice: null, limitPrice: null, ...fields } as OrderRecord });
    venue.place([
      record(1, { side: 'buy', type: 'LMT', limitPrice: 600.05 }),
      record(2, { side: 'sell', type: 'MOC', parentId: 1, ocaGroup: 'g' }),
      record(3, { side: 'sell', type: 'STP', stopPrice: 590, parentId: 1, ocaGroup: 'g' }),
      record(4, { side: 'sell', type: 'LOC', limitPrice: 605 }),
    ]);
    venue.match();
    venue.match();
    expect(fills.map((f) => f.orderId)).toEqual([1]);
    venue.closingCross(() => 601.5);
    expect(fills.map((f) => [f.orderId, f.price])).toEqual([[1, 600.02], [2, 601.5]]);
    expect(reports.filter((r) => r.orderId === 3).map((r) => r.status)).toEqual(['PreSubmitted', 'Cancelled']);
    expect(reports.filter((r) => r.orderId === 4).map((r) => r.status)).toEqual(['Submitted']);
  });
});

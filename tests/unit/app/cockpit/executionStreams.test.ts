import { describe, expect, it } from 'vitest';
import { createEngineBus } from '../../../../core/bus/catalogue';
import { ExecutionStreams } from '../../../../core/app/cockpit/executionStreams';
import type { Fill, OrderRecord } from '../../../../core/market/order';

function order(orderId: number, fields: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId, clientOrderKey: `k${orderId}`, role: 'single', parentId: null, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, type: 'MKT',
    limitPrice: null, stopPrice: null, tif: 'DAY', outsideRth: false, ocaGroup: null, status: 'Submitted', filled: 0, avgFillPrice: null, commission: 0,
    message: null, permId: null, source: 'ticket', requestedBy: 't', external: false, createdAt: orderId, updatedAt: orderId, ...fields,
  };
}

function fill(execId: string, time: number, commission: number | null): Fill {
  return { execId, orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, price: 1, exchange: 'ARCA', time, commission };
}

describe('the cockpit’s order and fill streams', () => {
  const start = () => {
    const bus = createEngineBus();
    const streams = new ExecutionStreams(bus);
    streams.start();
    return { bus, streams };
  };

  it('shows an order placed in TWS beside this engine’s order of the same id, and replaces each row on change', () => {
    const { bus, streams } = start();
    bus.publish('orderChanged', order(5));
    bus.publish('orderChanged', order(5, { external: true, permId: 9001 }));
    bus.publish('orderChanged', order(5, { status: 'Filled', filled: 1 }));
    const rows = streams.orders.current!;
    expect(rows).toHaveLength(2);
    expect(rows.find((o) => !o.external)!.status).toBe('Filled');
    expect(rows.find((o) => o.external)!.permId).toBe(9001);
  });

  it('keeps every working order and the newest 200 finished ones, newest first', () => {
    const { bus, streams } = start();
    bus.publish('orderChanged', order(1));
    for (let id = 2; id <= 260; id++) bus.publish('orderChanged', order(id, { status: 'Cancelled' }));
    const rows = streams.orders.current!;
    expect(rows).toHaveLength(201);
    expect(rows[0]!.orderId).toBe(260);
    expect(rows.some((o) => o.orderId === 1)).toBe(true);
    expect(rows.some((o) => o.orderId === 60)).toBe(false);
  });

  it('keeps one row per fill, the newest report of it (with its commission), newest fill first', () => {
    const { bus, streams } = start();
    bus.publish('fillRecorded', fill('a', 10, null));
    bus.publish('fillRecorded', fill('b', 20, 1.2));
    bus.publish('fillRecorded', fill('a', 10, 1.05));
    expect(streams.executions.current!.map((f) => [f.execId, f.commission])).toEqual([['b', 1.2], ['a', 1.05]]);
  });
});

import { OptionType, SecType } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { describeIbOrder, executionFilterTime, executionTime, fillOf, ibContract, ibOrder, instrumentOf } from '../../../../../core/venues/ibkr/execution/ibOrderMapping';
import type { OrderRecord } from '../../../../../core/market/order';

const base: OrderRecord = {
  orderId: 7, clientOrderKey: 'ticket-abc123', role: 'takeProfit', parentId: 6, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'sell', quantity: 10,
  type: 'LMT', limitPrice: 455.5, stopPrice: null, tif: 'GTC', outsideRth: true, ocaGroup: 'bracket-6', status: 'PendingSubmit', filled: 0,
  avgFillPrice: null, commission: 0, message: null, permId: null, source: 'ticket', requestedBy: 'trader', external: false, createdAt: 0, updatedAt: 0,
};

describe('IBKR order mapping', () => {
  it('sends a bracket child with its parent, OCA group (cancel the others on a fill), transmit flag and the client order key', () => {
    expect(ibOrder(base, false)).toEqual({
      orderId: 7, action: 'SELL', totalQuantity: 10, orderType: 'LMT', lmtPrice: 455.5, tif: 'GTC', outsideRth: true, transmit: false,
      orderRef: 'ticket-abc123', parentId: 6, ocaGroup: 'bracket-6', ocaType: 1,
    });
  });

  it('names an option by conId when known, else by its OCC symbol and fields', () => {
    const option = { kind: 'option' as const, symbol: 'SPY', expiry: '2025-01-17', strike: 452.5, right: 'put' as const };
    expect(ibContract({ ...option, conId: 991 })).toEqual({ conId: 991, exchange: 'SMART' });
    expect(ibContract(option)).toMatchObject({ secType: SecType.OPT, lastTradeDateOrContractMonth: '20250117', strike: 452.5, right: OptionType.Put, localSymbol: 'SPY   250117P00452500' });
  });

  it('reads an option contract back into the same instrument, and refuses what it cannot trade', () => {
    expect(instrumentOf({ symbol: 'QQQ', secType: SecType.OPT, lastTradeDateOrContractMonth: '20250321', strike: 500, right: 'C' as OptionType, conId: 5 }))
      .toEqual({ kind: 'option', symbol: 'QQQ', expiry: '2025-03-21', strike: 500, right: 'call', conId: 5 });
    expect(instrumentOf({ symbol: 'ES', secType: SecType.FUT })).toBeNull();
    expect(instrumentOf({ symbol: 'QQQ', secType: SecType.OPT, lastTradeDateOrContractMonth: '202503', strike: 500, right: 'C' as OptionType })).toBeNull();
  });

  it('describes an order TWS reports, treating its "unset" prices (Double.MAX_VALUE) as none', () => {
    const d = describeIbOrder({ symbol: 'AAPL', secType: SecType.STK }, { action: 'BUY' as never, totalQuantity: 5, orderType: 'STP' as never, auxPrice: 180, lmtPrice: Number.MAX_VALUE, tif: 'DAY' as never });
    expect(d).toMatchObject({ side: 'buy', type: 'STP', stopPrice: 180, limitPrice: null, parentId: null, ocaGroup: null });
    expect(describeIbOrder({ symbol: 'AAPL', secType: SecType.STK }, { action: 'BUY' as never, totalQuantity: 5, orderType: 'TRAIL' as never })).toBeNull();
  });

  it('reads TWS execution times in New York, UTC or TWS-local form', () => {
    expect(executionTime('20250106 09:30:01 US/Eastern')).toBe(Date.UTC(2025, 0, 6, 14, 30, 1));
    expect(executionTime('20250706 09:30:01 US/Eastern')).toBe(Date.UTC(2025, 6, 6, 13, 30, 1));
    expect(executionTime('20250106-14:30:01')).toBe(Date.UTC(2025, 0, 6, 14, 30, 1));
    expect(executionTime('20250106  09:30:01')).toBe(Date.UTC(2025, 0, 6, 14, 30, 1));
    expect(executionTime('20250106 09:30:01 Europe/London')).toBeNull();
    expect(executionTime('yesterday')).toBeNull();
    expect(executionFilterTime(Date.UTC(2025, 0, 6, 14, 30, 1))).toBe('20250106-14:30:01');
  });

  it('turns an execution into a fill, and refuses one without an id, size or price', () => {
    const contract = { symbol: 'AAPL', secType: SecType.STK };
    const execution = { execId: 'e1', orderId: 3, side: 'SLD', shares: 40, price: 190.25, exchange: 'ARCA', time: '20250106 10:00:00 US/Eastern' };
    expect(fillOf(contract, execution)).toEqual({ execId: 'e1', orderId: 3, instrument: { kind: 'stock', symbol: 'AAPL' }, side: 'sell', quantity: 40, price: 190.25, exchange: 'ARCA', time: Date.UTC(2025, 0, 6, 15), commission: null });
    expect(fillOf(contract, { ...execution, execId: undefined })).toBeNull();
    expect(fillOf(contract, { ...execution, shares: 0 })).toBeNull();
  });
});

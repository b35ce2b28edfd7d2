import { describe, expect, it } from 'vitest';
import { gateOrders, validateOrder } from '../../../core/execution/orderTickets';
import { proposalOrder } from '../../../core/signals/proposalOrder';
import { proposal } from './signalTestBed';

const QQQ = { kind: 'stock', symbol: 'QQQ' } as const;
/** The MOC imbalance strategy's short: sell 150 QQQ at the bid 510.20, stop 511.40, out at the close. */
const mocShort = proposal({
  id: 'mocImbalance-QQQ-3', strategy: 'mocImbalance', symbol: 'QQQ', underlyingPrice: 510.2,
  order: { instrument: QQQ, side: 'sell', quantity: 150, limitPrice: 510.2, stopPrice: 511.4, exit: { kind: 'close', order: 'MOC' } },
});

describe('the order a proposal places', () => {
  it('turns a market-on-close proposal into a limit entry whose bracket is its stop and an MOC exit', () => {
    const request = proposalOrder(mocShort, 'trader');
    expect(request).toMatchObject({
      clientOrderKey: 'proposal-mocImbalance-QQQ-3', instrument: QQQ, side: 'sell', quantity: 150, type: 'LMT', limitPrice: 510.2, tif: 'DAY',
      bracket: { exitAtClose: 'MOC', stopLossPrice: 511.4 }, source: 'approval', requestedBy: 'trader',
    });
    expect(validateOrder(request)).toBeNull();
    expect(gateOrders(request).map(({ role, side, type, limitPrice, stopPrice, quantity }) => ({ role, side, type, limitPrice, stopPrice, quantity }))).toEqual([
      { role: 'parent', side: 'sell', type: 'LMT', limitPrice: 510.2, stopPrice: null, quantity: 150 },
      { role: 'exitAtClose', side: 'buy', type: 'MOC', limitPrice: null, stopPrice: null, quantity: 150 },
      { role: 'stopLoss', side: 'buy', type: 'STP', limitPrice: null, stopPrice: 511.4, quantity: 150 },
    ]);
  });

  it('applies the trader’s size and limit to a market-on-close proposal, the exits following the new size', () => {
    const request = proposalOrder(mocShort, 'trader', { quantity: 100, limitPrice: 510.1 });
    expect(request).toMatchObject({ quantity: 100, limitPrice: 510.1, bracket: { exitAtClose: 'MOC', stopLossPrice: 511.4 } });
    expect(gateOrders(request).map((leg) => leg.quantity)).toEqual([100, 100, 100]);
  });

  it('keeps a target proposal a profit-taker bracket', () => {
    expect(proposalOrder(proposal(), 'trader')).toMatchObject({ type: 'LMT', limitPrice: 1.2, bracket: { takeProfitPrice: 2.4, stopLossPrice: 0.6 } });
  });
});

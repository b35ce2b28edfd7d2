import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../core/sim/gateway/contracts/catalog';
import { chargeExecution, noFees, orderCommission } from '../../../../core/sim/gateway/orders/commissions';
import { parseFilterTime } from '../../../../core/sim/gateway/orders/executionFilter';
import { marginOf } from '../../../../core/sim/gateway/orders/margin';
import { SessionClock } from '../../../../core/sim/gateway/orders/sessionClock';
import { inAuctionCutoff, nextRegularOpen, phaseAt } from '../../../../core/sim/gateway/orders/tradingHours';
import { optionTickAt } from '../../../../core/sim/market/optionTicks';
import { etToUtc } from '../../../../core/market/newYorkTime';

const STOCK: Instrument = {
  kind: 'stock',
  spec: { symbol: 'AAPL', conId: 265598, secType: 'STK', isEtf: false, primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC', level2: false },
};
const OPTION: Instrument = {
  kind: 'option',
  spec: { conId: 1, underlying: 'AAPL', expiry: '20250117', strike: 245, right: 'C', tradingClass: 'AAPL', multiplier: 100, occId: 'AAPL250117C00245000' },
  underlying: STOCK.spec as Extract<Instrument, { kind: 'stock' }>['spec'],
};
const ny = (date: string, h: number, m = 0): number => etToUtc(date, h, m);

describe('IBKR tiered commissions', () => {
  it('charge stocks $0.0035 a share with a $0.35 minimum and a 1% of trade value maximum', () => {
    expect(orderCommission(STOCK, 1000, 240)).toBe(3.5);
    expect(orderCommission(STOCK, 10, 240)).toBe(0.35);
    expect(orderCommission(STOCK, 10, 2)).toBe(0.2); // 1% of $20
  });

  it('charge options by premium with a $1 minimum per order', () => {
    expect(orderCommission(OPTION, 10, 2.5)).toBe(6.5);
    expect(orderCommission(OPTION, 10, 0.07)).toBe(5);
    expect(orderCommission(OPTION, 10, 0.03)).toBe(2.5);
    expect(orderCommission(OPTION, 1, 2.5)).toBe(1);
  });

  it('apply the minimum once per order when it fills in pieces', () => {
    const fees = noFees();
    const pieces = [chargeExecution(STOCK, fees, 20, 240), chargeExecution(STOCK, fees, 30, 240), chargeExecution(STOCK, fees, 200, 240)];
    expect(pieces[0]).toBe(0.35);
    expect(pieces[1]).toBe(0);
    expect(pieces.reduce((a, b) => a + b, 0)).toBeCloseTo(250 * 0.0035, 6);
  });
});

describe('option ticks (Penny Interval Program)', () => {
  it('are a penny for SPY/QQQ/IWM at every price and for other names below $3, a nickel from $3', () => {
    expect(optionTickAt('SPY', 12.5)).toBe(0.01);
    expect(optionTickAt('AAPL', 2.99)).toBe(0.01);
    expect(optionTickAt('AAPL', 3)).toBe(0.05);
  });
});

describe('Reg-T style margin', () => {
  it('asks 50% initial and 25% maintenance of a stock position, the premium of a long option, more for a short one', () => {
    expect(marginOf({ instrument: STOCK, quantity: -100, price: 200, underlyingPrice: 0 })).toEqual({ initial: 10_000, maintenance: 5_000 });
    expect(marginOf({ instrument: OPTION, quantity: 2, price: 3, underlyingPrice: 240 })).toEqual({ initial: 600, maintenance: 600 });
    expect(marginOf({ instrument: OPTION, quantity: -1, price: 3, underlyingPrice: 240 }).initial).toBeCloseTo(300 + 4800, 6);
  });
});

describe('US trading hours in New York time', () => {
  it('name the phase of the day and call weekends closed', () => {
    expect(phaseAt(ny('2025-01-06', 3, 59))).toBe('closed');
    expect(phaseAt(ny('2025-01-06', 4))).toBe('preMarket');
    expect(phaseAt(ny('2025-01-06', 9, 30))).toBe('regular');
    expect(phaseAt(ny('2025-01-06', 16))).toBe('afterHours');
    expect(phaseAt(ny('2025-01-06', 20))).toBe('closed');
    expect(phaseAt(ny('2025-01-11', 12))).toBe('closed');
    expect(phaseAt(ny('2025-07-07', 10))).toBe('regular'); // summer time
  });

  it('know the MOC/LOC cut-off and the next open across a weekend', () => {
    expect(inAuctionCutoff(ny('2025-01-06', 15, 49))).toBe(false);
    expect(inAuctionCutoff(ny('2025-01-06', 15, 50))).toBe(true);
    expect(nextRegularOpen(ny('2025-01-10', 17))).toBe(ny('2025-01-13', 9, 30));
  });

  it('report every session boundary the clock jumped over, in order', () => {
    const clock = new SessionClock(ny('2025-01-10', 15));
    expect(clock.passed(ny('2025-01-10', 15, 59))).toEqual([]);
    const passed = clock.passed(ny('2025-01-13', 9, 31));
    expect(passed.map((e) => e.kind)).toEqual(['close', 'afterHoursClose', 'preOpen', 'open']);
    expect(passed[2]!.ts).toBe(ny('2025-01-13', 4));
  });
});

describe('reqExecutions filter times', () => {
  it('read UTC "yyyymmdd-hh:mm:ss", New York or zoned "yyyymmdd hh:mm:ss", and reject anything else', () => {
    expect(parseFilterTime('')).toBeUndefined();
    expect(parseFilterTime('20250106-14:35:10')).toBe(Date.UTC(2025, 0, 6, 14, 35, 10));
    expect(parseFilterTime('20250106-14:35')).toBe(Date.UTC(2025, 0, 6, 14, 35));
    expect(parseFilterTime('20250106 09:35:10')).toBe(ny('2025-01-06', 9, 35) + 10_000);
    expect(parseFilterTime('20250106 09:35:10 US/Eastern')).toBe(ny('2025-01-06', 9, 35) + 10_000);
    expect(parseFilterTime('20250106 14:35:10 UTC')).toBe(Date.UTC(2025, 0, 6, 14, 35, 10));
    expect(parseFilterTime('yesterday')).toBeInstanceOf(Error);
    expect(parseFilterTime('20250106 09:35:10 Europe/Paris')).toBeInstanceOf(Error);
  });
});

import { describe, expect, test } from 'vitest';
import { ContractError, tradingStateRestrictiveness, type TradingState } from '../../../core/contract/contract';
import type { FlattenProgress } from '../../../core/contract/riskView';
import { FlattenAll } from '../../../core/execution/flattenAll';
import { OrderDeniedError } from '../../../core/execution/orderDenied';
import { emptyQuote } from '../../../core/market/quote';
import { instrumentKey, type Instrument } from '../../../core/market/order';
import type { TradingStateChange } from '../../../core/risk/tradingState';
import { orderRequest, SPY, SPY_CALL, startManager, type ManagerHarness } from '../../support/executionDoubles';
import { relaxedRiskLimits, riskLimits } from '../../support/riskFixtures';

const QQQ: Instrument = { kind: 'stock', symbol: 'QQQ' };
const SPY_CALL_KEY = instrumentKey(SPY_CALL);

/**
 * The trading state's rules as TradingStateService keeps them (tightening at once, loosening only confirmed and
 * recorded), over the harness's state the order gate reads; `unrecordable` is Redis away.
 */
class MemoryTradingState {
  unrecordable = false;
  readonly changes: TradingStateChange[] = [];
  constructor(private readonly holder: { current: TradingState }) {}

  get current(): TradingState {
    return this.holder.current;
  }

  async change(change: TradingStateChange): Promise<TradingState> {
    const from = this.current.state;
    const loosening = tradingStateRestrictiveness[change.state] < tradingStateRestrictiveness[from];
    if (loosening && !change.confirmed) throw new ContractError('REFUSED', `Leaving ${from} for ${change.state} needs confirmation.`);
    if (loosening && this.unrecordable) throw new ContractError('UNAVAILABLE', `Cannot leave ${from}: the change could not be recorded in Redis (Connection is closed.). Trading stays ${from}.`);
    this.changes.push(change);
    this.holder.current = { state: change.state, changedAt: 0, changedBy: change.by, reason: change.reason, persisted: true };
    return this.current;
  }
}

interface FlattenHarness extends ManagerHarness {
  state: MemoryTradingState;
  progress: FlattenProgress[];
  flatten: (confirmed?: boolean) => Promise<FlattenProgress>;
  /** The orders flatten placed (source flatten), in order. */
  closing: () => Array<{ orderId: number; side: string; quantity: number; type: string; limitPrice: number | null; outsideRth: boolean; key: string }>;
  last: () => FlattenProgress;
}

/** Holds long 100 SPY, short 10 QQQ and 2 SPY calls (bid 4.1, ask 4.3), the market quoted and the venue connected. */
async function holding(limits = relaxedRiskLimits(), marketCalendar: 'nyse' | 'always-open' = 'always-open'): Promise<FlattenHarness> {
  const h = await startManager(undefined, limits);
  await h.connect(1_000);
  for (const [symbol, bid, ask] of [['SPY', 449, 450], ['QQQ', 379, 380]] as const) h.bus.publish('quoteChanged', { ...emptyQuote(symbol), bid, ask, last: bid, ts: h.clock.now });
  h.marks.set(SPY_CALL_KEY, { mark: 4.2, bid: 4.1, ask: 4.3, delta: 0.5, gamma: 0.02, theta: -0.1, vega: 0.3, underlyingPrice: 449.5 });
  h.venue.fill(10, SPY, 'buy', 100, 450);
  h.venue.fill(11, QQQ, 'sell', 10, 380);
  h.venue.fill(12, SPY_CALL, 'buy', 2, 4);
  const state = new MemoryTradingState(h.tradingState);
  const flattenAll = new FlattenAll({ bus: h.bus, book: h.manager.flattenBook(), tradingState: state, optionMarks: (i) => h.marks.get(instrumentKey(i)) ?? null, marketCalendar, clock: () => h.clock.now, cancelWaitMs: 1_000 });
  flattenAll.start();
  const progress: FlattenProgress[] = [];
  h.bus.subscribe('flattenProgressed', (p) => progress.push(p));
  return {
    ...h,
    state,
    progress,
    flatten: (confirmed = true) => h.bus.send('flattenAll', { requestedBy: 'trader via test', reason: 'end of day', confirmed }),
    closing: () => h.venue.placed.flat().filter((o) => o.record.source === 'flatten').map(({ orderId, record }) => ({ orderId, side: record.side, quantity: record.quantity, type: record.type, limitPrice: record.limitPrice, outsideRth: record.outsideRth, key: instrumentKey(record.instrument) })),
    last: () => progress.at(-1)!,
  };
}

const legOf = (p: FlattenProgress, key: string) => p.legs.find((l) => l.instrumentKey === key)!;

async function denialOf(answer: Promise<unknown>): Promise<OrderDeniedError> {
  const error = await answer.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrderDeniedError);
  return error as OrderDeniedError;
}

describe('flatten all', () => {
  test('is refused (NOT_CONFIRMED) and audited unless confirmed: nothing cancelled, nothing sent, trading state unchanged', async () => {
    const h = await holding();
    const denial = await denialOf(h.flatten(false));
    expect(denial.denial.code).toBe('NOT_CONFIRMED');
    expect(h.closing()).toEqual([]);
    expect(h.tradingState.current.state).toBe('ACTIVE');
    expect(h.store.rows('flatten all denied')).toEqual([expect.objectContaining({ who: 'trader via test', why: expect.stringMatching(/^NOT_CONFIRMED/) })]);
  });

  test('goes REDUCING, cancels the working order and waits for it to end, then closes every position: stocks MKT, the option LMT at its bid; flat when all are filled', async () => {
    const h = await holding();
    const { orderIds: [working] } = await h.bus.send('submitOrder', orderRequest({ instrument: QQQ, side: 'sell', quantity: 5, limitPrice: 390 }));
    const answer = h.flatten();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.tradingState.current).toMatchObject({ state: 'REDUCING', changedBy: 'trader via test', reason: 'flatten all: end of day' });
    expect(h.venue.cancelled).toEqual([working]);
    expect(h.closing(), 'nothing is sent while the cancel is pending (the REDUCING check counts it)').toEqual([]);
    h.venue.status(working!, 'Cancelled');
    const started = await answer;
    expect(started.state).toBe('running');
    const closing = h.closing();
    expect(closing).toEqual([
      expect.objectContaining({ key: 'SPY', side: 'sell', quantity: 100, type: 'MKT' }),
      expect.objectContaining({ key: 'QQQ', side: 'buy', quantity: 10, type: 'MKT' }),
      expect.objectContaining({ key: SPY_CALL_KEY, side: 'sell', quantity: 2, type: 'LMT', limitPrice: 4.1 }),
    ]);
    expect(h.last().legs.map((l) => [l.instrumentKey, l.startQuantity, l.status])).toEqual([['SPY', 100, 'working'], ['QQQ', -10, 'working'], [SPY_CALL_KEY, 2, 'working']]);
    h.venue.fill(closing[0]!.orderId, SPY, 'sell', 100, 449);
    h.venue.status(closing[0]!.orderId, 'Filled', 100, 0, 449);
    expect(legOf(h.last(), 'SPY')).toMatchObject({ status: 'flat', remaining: 0 });
    expect(h.last().state).toBe('running');
    h.venue.fill(closing[1]!.orderId, QQQ, 'buy', 10, 380);
    h.venue.fill(closing[2]!.orderId, SPY_CALL, 'sell', 2, 4.1);
    expect(h.last()).toMatchObject({ state: 'flat', requestedBy: 'trader via test', reason: 'end of day' });
    expect(h.last().finishedAt).not.toBeNull();
    expect(h.store.rows('flatten all started')).toHaveLength(1);
    expect(h.store.rows('flatten all flat')).toHaveLength(1);
  });

  test('a leg the risk gate refuses and a leg the broker rejects leave the run incomplete; the other leg still closes', async () => {
    const h = await holding(riskLimits({ ...relaxedRiskLimits(), maxOrderShares: 50 }));
    await h.flatten();
    expect(legOf(h.last(), 'SPY')).toMatchObject({ status: 'refused', orderId: null, message: expect.stringMatching(/50/) });
    const [qqq, call] = h.closing();
    expect([qqq!.key, call!.key]).toEqual(['QQQ', SPY_CALL_KEY]);
    h.venue.error(qqq!.orderId, 201, 'Order rejected - reason: no shares to borrow');
    h.venue.status(qqq!.orderId, 'Inactive');
    expect(legOf(h.last(), 'QQQ')).toMatchObject({ status: 'failed', remaining: -10, message: expect.stringMatching(/borrow/) });
    expect(h.last().state).toBe('running');
    h.venue.fill(call!.orderId, SPY_CALL, 'sell', 2, 4.1);
    expect(h.last()).toMatchObject({ state: 'incomplete' });
    expect(legOf(h.last(), SPY_CALL_KEY).status).toBe('flat');
    expect(h.store.rows('flatten all incomplete')).toEqual([expect.objectContaining({ why: expect.stringMatching(/SPY: refused.*QQQ: failed/) })]);
  });

  test('a second flatten while one runs answers the running one and sends nothing more', async () => {
    const h = await holding();
    const first = await h.flatten();
    const second = await h.flatten();
    expect(second).toMatchObject({ state: 'running', startedAt: first.startedAt });
    expect(h.closing()).toHaveLength(3);
    expect(h.state.changes).toHaveLength(1);
  });

  test('from HALTED it moves to REDUCING as the requester’s confirmed change, and is refused with the trading state’s message when that cannot be recorded', async () => {
    const h = await holding();
    h.setTradingState('HALTED');
    h.state.unrecordable = true;
    const denial = await denialOf(h.flatten());
    expect(denial.denial.code).toBe('STORE_UNAVAILABLE');
    expect(denial.message).toMatch(/could not be recorded in Redis.*Trading stays HALTED/);
    expect(h.tradingState.current.state).toBe('HALTED');
    expect(h.closing()).toEqual([]);
    h.state.unrecordable = false;
    await h.flatten();
    expect(h.state.changes).toEqual([{ state: 'REDUCING', confirmed: true, by: 'trader via test', reason: 'flatten all: end of day' }]);
    expect(h.closing()).toHaveLength(3);
  });

  test('outside regular hours (NYSE calendar) a stock closes with a limit at the touch, allowed outside regular hours, since market orders are refused then', async () => {
    const h = await holding(relaxedRiskLimits(), 'nyse');
    h.clock.now = Date.parse('2025-03-03T22:30:00Z'); // 17:30 New York, a Monday
    await h.flatten();
    expect(h.closing()).toEqual([
      expect.objectContaining({ key: 'SPY', side: 'sell', type: 'LMT', limitPrice: 449, outsideRth: true }),
      expect.objectContaining({ key: 'QQQ', side: 'buy', type: 'LMT', limitPrice: 380, outsideRth: true }),
      expect.objectContaining({ key: SPY_CALL_KEY, side: 'sell', type: 'LMT', limitPrice: 4.1 }),
    ]);
  });

  test('a position with no price to close at (an option missing from the chain) is refused by name; with nothing else left the run ends incomplete', async () => {
    const h = await holding();
    h.marks.clear();
    await h.flatten();
    expect(legOf(h.last(), SPY_CALL_KEY)).toMatchObject({ status: 'refused', message: expect.stringContaining(`No bid for ${SPY_CALL_KEY}`) });
    const [spy, qqq] = h.closing();
    h.venue.fill(spy!.orderId, SPY, 'sell', 100, 449);
    h.venue.fill(qqq!.orderId, QQQ, 'buy', 10, 380);
    expect(h.last().state).toBe('incomplete');
  });
});

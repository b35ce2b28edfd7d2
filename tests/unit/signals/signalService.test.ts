import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../core/market/proposal';
import { SignalService, type StrategyRun } from '../../../core/signals/signalService';
import type { Strategy, StrategyVerdict } from '../../../core/signals/strategy';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import { emptySnapshot } from './snapshotFixture';
import { automationOf, orderBus, proposal, queueOf, testClock } from './signalTestBed';

/** A strategy that proposes the test bed's order whenever `fire` is set, and counts its evaluations. */
function scripted() {
  const state = { fire: true, evaluations: 0, quantity: 4 };
  const strategy: Strategy<unknown> = {
    name: 'zeroDte',
    evaluate(snapshot: StrategySnapshot): StrategyVerdict {
      state.evaluations++;
      if (!state.fire) return { kind: 'quiet', why: 'momentum 0.40σ is below 2σ' };
      const { order, confidence, reasons } = proposal();
      return { kind: 'propose', draft: { order: { ...order, quantity: state.quantity }, confidence, reasons, underlyingPrice: snapshot.quote?.last ?? 600 } };
    },
  };
  return { strategy, state };
}

function bed(mode: 'manual' | 'auto' = 'manual') {
  const clock = testClock();
  const orders = orderBus();
  const queue = queueOf(orders.bus, clock);
  const auto = automationOf(clock, mode);
  const { strategy, state } = scripted();
  const run: StrategyRun = { strategy, settings: {}, enabled: true, symbols: ['SPY'] };
  let n = 0;
  const created: Proposal[] = [];
  orders.bus.subscribe('proposalCreated', (p) => created.push(p));
  const service = new SignalService({
    bus: orders.bus, snapshots: { snapshot: (symbol, now) => emptySnapshot({ symbol, now }) }, strategies: [run], queue, automation: auto.automation,
    evaluateEveryMs: 1_000, proposalTtlMs: 120_000, nextNumber: async () => ++n, clock: clock.now,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { clock, orders, queue, auto, state, run, service, created, settle };
}

describe('the signal service', () => {
  it('evaluates a strategy at most once per evaluateEveryMs per symbol, however many events arrive', async () => {
    const b = bed();
    b.state.fire = false;
    b.service.start();
    for (let i = 0; i < 50; i++) b.orders.bus.publish('barClosed', { symbol: 'SPY', time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1, wap: 1, count: 1 });
    expect(b.state.evaluations).toBe(1);
    b.clock.advance(999);
    b.service.trigger('SPY');
    expect(b.state.evaluations).toBe(1);
    b.clock.advance(1);
    b.service.trigger('SPY');
    b.service.trigger('QQQ');
    expect(b.state.evaluations).toBe(2);
    expect(b.service.quietReasons('zeroDte')).toEqual([{ symbol: 'SPY', why: 'momentum 0.40σ is below 2σ', at: b.clock.now() }]);
    b.service.stop();
  });

  it('turns a draft into a pending proposal with a never-reused id, its times and the risk pre-check, published once', async () => {
    const b = bed();
    b.orders.state.check = { passed: false, code: 'MAX_NOTIONAL', message: 'too big' };
    const made = await b.service.evaluate(b.run, emptySnapshot());
    expect(made).toMatchObject({ id: 'zeroDte-SPY-1', status: 'pending', createdAt: b.clock.now(), expiresAt: b.clock.now() + 120_000, preCheck: { passed: false, code: 'MAX_NOTIONAL' } });
    expect(b.created.map((p) => p.id)).toEqual(['zeroDte-SPY-1']);
    expect(b.queue.get('zeroDte-SPY-1')?.proposal.status).toBe('pending');
  });

  it('makes no second proposal for the same strategy and symbol while one is open, and a new id after it is decided', async () => {
    const b = bed();
    const [first, second] = await Promise.all([b.service.evaluate(b.run, emptySnapshot()), b.service.evaluate(b.run, emptySnapshot())]);
    expect([first, second].filter((p) => p !== null)).toHaveLength(1);
    expect(await b.service.evaluate(b.run, emptySnapshot())).toBeNull();
    expect(b.service.quietReasons('zeroDte')[0]!.why).toMatch(/waiting for a decision/);
    b.queue.reject(first!.id, 'no', 'trader');
    expect((await b.service.evaluate(b.run, emptySnapshot()))?.id).toBe('zeroDte-SPY-2');
  });

  it('in automatic mode places within the limits without approval and stops at the hourly limit', async () => {
    const b = bed('auto');
    for (let i = 0; i < 3; i++) {
      const made = await b.service.evaluate(b.run, emptySnapshot());
      if (i < 2) expect(b.queue.get(made!.id)!.decision).toMatchObject({ status: 'approved', by: 'automation:zeroDte' });
      else expect(b.queue.get(made!.id)!.proposal.status).toBe('pending');
    }
    expect(b.orders.submitted).toHaveLength(2);
    expect(b.service.quietReasons('zeroDte')[0]!.why).toMatch(/2 automatic orders in the last hour: the limit is 2/);
  });

  it('in automatic mode does not count an order risk refused against the hourly limit', async () => {
    const b = bed('auto');
    b.orders.state.refuse = { code: 'MAX_NOTIONAL', message: 'too big' };
    const refused = await b.service.evaluate(b.run, emptySnapshot());
    expect(b.queue.get(refused!.id)!.decision).toMatchObject({ status: 'refused', refusal: { code: 'MAX_NOTIONAL' } });
    expect(b.auto.automation.ordersThisHour('zeroDte')).toBe(0);
    b.orders.state.refuse = null;
    await b.service.evaluate(b.run, emptySnapshot());
    expect(b.auto.automation.ordersThisHour('zeroDte')).toBe(1);
  });

  it('in automatic mode leaves a proposal to the trader when trading is not ACTIVE, approval is manual, or it is too large', async () => {
    const b = bed('auto');
    b.auto.state.trading = 'HALTED';
    expect(b.queue.get((await b.service.evaluate(b.run, emptySnapshot()))!.id)!.decision).toBeNull();
    b.queue.expireAll('next case');
    b.auto.state.trading = 'ACTIVE';
    b.auto.state.approval = 'manual';
    expect(b.queue.get((await b.service.evaluate(b.run, emptySnapshot()))!.id)!.decision).toBeNull();
    b.queue.expireAll('next case');
    b.auto.state.approval = 'auto';
    b.state.quantity = 6;
    expect(b.queue.get((await b.service.evaluate(b.run, emptySnapshot()))!.id)!.decision).toBeNull();
    expect(b.orders.submitted).toHaveLength(0);
  });

  it('switches a strategy to automatic only when confirmed, and audits the switch', async () => {
    const b = bed();
    await expect(b.auto.automation.setMode('zeroDte', 'auto', { confirmed: false, by: 'trader', reason: 'try' })).rejects.toThrow(/confirmed: true/);
    expect(b.auto.automation.mode('zeroDte')).toBe('manual');
    await b.auto.automation.setMode('zeroDte', 'auto', { confirmed: true, by: 'trader', reason: 'trusted' });
    expect(b.auto.automation.mode('zeroDte')).toBe('auto');
    expect(b.auto.audit).toEqual([expect.objectContaining({ strategy: 'zeroDte', from: 'manual', to: 'auto', by: 'trader', reason: 'trusted' })]);
  });
});

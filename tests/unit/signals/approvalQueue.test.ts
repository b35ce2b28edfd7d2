import { describe, expect, it } from 'vitest';
import type { ProposalDecision } from '../../../core/market/proposal';
import { orderBus, proposal, queueOf, testClock } from './signalTestBed';

describe('the approval queue', () => {
  it('approves a proposal as a limit entry with its bracket, keyed by the proposal id, and a second approval places nothing new', async () => {
    const { bus, submitted } = orderBus();
    const clock = testClock();
    const queue = queueOf(bus, clock);
    const decided: ProposalDecision[] = [];
    bus.subscribe('proposalDecided', ({ decision }) => decided.push(decision));
    queue.add(proposal());
    const [first, second] = await Promise.all([queue.approve('zeroDte-SPY-1', { by: 'trader' }), queue.approve('zeroDte-SPY-1', { by: 'trader' })]);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      clientOrderKey: 'proposal-zeroDte-SPY-1', type: 'LMT', limitPrice: 1.2, quantity: 4, side: 'buy', source: 'approval', tif: 'DAY',
      bracket: { takeProfitPrice: 2.4, stopLossPrice: 0.6 },
    });
    expect(first).toMatchObject({ status: 'approved', orderIds: [100, 101, 102], by: 'trader' });
    expect(second).toBe(first);
    expect(await queue.approve('zeroDte-SPY-1', { by: 'trader' })).toBe(first);
    expect(submitted).toHaveLength(1);
    expect(decided).toHaveLength(1);
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('approved');
  });

  it('expires a proposal at its expiry time, and an expired one cannot be approved', async () => {
    const { bus, submitted } = orderBus();
    const clock = testClock();
    const queue = queueOf(bus, clock);
    queue.add(proposal());
    clock.advance(119_000);
    queue.tick();
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('pending');
    clock.advance(1_000);
    queue.tick();
    expect(queue.get('zeroDte-SPY-1')!.decision).toMatchObject({ status: 'expired', by: 'engine' });
    await expect(queue.approve('zeroDte-SPY-1', { by: 'trader' })).rejects.toMatchObject({ code: 'NOT_PENDING' });
    expect(submitted).toHaveLength(0);
  });

  it('needs confirmation once the underlying has moved more than the set percentage, and approves with it', async () => {
    const { bus, submitted } = orderBus();
    const price = { value: 600 };
    const queue = queueOf(bus, testClock(), price);
    queue.add(proposal());
    price.value = 602.4; // +0.4% > 0.3%
    expect(queue.needsConfirmation(queue.get('zeroDte-SPY-1')!.proposal)).toBe(true);
    await expect(queue.approve('zeroDte-SPY-1', { by: 'trader' })).rejects.toThrow(/moved 0\.40% since proposal zeroDte-SPY-1.*confirmed: true/);
    expect(submitted).toHaveLength(0);
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('pending');
    expect(await queue.approve('zeroDte-SPY-1', { by: 'trader', confirmed: true })).toMatchObject({ status: 'approved' });
  });

  it('says which way the underlying moved: a fall is a negative move, and it needs confirmation as a rise does', () => {
    const { bus } = orderBus();
    const price = { value: 600 };
    const queue = queueOf(bus, testClock(), price);
    queue.add(proposal());
    price.value = 597.6; // −0.4%
    const { proposal: open } = queue.get('zeroDte-SPY-1')!;
    expect(queue.movedPercent(open)).toBeCloseTo(-0.4, 6);
    expect(queue.needsConfirmation(open)).toBe(true);
    price.value = 599; // −0.17%: inside 0.3%
    expect(queue.needsConfirmation(open)).toBe(false);
  });

  it('approves a modified size and limit as "modified", and refuses an impossible change', async () => {
    const { bus, submitted } = orderBus();
    const queue = queueOf(bus, testClock());
    queue.add(proposal());
    expect(() => queue.modify('zeroDte-SPY-1', { quantity: 0 })).toThrow(/quantity must be a whole number above 0/);
    queue.modify('zeroDte-SPY-1', { quantity: 2, limitPrice: 1.15 });
    const decision = await queue.approve('zeroDte-SPY-1', { by: 'trader' });
    expect(submitted[0]).toMatchObject({ quantity: 2, limitPrice: 1.15 });
    expect(decision).toMatchObject({ status: 'modified', changes: { quantity: 2, limitPrice: 1.15 } });
  });

  it('shows a refusal by risk at approval as the proposal’s fate, with the gate’s code', async () => {
    const { bus } = orderBus({ code: 'HALTED', message: 'Trading is HALTED (test): no new order is sent.' });
    const queue = queueOf(bus, testClock());
    queue.add(proposal());
    const decision = await queue.approve('zeroDte-SPY-1', { by: 'trader' });
    expect(decision).toMatchObject({ status: 'refused', orderIds: [], refusal: { code: 'HALTED', message: expect.stringContaining('HALTED') } });
  });

  it('approves a market-on-close proposal as a limit entry with a stop and an MOC exit, no refusal', async () => {
    const { bus, submitted } = orderBus();
    const queue = queueOf(bus, testClock());
    const moc = proposal({ id: 'mocImbalance-SPY-2', strategy: 'mocImbalance', order: { instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 100, limitPrice: 600.01, stopPrice: 598, exit: { kind: 'close', order: 'MOC' } } });
    queue.add(moc);
    const decision = await queue.approve(moc.id, { by: 'trader' });
    expect(submitted).toEqual([
      expect.objectContaining({ clientOrderKey: 'proposal-mocImbalance-SPY-2', type: 'LMT', limitPrice: 600.01, quantity: 100, side: 'buy', tif: 'DAY', bracket: { exitAtClose: 'MOC', stopLossPrice: 598 } }),
    ]);
    expect(decision).toMatchObject({ status: 'approved', refusal: null, orderIds: [100, 101, 102] });
  });

  it('snoozes a proposal for some minutes: hidden, then back, and still expiring at its time', () => {
    const { bus } = orderBus();
    const clock = testClock();
    const queue = queueOf(bus, clock);
    queue.add(proposal({ expiresAt: clock.now() + 10 * 60_000 }));
    queue.snooze('zeroDte-SPY-1', 2);
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('snoozed');
    expect(queue.hasOpen('zeroDte', 'SPY')).toBe(true);
    clock.advance(2 * 60_000);
    queue.tick();
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('pending');
    queue.snooze('zeroDte-SPY-1', 30);
    clock.advance(8 * 60_000);
    queue.tick();
    expect(queue.get('zeroDte-SPY-1')!.proposal.status).toBe('expired');
  });

  it('rejects with the trader’s reason; a decided proposal cannot be rejected again', () => {
    const { bus } = orderBus();
    const queue = queueOf(bus, testClock());
    queue.add(proposal());
    expect(queue.reject('zeroDte-SPY-1', 'chasing', 'trader')).toMatchObject({ status: 'rejected', reason: 'chasing', by: 'trader' });
    expect(queue.hasOpen('zeroDte', 'SPY')).toBe(false);
    expect(() => queue.reject('zeroDte-SPY-1', 'again', 'trader')).toThrow(/is rejected/);
    expect(() => queue.reject('nope', 'x', 'trader')).toThrow(/there is no proposal nope/);
  });
});

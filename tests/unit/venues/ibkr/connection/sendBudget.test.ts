import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SendBudget } from '../../../../../core/venues/ibkr/connection/sendBudget';

describe('SendBudget: one send budget per IB socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const budgetLog = () => {
    const sent: Array<{ what: string; at: number }> = [];
    const budget = new SendBudget(50, () => Date.now());
    const send = (lane: 'orders' | 'requests', what: string) => budget.send(lane, () => sent.push({ what, at: Date.now() }));
    return { budget, sent, send };
  };

  test('a burst of 50 cancels leaves at once on a quiet socket', () => {
    const { sent, send } = budgetLog();
    for (let i = 0; i < 50; i++) send('orders', `cancel ${i}`);
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((s) => s.at)).size).toBe(1);
  });

  test('the 51st message waits until the first has left the window, so no second holds more than 50', () => {
    const { sent, send } = budgetLog();
    for (let i = 0; i < 60; i++) send('orders', `cancel ${i}`);
    expect(sent).toHaveLength(50);
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(50);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(60);
    expect(sent.map((s) => s.what)).toEqual(Array.from({ length: 60 }, (_, i) => `cancel ${i}`));
  });

  test('waiting orders and cancels pass before waiting subscriptions', () => {
    const { sent, send } = budgetLog();
    for (let i = 0; i < 50; i++) send('requests', `subscribe ${i}`);
    send('requests', 'subscribe late');
    send('orders', 'cancel');
    vi.advanceTimersByTime(1_100);
    expect(sent.slice(50).map((s) => s.what)).toEqual(['cancel', 'subscribe late']);
  });

  test('in any stretch of one second at most 50 messages are sent, however they arrive', () => {
    const { sent, send } = budgetLog();
    for (let t = 0; t < 5_000; t += 10) {
      for (let i = 0; i < 3; i++) send(i === 0 ? 'orders' : 'requests', `m${t}-${i}`);
      vi.advanceTimersByTime(10);
    }
    for (const first of sent) expect(sent.filter((s) => s.at >= first.at && s.at < first.at + 1_000).length).toBeLessThanOrEqual(50);
  });

  test('messages sent around the budget (the handshake) count against the same second', () => {
    const { budget, sent, send } = budgetLog();
    budget.spent(2);
    for (let i = 0; i < 50; i++) send('orders', `place ${i}`);
    expect(sent).toHaveLength(48);
  });

  test('clear drops what a dead socket never sent', () => {
    const { budget, sent, send } = budgetLog();
    for (let i = 0; i < 55; i++) send('orders', `cancel ${i}`);
    budget.clear();
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(50);
    expect(budget.depth).toBe(0);
  });
});

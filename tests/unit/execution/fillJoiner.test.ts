import { describe, expect, test } from 'vitest';
import { FillJoiner } from '../../../core/execution/fillJoiner';
import type { Fill } from '../../../core/market/order';
import { SPY } from '../../support/executionDoubles';

const fill = (execId: string, fields: Partial<Fill> = {}): Fill => ({ execId, orderId: 7, instrument: SPY, side: 'buy', quantity: 10, price: 450, exchange: 'ARCA', time: 1_000, commission: null, ...fields });

describe('fill joiner', () => {
  test('joins a commission that arrives after its fill', () => {
    const joiner = new FillJoiner();
    expect(joiner.fill(fill('e1'), false)).toMatchObject({ newFill: true, newCommission: null, recorded: { fill: { commission: null } } });
    expect(joiner.commission('e1', 1.05)).toMatchObject({ newFill: false, newCommission: 1.05, recorded: { fill: { execId: 'e1', commission: 1.05 } } });
  });

  test('joins a commission that arrives before its fill', () => {
    const joiner = new FillJoiner();
    expect(joiner.commission('e2', 0.35)).toBeNull();
    expect(joiner.fill(fill('e2'), false)).toMatchObject({ newFill: true, newCommission: 0.35, recorded: { fill: { commission: 0.35 } } });
  });

  test('ignores a fill reported again (reconciliation re-lists the day’s executions) and a repeated commission', () => {
    const joiner = new FillJoiner();
    joiner.fill(fill('e3'), false);
    joiner.commission('e3', 1);
    expect(joiner.fill(fill('e3'), false)).toBeNull();
    expect(joiner.fill(fill('e3', { commission: 1 }), false)).toBeNull();
    expect(joiner.commission('e3', 1)).toBeNull();
  });

  test('a repeat that brings the missing commission joins it without counting the fill again', () => {
    const joiner = new FillJoiner();
    joiner.fill(fill('e4'), false);
    expect(joiner.fill(fill('e4', { commission: 2 }), false)).toMatchObject({ newFill: false, newCommission: 2 });
  });

  test('knows an order’s own fills and the newest fill time, also after a restart', () => {
    const joiner = new FillJoiner();
    joiner.fill(fill('a', { time: 5 }), false);
    joiner.fill(fill('b', { time: 9, quantity: 5 }), false);
    joiner.fill(fill('c', { time: 7 }), true); // another client's order 7
    const restarted = new FillJoiner();
    restarted.load([...['a', 'b', 'c']].map((id) => ({ fill: fill(id, { time: id === 'b' ? 9 : 5 }), external: id === 'c' })));
    expect(restarted.fillsOf(7).map((f) => f.execId)).toEqual(['a', 'b']);
    expect(restarted.lastFillTime()).toBe(9);
    expect(restarted.fill(fill('a'), false)).toBeNull();
  });
});

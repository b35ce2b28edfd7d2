import { describe, expect, test } from 'vitest';
import { subscriptionPlan } from '../../../../../core/venues/ibkr/data/subscriptionPlan';
import { SubscriptionRegistry } from '../../../../../core/venues/ibkr/data/subscriptionRegistry';

const plan = subscriptionPlan([{ symbol: 'SPY', dataClass: 'level2' }, { symbol: 'AAPL', dataClass: 'standard' }]);

describe('subscription plan', () => {
  test('Level 2 symbols get a ticker, a trade ticker, SMART depth and bars; others a ticker with prints and bars', () => {
    expect(plan.map((s) => `${s.id}|${s.genericTicks}|${s.printsFromRtVolume}`)).toEqual([
      'SPY:ticker||false', 'SPY:trades|233|true', 'SPY:depth||false', 'SPY:bars||false', 'AAPL:ticker|233|true', 'AAPL:bars||false',
    ]);
  });
});

describe('subscription registry', () => {
  test('subscribing again retires the old request id, so each subscription has one live id', () => {
    const registry = new SubscriptionRegistry();
    const first = registry.register(plan[0]!, 1, 0);
    const second = registry.register(plan[0]!, 1, 0);
    expect(second.reqId).toBeGreaterThan(first.reqId);
    expect(registry.lookup(first.reqId)).toBeUndefined();
    expect(registry.lookup(second.reqId)?.spec.id).toBe('SPY:ticker');
    expect(registry.all()).toHaveLength(1);
  });

  test('request ids never repeat, even across sessions', () => {
    const registry = new SubscriptionRegistry();
    const ids = new Set<number>();
    for (let session = 1; session <= 3; session++) {
      for (const spec of plan) ids.add(registry.register(spec, session, 0).reqId);
      ids.add(registry.oneOffReqId());
      registry.clear();
    }
    expect(ids.size).toBe(3 * (plan.length + 1));
  });

  test('refused subscriptions are not counted as active', () => {
    const registry = new SubscriptionRegistry();
    for (const spec of plan) registry.register(spec, 1, 0);
    registry.current('SPY:depth')!.refused = { code: 309, reason: 'max depth' };
    expect(registry.activeCount).toBe(plan.length - 1);
  });
});

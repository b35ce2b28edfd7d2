import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import { eventually } from '../../support/engineContract';
import { placeRestingOrders } from './killSwitchOrders';
import { startExecutionHarness, type ExecutionHarness } from './executionHarness';

describe('the kill switch: HALT cancels every working order this engine placed', () => {
  let h: ExecutionHarness;
  beforeAll(async () => {
    h = await startExecutionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  test('a HALT with 50 working orders leaves none working at the gateway and trips no error 100', async () => {
    const ids = await placeRestingOrders(h, 50);
    expect(h.gateway.workingOrders()).toBe(50);
    const state = await h.client.call('setTradingState', { state: 'HALTED', reason: 'kill switch test' });
    expect(state.state).toBe('HALTED');
    await eventually('no order working at the gateway', () => h.gateway.workingOrders() === 0, 10_000, 10);
    await eventually('the engine to see every order cancelled', () => ids.every((id) => h.orders().find((o) => o.orderId === id)?.status === 'Cancelled'));
    expect(h.gateway.stats().rateViolations).toBe(0);
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
  }, 60_000);

  test('cancelAllOrders: scope engine cancels this engine’s orders; scope global is refused unless confirmed', async () => {
    const engineIds = await placeRestingOrders(h, 2);
    const answer = await h.client.call('cancelAllOrders', { scope: 'engine', reason: 'test' });
    expect(answer.cancelled.sort()).toEqual([...engineIds].sort());
    await eventually('no order working at the gateway', () => h.gateway.workingOrders() === 0);
    const globalIds = await placeRestingOrders(h, 2);
    const refused = await h.client.call('cancelAllOrders', { scope: 'global', reason: 'test' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED' });
    expect(h.gateway.workingOrders()).toBe(2);
    const confirmed = await h.client.call('cancelAllOrders', { scope: 'global', confirmed: true, reason: 'test' });
    expect(confirmed).toMatchObject({ scope: 'global' });
    await eventually('the global cancel to reach the gateway', () => h.gateway.workingOrders() === 0);
    await eventually('the engine to see both cancelled', () => globalIds.every((id) => h.orders().find((o) => o.orderId === id)?.status === 'Cancelled'));
  }, 60_000);
});

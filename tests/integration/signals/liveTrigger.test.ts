import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import { ContractClient } from '../../../core/contract/contractClient';
import type { ProposalsView } from '../../../core/contract/proposalView';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import type { OrderRecord } from '../../../core/market/order';
import { writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { ORDER_PATH_RISK } from '../execution/executionHarness';

/**
 * The whole live path on the real engine in sim mode, nothing constructed: the simulated market's quotes, bars and
 * option chain (read back through the chain reader) reach the snapshot book over the bus, the signal service runs the
 * 1DTE rule on its own (its thresholds opened so it fires on any move), the proposal appears on the contract's
 * `proposals` stream, and its approval puts a bracket at the embedded gateway.
 */
describe('a live proposal on the simulated market', () => {
  let engine: Engine;
  let client: ContractClient;
  let proposals: ProposalsView = { open: [], decided: [] };
  let orders: OrderRecord[] = [];

  beforeAll(async () => {
    const configPath = await writeTestConfig({
      symbols: [{ symbol: 'SPY', dataClass: 'level2', etf: true, priority: true }],
      risk: ORDER_PATH_RISK,
      signals: {
        zeroDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false },
        oneDte: { symbols: ['SPY'], window: { from: '00:00', to: '23:59' }, dayMovePercent: 0.000001, minConfirmations: 0 },
      },
    });
    ({ engine } = await startInProcessEngine({ configPath, webBridge: false }));
    const pair = createMemoryPair();
    engine.contract.serve(pair.server, 'test');
    client = new ContractClient(pair.client);
    client.subscribe('proposals', {}, (e) => (proposals = e.value));
    client.subscribe('orders', {}, (e) => (orders = e.value));
  }, 90_000);

  afterAll(async () => {
    await engine?.stop();
  }, 30_000);

  it('the 1DTE rule proposes from live events, the proposal streams with its reasons, and approval places its bracket', async () => {
    const shown = await eventually('a 1DTE proposal on the proposals stream', () => proposals.open.find((p) => p.strategy === 'oneDte'), 80_000, 200);
    expect(shown).toMatchObject({ symbol: 'SPY', status: 'pending', order: { side: 'buy', instrument: { kind: 'option', symbol: 'SPY' }, exit: { kind: 'target' } } });
    expect(shown.reasons[0]).toMatchObject({ fact: 'day move', asOf: expect.any(Number) });
    expect(shown.reasons.at(-1)).toMatchObject({ fact: 'contract', detail: expect.stringMatching(/delta .* \(target 0\.3\), [1-4]DTE/) });
    expect(shown.expiresAt - shown.createdAt).toBe(120_000);
    await eventually('the engine reconciled with the embedded gateway', () => engine.execution.manager.reconciled, 30_000, 100);
    const decision = await client.call('approveProposal', { id: shown.id, confirmed: true });
    if (decision.status === 'refused') throw new Error(`refused: ${decision.refusal?.code} ${decision.refusal?.message}`);
    expect(decision).toMatchObject({ status: 'approved', orderIds: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const parent = await eventually('the bracket at the gateway', () => orders.find((o) => o.orderId === decision.orderIds[0] && ['Submitted', 'PreSubmitted', 'Filled', 'PartiallyFilled'].includes(o.status)), 30_000);
    expect(parent).toMatchObject({ role: 'parent', type: 'LMT', limitPrice: shown.order.limitPrice, source: 'approval', clientOrderKey: `proposal-${shown.id}` });
    expect(orders.filter((o) => o.parentId === parent.orderId).map((o) => o.role).sort()).toEqual(['stopLoss', 'takeProfit']);
  });
});

import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import type { OrderRequest } from '../../../core/market/order';
import type { PreCheck, Proposal, StrategyName } from '../../../core/market/proposal';
import { ApprovalQueue } from '../../../core/signals/approvalQueue';
import { Automation, type AutomationMode } from '../../../core/signals/automation';
import { NOW } from './snapshotFixture';

/** A clock the test moves. */
export function testClock(start = NOW) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A proposal for 4 SPY calls at 1.20 with a bracket (stop 0.60, target 2.40), made at NOW when SPY was 600. */
export function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 'zeroDte-SPY-1', strategy: 'zeroDte', symbol: 'SPY',
    order: { instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-12-07', strike: 612, right: 'call' }, side: 'buy', quantity: 4, limitPrice: 1.2, stopPrice: 0.6, exit: { kind: 'target', targetPrice: 2.4 } },
    confidence: 0.75, reasons: [{ fact: 'momentum', value: 2.5, asOf: NOW, detail: '≥ 2σ' }], createdAt: NOW, expiresAt: NOW + 120_000, underlyingPrice: 600,
    preCheck: { passed: true }, status: 'pending', ...overrides,
  };
}

/**
 * A bus whose order commands are served as the order manager would answer them: submitOrder records each request and
 * answers ids (a repeated key answers the first ids), or refuses with `refuse` as the order manager's denial.
 */
export function orderBus(refuse: { code: string; message: string } | null = null) {
  const bus: EngineBus = createEngineBus();
  const submitted: OrderRequest[] = [];
  const receipts = new Map<string, number[]>();
  const state = { refuse, check: { passed: true } as PreCheck };
  let nextId = 100;
  bus.serve('submitOrder', async (request) => {
    if (state.refuse) throw Object.assign(new Error(state.refuse.message), { denial: state.refuse });
    const known = receipts.get(request.clientOrderKey);
    if (known) return { clientOrderKey: request.clientOrderKey, orderIds: known, duplicate: true };
    submitted.push(request);
    const ids = request.bracket ? [nextId++, nextId++, nextId++] : [nextId++];
    receipts.set(request.clientOrderKey, ids);
    return { clientOrderKey: request.clientOrderKey, orderIds: ids, duplicate: false };
  });
  bus.serve('checkOrder', async () => state.check);
  return { bus, submitted, state };
}

export function queueOf(bus: EngineBus, clock: { now: () => number }, price: { value: number | null } = { value: 600 }) {
  return new ApprovalQueue({ bus, reconfirmMovePercent: 0.3, price: () => price.value, clock: clock.now });
}

export function automationOf(clock: { now: () => number }, mode: AutomationMode = 'manual', state = { trading: 'ACTIVE', approval: 'auto' as 'manual' | 'auto' }) {
  const limits = { mode, maxOrdersPerHour: 2, maxQuantity: 5 };
  const all = Object.fromEntries((['zeroDte', 'oneDte', 'swing', 'mocImbalance'] as StrategyName[]).map((n) => [n, { ...limits }])) as Record<StrategyName, typeof limits>;
  const audit: unknown[] = [];
  const automation = new Automation({ limits: all, tradingState: () => state.trading, approvalMode: () => state.approval, audit: async (c) => void audit.push(c), clock: clock.now });
  return { automation, audit, state };
}

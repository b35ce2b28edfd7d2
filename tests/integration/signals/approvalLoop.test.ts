import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import { ContractClient } from '../../../core/contract/contractClient';
import type { ProposalsView, StrategyView } from '../../../core/contract/proposalView';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import type { Bar } from '../../../core/market/bar';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { OptionContractQuote } from '../../../core/market/optionChain';
import type { OrderRecord, Position } from '../../../core/market/order';
import type { Proposal } from '../../../core/market/proposal';
import type { StrategyRun } from '../../../core/signals/signalService';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import type { ZeroDteSettings } from '../../../core/signals/zeroDte';
import { keys } from '../../../core/store/keys';
import { writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { ORDER_PATH_RISK } from '../execution/executionHarness';

/**
 * The approval loop on the real engine in sim mode (embedded gateway, real Redis): the real 0DTE rule, run by the real
 * signal service on a snapshot whose live quote and simulated option chain are the market's and whose confirmations
 * (momentum, dealers short gamma, toxic VPIN, a buy sweep) are constructed, proposes; the contract decides.
 */
describe('signals → approval queue → order path (real engine, simulated market)', () => {
  let engine: Engine;
  let client: ContractClient;
  let proposals: ProposalsView = { open: [], decided: [] };
  let strategies: StrategyView[] = [];
  let orders: OrderRecord[] = [];
  let positions: readonly Position[] = [];

  beforeAll(async () => {
    const configPath = await writeTestConfig({
      symbols: [{ symbol: 'SPY', dataClass: 'level2', etf: true, priority: true }],
      risk: { ...ORDER_PATH_RISK, approvalMode: 'auto', deadManSeconds: 3_600 },
      signals: { proposalTtlSeconds: 5, zeroDte: { enabled: false, symbols: ['SPY'], maxOrdersPerHour: 1, maxQuantity: 50 }, oneDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false } },
    });
    ({ engine } = await startInProcessEngine({ configPath, webBridge: false }));
    const pair = createMemoryPair();
    engine.contract.serve(pair.server, 'test');
    client = new ContractClient(pair.client);
    client.subscribe('proposals', {}, (e) => (proposals = e.value));
    client.subscribe('orders', {}, (e) => (orders = e.value));
    client.subscribe('strategies', {}, (e) => (strategies = e.value));
    engine.bus.subscribe('positionsChanged', (p) => (positions = p));
    await eventually('the engine reconciled with the embedded gateway', () => engine.execution.manager.reconciled, 60_000, 100);
  }, 90_000);

  afterAll(async () => {
    await engine?.stop();
  }, 30_000);

  /** The real 0DTE rule at any hour (its configured run is off so live events make no proposals of their own). */
  const zeroDteRun = (): StrategyRun => {
    const run = engine.signals.runs.zeroDte;
    return { ...run, enabled: true, settings: { ...(run.settings as ZeroDteSettings), fromMinute: 0, toMinute: 24 * 60 } };
  };

  /** A snapshot on which the 0DTE rule fires, and the contract it will pick, once the engine can price that option. */
  async function firingSnapshot(): Promise<StrategySnapshot> {
    const snapshot = await eventually('a live SPY quote', () => {
      const s = engine.signals.book.snapshot('SPY');
      return s.quote?.bid && s.quote.ask ? s : undefined;
    }, 30_000);
    const spot = (snapshot.quote!.bid! + snapshot.quote!.ask!) / 2;
    const chain = engine.sim!.market!.market.optionChain('SPY').map(contractQuote);
    const expiry = chain.filter((c) => c.type === 'call' && c.bid > 0.3 && c.ask - c.bid < 0.2 * c.bid).map((c) => c.expiry).sort()[0]!;
    const now = snapshot.now;
    const gex = { spot, totals: { gex: -2.5e9 }, flip: { level: spot * 1.01, low: spot * 0.8, high: spot * 1.2 }, computedAt: now, chainAsOf: now } as unknown as GammaExposureUpdate;
    return {
      ...snapshot, marketDate: expiry, bars: risingBars(spot, now), gex,
      vpin: { symbol: 'SPY', vpin: 0.41, bucket: 80, time: now, cdf: 0.95, toxic: true, alert: true } as StrategySnapshot['vpin'],
      sweeps: [{ symbol: 'SPY', direction: 'buy', detectedAt: now, shares: 12_000, levels: 4, exchanges: ['ARCA', 'NSDQ'], fromPrice: spot - 0.05, toPrice: spot } as StrategySnapshot['sweeps'][number]],
      chain: { symbol: 'SPY', asOf: now, quoteDate: null, skipped: 0, contracts: chain }, positionQuantity: 0, workingOrders: 0,
    };
  }

  /** A proposal through the real service, made once the order gate can judge its option (the chain has reached the engine). */
  async function propose(): Promise<Proposal> {
    return eventually('a proposal whose pre-check passed', async () => {
      const made = await engine.signals.service.evaluate(zeroDteRun(), await firingSnapshot());
      if (made && !made.preCheck.passed) engine.signals.queue.reject(made.id, `pre-check not ready: ${made.preCheck.code}`, 'test');
      return made?.preCheck.passed ? made : undefined;
    }, 60_000, 500);
  }

  it('a 0DTE proposal with its reasons is approved with its limit moved to the ask: a bracket at the gateway, the entry fills, a position', async () => {
    const proposal = await propose();
    expect(proposal.reasons.map((r) => r.fact)).toEqual(['momentum', 'dealers short gamma', 'VPIN CDF', 'buy sweep', 'contract']);
    const shown = await eventually('the proposal in the proposals stream', () => proposals.open.find((p) => p.id === proposal.id));
    expect(shown).toMatchObject({ status: 'pending', preCheck: { passed: true }, needsConfirmation: false });
    const option = engine.sim!.market!.market.optionChain('SPY').map(contractQuote).find((c) => c.expiry === (proposal.order.instrument as { expiry: string }).expiry && c.strike === (proposal.order.instrument as { strike: number }).strike && c.type === 'call')!;
    const decision = await client.call('modifyProposal', { id: proposal.id, limitPrice: Math.round((option.ask + 0.05) * 100) / 100, approve: true, confirmed: true });
    expect(decision).toMatchObject({ status: 'modified', orderIds: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const [parentId, profitId, stopId] = (decision as { orderIds: number[] }).orderIds;
    const parent = await eventually('the entry filled', () => orders.find((o) => o.orderId === parentId && o.status === 'Filled'), 30_000);
    expect(parent).toMatchObject({ clientOrderKey: `proposal-${proposal.id}`, source: 'approval', role: 'parent', type: 'LMT' });
    expect(orders.find((o) => o.orderId === profitId)).toMatchObject({ role: 'takeProfit', limitPrice: proposal.order.exit.kind === 'target' ? proposal.order.exit.targetPrice : null });
    expect(orders.find((o) => o.orderId === stopId)).toMatchObject({ role: 'stopLoss', stopPrice: proposal.order.stopPrice });
    await eventually('the option position', () => positions.find((p) => p.instrument.kind === 'option' && p.quantity === proposal.order.quantity), 30_000);
    expect(await client.call('approveProposal', { id: proposal.id, confirmed: true })).toMatchObject({ orderIds: [parentId, profitId, stopId] });
    const history = await engine.redis.client.xrange(keys.signals.history.key, '-', '+');
    const kinds = history.filter(([, f]) => f.includes(proposal.id)).map(([, f]) => f[f.indexOf('kind') + 1]);
    expect(kinds).toEqual(expect.arrayContaining(['proposed', 'decided', 'filled']));
    // Back to flat for the next tests: the rule stays quiet while positioned.
    await engine.bus.send('cancelAll', { requestedBy: 'test', reason: 'cleanup' });
  });

  it('a rejected proposal leaves the queue with its reason, and an undecided one expires', async () => {
    const rejected = await propose();
    await client.call('rejectProposal', { id: rejected.id, reason: 'spread too wide' });
    const gone = await eventually('the rejected proposal among the decided', () => proposals.decided.find((p) => p.id === rejected.id));
    expect(gone.decision).toMatchObject({ status: 'rejected', reason: 'spread too wide', by: 'trader via test' });
    expect(proposals.open.some((p) => p.id === rejected.id)).toBe(false);
    const expiring = await propose();
    const expired = await eventually('the proposal expired', () => proposals.decided.find((p) => p.id === expiring.id && p.status === 'expired'), 15_000, 200);
    expect(expired.decision).toMatchObject({ by: 'engine' });
    await expect(client.call('approveProposal', { id: expiring.id })).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(client.call('modifyProposal', { id: expiring.id } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('a new quantity or limitPrice') });
    await expect(client.call('snoozeProposal', { id: 'no-such-proposal', minutes: 5 })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('there is no proposal no-such-proposal') });
  });

  it('automatic mode needs confirmation, places without approval, and stops at its hourly limit', async () => {
    await expect(client.call('setStrategyAutomation', { strategy: 'zeroDte', mode: 'auto', reason: 'try' })).rejects.toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED' });
    await client.call('setStrategyAutomation', { strategy: 'zeroDte', mode: 'auto', reason: 'trusted', confirmed: true });
    const audit = await engine.redis.client.xrange(keys.signals.automationAudit.key, '-', '+');
    expect(audit.at(-1)![1]).toEqual(expect.arrayContaining(['strategy', 'zeroDte', 'from', 'manual', 'to', 'auto', 'reason', 'trusted']));
    const snapshot = { ...(await firingSnapshot()), positionQuantity: 0, workingOrders: 0 };
    const first = await engine.signals.service.evaluate(zeroDteRun(), snapshot);
    expect(engine.signals.queue.get(first!.id)!.decision).toMatchObject({ status: 'approved', by: 'automation:zeroDte' });
    await eventually('the automatic order at the gateway', () => orders.find((o) => o.clientOrderKey === `proposal-${first!.id}` && o.role === 'parent' && o.status !== 'PendingSubmit'));
    const second = await engine.signals.service.evaluate(zeroDteRun(), snapshot);
    expect(engine.signals.queue.get(second!.id)!.proposal.status).toBe('pending');
    expect(engine.signals.service.quietReasons('zeroDte')[0]!.why).toMatch(/1 automatic orders in the last hour: the limit is 1/);
    const card = await eventually('the strategies stream with the hourly limit reached', () =>
      strategies.find((s) => s.name === 'zeroDte' && s.ordersThisHour === 1 && s.quiet.some((q) => q.symbol === 'SPY' && /limit is 1/.test(q.why))),
    );
    expect(card).toMatchObject({ automation: 'auto', maxOrdersPerHour: 1 });
    expect(card.report.approved + card.report.modified).toBeGreaterThanOrEqual(2);
    expect(card.report.rejected).toBeGreaterThanOrEqual(1);
    engine.signals.queue.reject(second!.id, 'cleanup', 'test');
    await engine.bus.send('cancelAll', { requestedBy: 'test', reason: 'cleanup' });
  });

  it('while HALTED an approval is refused with the reason, and an automatic strategy’s proposal waits', async () => {
    await client.call('setTradingState', { state: 'HALTED', reason: 'test halt' });
    const waiting = await engine.signals.service.evaluate(zeroDteRun(), await firingSnapshot());
    expect(waiting!.preCheck).toMatchObject({ passed: false, code: 'HALTED' });
    expect(engine.signals.queue.get(waiting!.id)!.decision).toBeNull();
    const decision = await client.call('approveProposal', { id: waiting!.id, confirmed: true });
    expect(decision).toMatchObject({ status: 'refused', orderIds: [], refusal: { code: 'HALTED' } });
    expect(orders.some((o) => o.clientOrderKey === `proposal-${waiting!.id}`)).toBe(false);
  });
});

function contractQuote(o: ReturnType<NonNullable<NonNullable<Engine['sim']>['market']>['market']['optionChain']>[number]): OptionContractQuote {
  const e = o.spec.expiry;
  return {
    contractId: String(o.spec.conId), expiry: `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`, strike: o.spec.strike, type: o.spec.right === 'C' ? 'call' : 'put',
    bid: o.bid, bidSize: o.bidSize, ask: o.ask, askSize: o.askSize, last: o.last, mark: o.mark, volume: o.volume, openInterest: o.openInterest, iv: o.impliedVol,
    delta: o.delta, gamma: o.gamma, theta: o.theta, vega: o.vega, rho: o.rho,
  };
}

/** 30 bars of ±0.02% noise and then 30 rising 0.05% each, ending at `spot`: about 8σ of their own noise. */
function risingBars(spot: number, now: number): Bar[] {
  const closes: number[] = [1];
  for (let i = 1; i <= 60; i++) closes.push(closes[i - 1]! * Math.exp(i <= 30 ? (i % 2 ? 0.0002 : -0.0002) : 0.0005));
  const scale = spot / closes.at(-1)!;
  return closes.map((c, i) => {
    const close = c * scale;
    return { symbol: 'SPY', time: now - (61 - i) * 5_000, open: close, high: close, low: close, close, volume: 1_000, wap: close, count: 10 };
  });
}

import { describe, expect, it } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { Fill } from '../../../core/market/order';
import type { ProposalDecision } from '../../../core/market/proposal';
import { SignalHistory, type HistoryEntry } from '../../../core/signals/signalHistory';
import { NOW } from './snapshotFixture';
import { proposal } from './signalTestBed';

function memoryStore(initial: HistoryEntry[] = []) {
  const entries = [...initial];
  return { entries, store: { append: async (e: HistoryEntry) => void entries.push(e), load: async () => [...entries] } };
}

const decision = (overrides: Partial<ProposalDecision>): ProposalDecision => ({ status: 'approved', at: NOW, by: 'trader', reason: 'ok', orderIds: [], refusal: null, changes: null, ...overrides });
const fill = (orderId: number, side: 'buy' | 'sell', quantity: number, price: number): Fill => ({
  execId: `${orderId}-${price}`, orderId, instrument: proposal().order.instrument, side, quantity, price, exchange: 'CBOE', time: NOW, commission: 1,
});

describe('the signal history', () => {
  it('records each proposal, its fate, the entry fill and the outcome P&L when the bracket closes it, into the report card', async () => {
    const bus = createEngineBus();
    const { entries, store } = memoryStore();
    const history = new SignalHistory(bus, store);
    await history.start(NOW);
    const p = proposal();
    bus.publish('proposalCreated', p);
    bus.publish('proposalDecided', { proposal: { ...p, status: 'approved' }, decision: decision({ orderIds: [10, 11, 12] }) });
    bus.publish('fillRecorded', fill(10, 'buy', 4, 1.2));
    bus.publish('fillRecorded', fill(11, 'sell', 4, 2.4));
    expect(entries.map((e) => e.kind)).toEqual(['proposed', 'decided', 'filled', 'outcome']);
    // (2.40 − 1.20) × 4 × 100 − 2 commissions = 478
    expect(entries.at(-1)).toMatchObject({ kind: 'outcome', pnl: 478 });
    expect(history.card('zeroDte')).toMatchObject({ proposed: 1, approved: 1, filled: 1, closed: 1, wins: 1, hitRate: 1, averagePnl: 478 });
  });

  it('rebuilds the report card at start and records a proposal left undecided by a stopped engine as expired', async () => {
    const bus = createEngineBus();
    const p = proposal();
    const { entries, store } = memoryStore([
      { kind: 'proposed', at: NOW, proposal: proposal({ id: 'zeroDte-SPY-1' }) },
      { kind: 'decided', at: NOW, id: 'zeroDte-SPY-1', strategy: 'zeroDte', decision: decision({ status: 'rejected' }) },
      { kind: 'proposed', at: NOW, proposal: { ...p, id: 'zeroDte-SPY-2' } },
    ]);
    const history = new SignalHistory(bus, store);
    await history.start(NOW + 1_000);
    expect(entries.at(-1)).toMatchObject({ kind: 'decided', id: 'zeroDte-SPY-2', decision: { status: 'expired', by: 'engine' } });
    expect(history.card('zeroDte')).toMatchObject({ proposed: 2, rejected: 1, expired: 1, hitRate: null });
  });
});

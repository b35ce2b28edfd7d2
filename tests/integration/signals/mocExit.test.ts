import fs from 'node:fs';
import path from 'node:path';
import { EventName, type Order } from '@stoqey/ib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import { ContractClient } from '../../../core/contract/contractClient';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import type { Bar } from '../../../core/market/bar';
import type { OrderRecord, Position } from '../../../core/market/order';
import type { Proposal } from '../../../core/market/proposal';
import type { MocImbalanceSettings } from '../../../core/signals/mocImbalance';
import type { StrategyRun } from '../../../core/signals/signalService';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import { startGateway, type SimulatedGateway } from '../../../core/sim/gateway/gateway';
import { createMarketModel, type MarketModel } from '../../../core/sim/market/marketModel';
import { LIGHT_SYMBOLS, writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { tempDir } from '../../support/testRedis';
import { ORDER_PATH_RISK } from '../execution/executionHarness';
import { connectClient, onAny, type ConnectedClient } from '../sim/gatewayHarness';
import { ny } from '../sim/orderKit';

const DAY = '2025-01-06';
const CLOSE = ny(DAY, 16);

/**
 * The MOC imbalance strategy's exit on the real engine (`--source ibkr`) trading over TCP with the simulated gateway,
 * whose market clock the test drives from 15:49 New York through the 16:00 close: the real rule proposes, the contract
 * approves, the gateway holds the entry, the stop and the market-on-close exit, and runs the closing cross.
 */
describe('an approved MOC imbalance proposal: entry, stop and market-on-close exit at the gateway', () => {
  let dir: string;
  let market: MarketModel;
  let gateway: SimulatedGateway;
  let engine: Engine;
  let client: ContractClient;
  let observer: ConnectedClient;
  let orders: OrderRecord[] = [];
  let positions: readonly Position[] = [];

  beforeAll(async () => {
    dir = tempDir('alphatrader-moc-');
    market = createMarketModel({ seed: 11, symbols: LIGHT_SYMBOLS.map((s) => s.symbol), startTs: ny(DAY, 15, 49) });
    fs.mkdirSync(path.join(dir, 'sim'));
    gateway = await startGateway({ feed: market, stateDir: path.join(dir, 'sim'), port: 0 });
    const configPath = await writeTestConfig({
      symbols: LIGHT_SYMBOLS,
      risk: { ...ORDER_PATH_RISK, deadManSeconds: 3_600 },
      signals: { proposalTtlSeconds: 600, zeroDte: { enabled: false }, oneDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false } },
    });
    ({ engine } = await startInProcessEngine({ configPath, webBridge: false, source: 'ibkr', ibPort: gateway.port, dataDir: path.join(dir, 'data') }));
    const pair = createMemoryPair();
    engine.contract.serve(pair.server, 'test');
    client = new ContractClient(pair.client);
    client.subscribe('orders', {}, (e) => (orders = e.value));
    engine.bus.subscribe('positionsChanged', (p) => (positions = p));
    // A second API client, as another TWS session would: reqAllOpenOrders shows what the gateway holds of every client.
    observer = await connectClient(gateway.port, 77);
    await eventually('the engine reconciled with the gateway', () => engine.execution.manager.reconciled, 60_000, 100);
  }, 90_000);

  afterAll(async () => {
    observer?.disconnect();
    await engine?.stop();
    await gateway?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** Moves the market clock in steps, letting the sockets and the engine catch up between them. */
  async function advance(ms: number, stepMs = 500): Promise<void> {
    for (let t = 0; t < ms; t += stepMs) {
      market.advance(Math.min(stepMs, ms - t));
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** The real MOC imbalance rule at any minute (its configured run is off, so live events propose nothing). */
  const mocRun = (): StrategyRun => {
    const run = engine.signals.runs.mocImbalance;
    return { ...run, enabled: true, settings: { ...(run.settings as MocImbalanceSettings), fromMinute: 0, toMinute: 24 * 60 } };
  };

  /** SPY's live quote, with bids stacked over the best levels and a buy sweep just now: the rule buys into the close. */
  async function firingSnapshot(): Promise<StrategySnapshot> {
    const snapshot = await eventually('a live SPY quote', () => {
      const s = engine.signals.book.snapshot('SPY');
      return s.quote?.bid && s.quote.ask ? s : undefined;
    }, 30_000, 100);
    const now = market.now();
    const spot = snapshot.quote!.ask!;
    return {
      ...snapshot, now, marketDate: DAY, marketMinute: 15 * 60 + 49, imbalance: 0.6, bars: noisyBars(spot, now), positionQuantity: 0, workingOrders: 0,
      sweeps: [{ symbol: 'SPY', direction: 'buy', detectedAt: now, shares: 20_000, levels: 4, exchanges: ['ARCA', 'NSDQ'], fromPrice: spot - 0.05, toPrice: spot } as StrategySnapshot['sweeps'][number]],
    };
  }

  /** A proposal through the real service, once the order gate can judge it (the quote has reached the engine). */
  async function propose(): Promise<Proposal> {
    return eventually('an MOC imbalance proposal whose pre-check passed', async () => {
      const made = await engine.signals.service.evaluate(mocRun(), await firingSnapshot());
      if (made && !made.preCheck.passed) engine.signals.queue.reject(made.id, `pre-check not ready: ${made.preCheck.code}`, 'test');
      return made?.preCheck.passed ? made : undefined;
    }, 30_000, 300);
  }

  /** What the gateway holds of every client's open orders, as reqAllOpenOrders reports them over the wire. */
  async function gatewayOpenOrders(): Promise<Map<number, Order>> {
    const seen = new Map<number, Order>();
    const record = (...a: unknown[]) => seen.set(a[0] as number, a[2] as Order);
    onAny(observer.ib, EventName.openOrder, record);
    const end = new Promise<void>((resolve) => observer.ib.once(EventName.openOrderEnd, () => resolve()));
    observer.ib.reqAllOpenOrders();
    await end;
    observer.ib.off(EventName.openOrder, record);
    return seen;
  }

  const orderOf = (id: number) => orders.find((o) => o.orderId === id);
  const spyPosition = () => positions.find((p) => p.instrument.kind === 'stock' && p.instrument.symbol === 'SPY')?.quantity ?? 0;

  let first: { parent: number; close: number; stop: number };

  it('places the limit entry with an MOC exit and a protective stop as its children in one OCA group', async () => {
    const proposal = await propose();
    expect(proposal.order).toMatchObject({ side: 'buy', exit: { kind: 'close', order: 'MOC' } });
    expect(proposal.reasons.map((r) => r.fact)).toEqual(expect.arrayContaining(['book imbalance', 'buy sweep', 'stop distance']));
    const bid = engine.signals.book.snapshot('SPY').quote!.bid!;
    const resting = Math.round((bid - 0.5) * 100) / 100; // below the market: the entry rests, so the gateway shows all three
    const decision = await client.call('modifyProposal', { id: proposal.id, limitPrice: resting, approve: true, confirmed: true });
    expect(decision).toMatchObject({ status: 'modified', refusal: null, orderIds: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const [parent, close, stop] = (decision as { orderIds: number[] }).orderIds as [number, number, number];
    first = { parent, close, stop };

    const wire = await eventually('the three orders at the gateway', async () => {
      const held = await gatewayOpenOrders();
      return [parent, close, stop].every((id) => held.has(id)) ? held : undefined;
    }, 15_000, 200);
    const q = proposal.order.quantity;
    expect(wire.get(parent)).toMatchObject({ action: 'BUY', orderType: 'LMT', lmtPrice: resting, totalQuantity: q, tif: 'DAY', parentId: 0 });
    expect(wire.get(close)).toMatchObject({ action: 'SELL', orderType: 'MOC', totalQuantity: q, parentId: parent, ocaType: 1 });
    expect(wire.get(stop)).toMatchObject({ action: 'SELL', orderType: 'STP', auxPrice: proposal.order.stopPrice, totalQuantity: q, parentId: parent, ocaType: 1 });
    expect(wire.get(close)!.ocaGroup).toBeTruthy();
    expect(wire.get(stop)!.ocaGroup).toBe(wire.get(close)!.ocaGroup);

    await eventually('the engine’s own records in the orders stream', () => orderOf(stop)?.status === 'PreSubmitted' || undefined, 15_000);
    expect(orderOf(parent)).toMatchObject({ role: 'parent', type: 'LMT', clientOrderKey: `proposal-${proposal.id}`, source: 'approval' });
    expect(orderOf(close)).toMatchObject({ role: 'exitAtClose', type: 'MOC', side: 'sell', parentId: parent, limitPrice: null });
    expect(orderOf(stop)).toMatchObject({ role: 'stopLoss', type: 'STP', side: 'sell', parentId: parent, stopPrice: proposal.order.stopPrice });
  }, 60_000);

  it('once the entry fills, the stop filling cancels the MOC exit', async () => {
    const ask = engine.signals.book.snapshot('SPY').quote!.ask!;
    await client.call('modifyOrder', { orderId: first.parent, limitPrice: Math.round((ask + 0.05) * 100) / 100 });
    await advance(1_000);
    await eventually('the entry filled and a SPY position', () => orderOf(first.parent)?.status === 'Filled' && spyPosition() > 0, 15_000);
    await eventually('the MOC exit waiting for the close at the gateway', () => orderOf(first.close)?.status === 'Submitted', 15_000);
    const bid = engine.signals.book.snapshot('SPY').quote!.bid!;
    await client.call('modifyOrder', { orderId: first.stop, stopPrice: Math.round((bid + 0.02) * 100) / 100 }); // a sell stop above the market is elected at once
    await advance(1_000);
    await eventually('the stop filled', () => orderOf(first.stop)?.status === 'Filled', 15_000);
    await eventually('the MOC exit cancelled by its OCA sibling', () => orderOf(first.close)?.status === 'Cancelled', 15_000);
    expect(orderOf(first.close)!.filled).toBe(0);
    await eventually('SPY flat again', () => spyPosition() === 0, 15_000);
  }, 60_000);

  it('at the 16:00 close the MOC exit fills at the closing price and cancels the stop, leaving no position', async () => {
    const proposal = await propose();
    const ask = engine.signals.book.snapshot('SPY').quote!.ask!;
    const decision = await client.call('modifyProposal', { id: proposal.id, limitPrice: Math.round((ask + 0.05) * 100) / 100, approve: true, confirmed: true });
    const [parent, close, stop] = (decision as { orderIds: number[] }).orderIds as [number, number, number];
    await advance(1_000);
    await eventually('the entry filled', () => orderOf(parent)?.status === 'Filled', 15_000);
    await eventually('the MOC exit in the closing auction', () => orderOf(close)?.status === 'Submitted', 15_000);
    const held = spyPosition();
    expect(held).toBe(proposal.order.quantity);

    await advance(CLOSE - 1 - market.now(), 5_000); // to the last millisecond before the close
    expect(orderOf(stop)?.status).toBe('PreSubmitted'); // not elected: the stop is far below
    const closingPrice = market.quote('SPY')!.last;
    await advance(5_000); // through the 16:00 closing cross
    const filled = await eventually('the MOC exit filled in the cross', () => (orderOf(close)?.status === 'Filled' ? orderOf(close) : undefined), 15_000);
    expect(filled).toMatchObject({ filled: held, avgFillPrice: closingPrice });
    await eventually('the stop cancelled by its OCA sibling', () => orderOf(stop)?.status === 'Cancelled', 15_000);
    expect(orderOf(stop)!.filled).toBe(0);
    await eventually('SPY flat after the close', () => spyPosition() === 0, 15_000);
  }, 120_000);
});

/** 61 five-second bars alternating ±0.12% around `spot`: noise wide enough that the stop sits well below the market. */
function noisyBars(spot: number, now: number): Bar[] {
  return Array.from({ length: 61 }, (_, i) => {
    const close = spot * (i % 2 ? 1.0012 : 1);
    return { symbol: 'SPY', time: now - (61 - i) * 5_000, open: close, high: close, low: close, close, volume: 1_000, wap: close, count: 10 };
  });
}

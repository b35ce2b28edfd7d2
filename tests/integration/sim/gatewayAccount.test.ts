import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Execution, type ExecutionFilter } from '@stoqey/ib';
import type { OptionQuote } from '../../../core/sim/market/marketFeed';
import { eventually } from '../../support/eventually';
import { connectClient, onAny, runMarket, startHarness, waitFor, type ConnectedClient, type Harness } from './gatewayHarness';
import { AAPL, errorFor, optionContract, OrderLog, SPY, statusReached } from './orderKit';

interface PortfolioRow {
  contract: Contract;
  position: number;
  marketPrice: number;
  marketValue: number;
  avgCost: number;
  unrealized: number;
  realized: number;
}

describe('executions, commissions, positions and account updates on the simulated gateway', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  async function start(clientId = 12): Promise<OrderLog> {
    h = await startHarness({ symbols: ['AAPL', 'SPY'] });
    c = await connectClient(h.gateway.port, clientId);
    return new OrderLog(c);
  }

  async function fill(id: number, contract: Contract, action: OrderAction, quantity: number): Promise<void> {
    const filled = statusReached(c, id, 'Filled');
    c.ib.placeOrder(id, contract, { action, orderType: OrderType.MKT, totalQuantity: quantity, transmit: true });
    await filled;
  }

  function optionWith(predicate: (q: OptionQuote) => boolean): OptionQuote {
    const q = [...h.market.optionChain('AAPL'), ...h.market.optionChain('SPY')].find(predicate);
    if (!q) throw new Error('no option in the seeded chains matches');
    return q;
  }

  /** reqExecutions through the real client: the executions, then execDetailsEnd. */
  async function executions(reqId: number, filter: ExecutionFilter): Promise<Execution[]> {
    const found: Execution[] = [];
    const listener = (r: number, _c: Contract, e: Execution): void => void (r === reqId && found.push(e));
    c.ib.on(EventName.execDetails, listener);
    const end = waitFor(c.ib, EventName.execDetailsEnd, (r: number) => r === reqId);
    c.ib.reqExecutions(reqId, filter);
    await end;
    c.ib.off(EventName.execDetails, listener);
    return found;
  }

  it('filters reqExecutions by client, account, time, symbol, security type, exchange and side', async () => {
    await start();
    const id = c.nextValidId;
    await fill(id, AAPL, OrderAction.BUY, 100);
    await runMarket(h.market, 60_000, 5000);
    const between = h.market.now();
    await fill(id + 1, SPY, OrderAction.BUY, 50);
    await fill(id + 2, AAPL, OrderAction.SELL, 100);
    const all = await executions(1, {});
    expect(new Set(all.map((e) => e.orderId))).toEqual(new Set([id, id + 1, id + 2]));
    const utc = new Date(between).toISOString().slice(0, 19).replace(/-/g, '').replace('T', '-');
    expect(new Set((await executions(2, { time: utc })).map((e) => e.orderId))).toEqual(new Set([id + 1, id + 2]));
    const orderIds = (found: Execution[]): Set<number> => new Set(found.map((e) => e.orderId!));
    expect(orderIds(await executions(3, { symbol: 'AAPL', side: 'SELL' }))).toEqual(new Set([id + 2]));
    expect(orderIds(await executions(4, { secType: SecType.STK, symbol: 'SPY' }))).toEqual(new Set([id + 1]));
    expect(orderIds(await executions(5, { clientId: '12', acctCode: 'DU1234567', secType: SecType.OPT }))).toEqual(new Set());
    expect(orderIds(await executions(6, { clientId: '12', acctCode: 'DU1234567' }))).toEqual(new Set([id, id + 1, id + 2]));
    expect(await executions(7, { clientId: '99' })).toEqual([]);
    expect(await executions(8, { acctCode: 'DU0000000' })).toEqual([]);
    const venue = all[0]!.exchange!;
    const atVenue = await executions(9, { exchange: venue });
    expect(atVenue.length).toBe(all.filter((e) => e.exchange === venue).length);
    // Which venues the seeded book fills at is chance (all three may share one): a venue with no fill gets none.
    const unused = ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX'].find((x) => !all.some((e) => e.exchange === x))!;
    expect(await executions(11, { exchange: unused })).toEqual([]);
    const bad = errorFor(c, 10, 321);
    c.ib.reqExecutions(10, { time: 'yesterday' });
    expect((await bad)[0].message).toContain('execution filter time "yesterday"');
  });

  it('sends a commission report for every execution, including those reqExecutions returns again', async () => {
    const log = await start();
    await fill(c.nextValidId, AAPL, OrderAction.BUY, 2500);
    const live = log.commissions.length;
    expect(live).toBe(log.execs.length);
    await executions(11, {});
    await eventually('the repeated reports', () => log.commissions.length === 2 * live, 5000);
    expect(new Set(log.commissions.map((r) => r.execId)).size).toBe(live);
  });

  it('charges IBKR tiered commissions: $0.0035 a share with a $0.35 minimum, options by premium with a $1 minimum', async () => {
    const log = await start();
    const id = c.nextValidId;
    await fill(id, AAPL, OrderAction.BUY, 50);
    await fill(id + 1, AAPL, OrderAction.BUY, 2500);
    expect(log.commissionOf(id)).toBeCloseTo(0.35, 6);
    expect(log.execsOf(id + 1).length).toBeGreaterThan(1);
    expect(log.commissionOf(id + 1)).toBeCloseTo(2500 * 0.0035, 6);
    const premium = optionWith((q) => q.ask >= 0.1 && q.askSize >= 10);
    await fill(id + 2, optionContract(premium), OrderAction.BUY, 1);
    await fill(id + 3, optionContract(premium), OrderAction.BUY, 10);
    expect(log.commissionOf(id + 2)).toBeCloseTo(1, 6);
    expect(log.commissionOf(id + 3)).toBeCloseTo(6.5, 6);
    const nickel = optionWith((q) => q.ask >= 0.05 && q.ask < 0.1 && q.askSize >= 10);
    await fill(id + 4, optionContract(nickel), OrderAction.BUY, 10);
    expect(log.commissionOf(id + 4)).toBeCloseTo(5, 6);
  });

  it('fills options at the chain\'s ask when buying and its bid when selling', async () => {
    const log = await start();
    const q = optionWith((o) => o.spec.underlying === 'SPY' && o.bid > 1 && o.askSize >= 5 && o.bidSize >= 5);
    const id = c.nextValidId;
    await fill(id, optionContract(q), OrderAction.BUY, 5);
    await fill(id + 1, optionContract(q), OrderAction.SELL, 5);
    expect(log.execsOf(id).map((e) => e.price)).toEqual([q.ask]);
    expect(log.execsOf(id + 1).map((e) => e.price)).toEqual([q.bid]);
    expect(log.execs.map((e) => e.contract.secType)).toEqual([SecType.OPT, SecType.OPT]);
  });

  it('reports stock and option positions, portfolio values and account values that move with fills and prices', async () => {
    const log = await start();
    const rows = new Map<number, PortfolioRow>();
    const account = new Map<string, string>();
    onAny(c.ib, EventName.updatePortfolio, (...a) => {
      const [contract, position, marketPrice, marketValue, avgCost, unrealized, realized] = a as [Contract, number, number, number, number, number, number];
      rows.set(contract.conId!, { contract, position, marketPrice, marketValue, avgCost, unrealized, realized });
    });
    onAny(c.ib, EventName.updateAccountValue, (...a) => account.set(a[0] as string, a[1] as string));
    c.ib.reqAccountUpdates(true, 'DU1234567');
    await waitFor(c.ib, EventName.accountDownloadEnd);
    expect(Number(account.get('NetLiquidation'))).toBe(1_000_000);
    const option = optionWith((q) => q.spec.underlying === 'AAPL' && q.ask > 1 && q.askSize >= 2);
    const id = c.nextValidId;
    await fill(id, AAPL, OrderAction.BUY, 100);
    await fill(id + 1, optionContract(option), OrderAction.BUY, 2);
    await eventually('both portfolio rows', () => rows.size === 2, 5000);

    const stock = rows.get(265598)!;
    const stockCost = log.execsOf(id).reduce((n, e) => n + e.shares! * e.price!, 0) + log.commissionOf(id);
    expect(stock.position).toBe(100);
    expect(stock.avgCost).toBeCloseTo(stockCost / 100, 3);
    const opt = rows.get(option.spec.conId)!;
    expect(opt.position).toBe(2);
    expect(opt.avgCost).toBeCloseTo(option.ask * 100 + 1.3 / 2, 3); // per contract, as TWS reports it
    expect(opt.marketValue).toBeCloseTo(2 * opt.marketPrice * 100, 2);
    expect(opt.unrealized).toBeCloseTo(opt.marketValue - 2 * opt.avgCost, 2);
    await eventually('the margin of the new positions', () => Number(account.get('InitMarginReq')) > 0, 5000);
    const initMargin = Number(account.get('InitMarginReq'));
    expect(initMargin).toBeCloseTo(100 * stock.marketPrice * 0.5 + opt.marketValue, -1);
    expect(Number(account.get('AvailableFunds'))).toBeCloseTo(Number(account.get('NetLiquidation')) - initMargin, 1);
    expect(Number(account.get('BuyingPower'))).toBeCloseTo(4 * Number(account.get('AvailableFunds')), 0);

    const positions = new Map<number, [number, number]>();
    onAny(c.ib, EventName.position, (...a) => positions.set((a[1] as Contract).conId!, [a[2] as number, a[3] as number]));
    c.ib.reqPositions();
    await waitFor(c.ib, EventName.positionEnd);
    expect(positions.get(option.spec.conId)![0]).toBe(2);
    expect(positions.get(option.spec.conId)![1]).toBeCloseTo(opt.avgCost, 3);

    const priceBefore = stock.marketPrice;
    const netLiqBefore = account.get('NetLiquidation');
    await runMarket(h.market, 200_000, 5000); // past TWS's three-minute refresh
    await eventually('a refreshed portfolio and net liquidation', () => rows.get(265598)!.marketPrice !== priceBefore && account.get('NetLiquidation') !== netLiqBefore, 5000);

    await fill(id + 2, AAPL, OrderAction.SELL, 100);
    await eventually('the closed position', () => rows.get(265598)!.position === 0, 5000);
    const sale = log.execsOf(id + 2).reduce((n, e) => n + e.shares! * e.price!, 0) - log.commissionOf(id + 2);
    expect(rows.get(265598)!.realized).toBeCloseTo(sale - stockCost, 2);
    expect(Number(account.get('RealizedPnL'))).toBeCloseTo(sale - stockCost, 1);
  });
});

import net from 'node:net';
import type { MarketFeed } from '../market/marketFeed';
import { AccountUpdates } from './accountUpdates';
import { ContractCatalog } from './contracts/catalog';
import { type FaultAction, type FaultSwitches, GatewayFaults } from './gatewayFaults';
import { MarketDataHub } from './market/marketDataHub';
import { OrderEngine } from './orders/orderEngine';
import { OrderIdStore } from './orders/orderIdStore';
import { Portfolio } from './orders/portfolio';
import type { TradingHoursMode } from './orders/tradingHours';
import { orderRouting } from './orderRouting';
import { HistoricalPacing, type PacingRules, TWS_PACING } from './pacing/historicalPacing';
import type { GatewayContext, GatewayStats } from './session/gatewayContext';
import { Session } from './session/session';
import { MAX_SERVER_VERSION } from './wire/handshake';

export interface GatewayOptions {
  feed: MarketFeed;
  /** 0 picks any free port. */
  port?: number;
  /** Where the order-id high-water marks are kept across restarts. */
  stateDir: string;
  accounts?: string[];
  /** Caps the negotiated version (tests use it to serve 157 or 178 to a client offering 100..193). */
  maxServerVersion?: number;
  faults?: Partial<FaultSwitches>;
  pacing?: PacingRules;
  clock?: () => number;
  /**
   * 'enforced' (the default): US stock and option trading hours by the market clock (orders outside them are
   * held or rejected as TWS does); 'always-open': the venue never closes (the 16:00 close auction still runs).
   */
  tradingHours?: TradingHoursMode;
}

export interface SimulatedGateway {
  readonly port: number;
  readonly host: '127.0.0.1';
  /** Switch limits and faults at run time. */
  readonly faults: GatewayFaults;
  stats(): GatewayStats & { sessions: number; framesSent: number; marketDataDropped: number };
  /** Client ids of the sessions that completed START_API. */
  clientIds(): number[];
  /** How many orders are working (not filled, cancelled or rejected), of every client. */
  workingOrders(): number;
  stop(): Promise<void>;
}

/** Starts the TWS-protocol gateway on 127.0.0.1 over the given market. */
export async function startGateway(opts: GatewayOptions): Promise<SimulatedGateway> {
  const faults = new GatewayFaults(opts.faults);
  const accounts = opts.accounts ?? ['DU1234567'];
  const portfolio = new Portfolio(accounts[0]!, opts.feed);
  const ids = new OrderIdStore(opts.stateDir);
  const clock = opts.clock ?? Date.now;
  const orders = new OrderEngine(opts.feed, ids, portfolio, orderRouting(() => ctx), opts.tradingHours ?? 'enforced');
  const accountUpdates = new AccountUpdates(() => ctx, opts.feed.now());
  const ctx: GatewayContext = {
    feed: opts.feed,
    catalog: new ContractCatalog(opts.feed),
    faults,
    orders,
    ids,
    portfolio,
    accountUpdates,
    hub: new MarketDataHub(opts.feed, (symbol, trade) => {
      orders.onMarket(symbol, trade);
      accountUpdates.onClock(opts.feed.now());
    }),
    accounts,
    sessions: new Set(),
    stats: { connections: 0, malformedFrames: 0, unsupportedRequests: 0, rejectedRequests: 0, rateViolations: 0 },
    upstream: { connected: true, marketDataFarm: true, historicalFarm: true },
    historicalPacing: new HistoricalPacing(opts.pacing ?? TWS_PACING, clock),
    realTimeBarPacing: new HistoricalPacing(opts.pacing ?? TWS_PACING, clock),
    maxServerVersion: Math.min(opts.maxServerVersion ?? MAX_SERVER_VERSION, MAX_SERVER_VERSION),
    clock,
  };
  const detachFaults = faults.onAction((a) => onFault(ctx, a));
  const detachStall = faults.onStall((stalled) => ctx.sessions.forEach((s) => s.out.setStalled(stalled)));
  const server = net.createServer((socket) => {
    ctx.stats.connections++;
    ctx.sessions.add(new Session(ctx, socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    host: '127.0.0.1',
    faults,
    stats: () => {
      const sessions = [...ctx.sessions];
      return {
        ...ctx.stats,
        sessions: sessions.length,
        framesSent: sessions.reduce((n, s) => n + s.out.framesSent, 0),
        marketDataDropped: sessions.reduce((n, s) => n + s.out.marketDataDropped, 0),
      };
    },
    clientIds: () => [...ctx.sessions].filter((s) => s.started).map((s) => s.clientId!),
    workingOrders: () => orders.openOrders('all').length,
    stop: async () => {
      detachFaults();
      detachStall();
      ctx.hub.close();
      for (const s of [...ctx.sessions]) s.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function onFault(ctx: GatewayContext, a: FaultAction): void {
  const up = ctx.upstream;
  if (a.kind === 'connectivityLost') up.connected = false;
  if (a.kind === 'connectivityRestored') up.connected = true;
  if (a.kind === 'farmDown' || a.kind === 'farmUp') {
    const ok = a.kind === 'farmUp';
    if (a.farm === 'marketData') up.marketDataFarm = ok;
    else up.historicalFarm = ok;
  }
  for (const s of [...ctx.sessions]) s.onFault(a);
}

import type { MarketFeed } from '../../market/marketFeed';
import type { AccountUpdates } from '../accountUpdates';
import type { ContractCatalog } from '../contracts/catalog';
import type { GatewayFaults } from '../gatewayFaults';
import type { MarketDataHub } from '../market/marketDataHub';
import type { OrderEngine } from '../orders/orderEngine';
import type { OrderIdStore } from '../orders/orderIdStore';
import type { Portfolio } from '../orders/portfolio';
import type { HistoricalPacing } from '../pacing/historicalPacing';
import type { Session } from './session';

export interface GatewayStats {
  connections: number;
  malformedFrames: number;
  unsupportedRequests: number;
  rejectedRequests: number;
  rateViolations: number;
}

/** Connectivity as the simulated TWS sees its own upstream (faults flip these). */
export interface UpstreamState {
  connected: boolean;
  marketDataFarm: boolean;
  historicalFarm: boolean;
}

/** Everything sessions share. */
export interface GatewayContext {
  feed: MarketFeed;
  catalog: ContractCatalog;
  faults: GatewayFaults;
  orders: OrderEngine;
  ids: OrderIdStore;
  portfolio: Portfolio;
  accountUpdates: AccountUpdates;
  hub: MarketDataHub;
  accounts: string[];
  sessions: Set<Session>;
  stats: GatewayStats;
  upstream: UpstreamState;
  historicalPacing: HistoricalPacing;
  realTimeBarPacing: HistoricalPacing;
  maxServerVersion: number;
  /** Wall clock for pacing and rate rules (TWS enforces them in real time, whatever the market speed). */
  clock: () => number;
}

export function marketDataFlowing(ctx: GatewayContext): boolean {
  return ctx.upstream.connected && ctx.upstream.marketDataFarm;
}

export function tickerLinesInUse(ctx: GatewayContext): number {
  let n = 0;
  for (const s of ctx.sessions) n += s.subs.count('mkt');
  return n;
}

export function depthRequestsInUse(ctx: GatewayContext): number {
  let n = 0;
  for (const s of ctx.sessions) n += s.subs.count('depth');
  return n;
}

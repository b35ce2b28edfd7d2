/**
 * The single definition of what the cockpit may ask the engine (commands) and hear from it (streams).
 * Inputs are zod schemas validated at the boundary; outputs and stream values are TypeScript types.
 * Browser-safe: no Node imports here (the renderer imports this file).
 */
import { z } from 'zod';
import type { Bar } from '../market/bar';
import type { Book } from '../market/book';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { AccountSnapshot, DenialCode, Fill, OrderPreview, OrderReceipt, OrderRecord, Position } from '../market/order';
import type { Quote } from '../market/quote';
import type { SentimentSnapshot } from '../market/sentiment';
import type { SweepEvent } from '../market/sweep';
import type { TechnicalsBySymbol } from '../market/technicals';
import type { Trade } from '../market/trade';
import type { AlphaVantageStatus } from './alphaVantageStatus';
import type { IngestionState } from './ingestionState';
import { cancelAllOrdersInput, cancelOrderInput, closePositionInput, orderModificationInput, orderTicketInput } from './orderInputs';
import type { GammaExposureUpdate, OptionsFlowView, VpinView } from './analyticsView';
import { previewDistributionInput, setDistributionChannelInput, testSendDistributionInput, type DistributionChannelView, type DistributionMessageView, type DistributionPreview, type DistributionView } from './distributionView';
import { runDiscoveryInput, type DiscoveryProgress, type DiscoveryView } from './discoveryView';
import { runMorningAnalysisInput, type MorningAnalysisRunning, type MorningAnalysisView } from './morningAnalysisView';
import {
  approveProposalInput, modifyProposalInput, rejectProposalInput, setStrategyAutomationInput, snoozeProposalInput,
  type ProposalDecision, type ProposalsView, type ProposalView, type StrategyView,
} from './proposalView';
import { flattenAllInput, resetBreakerInput, setRiskLimitInput, type BreakerView, type FlattenProgress, type RiskDenialRecord, type RiskLimitView, type RiskView } from './riskView';

export type { AccountSnapshot, DenialCode, Fill, OrderPreview, OrderReceipt, OrderRecord, Position };
export type { Instrument, OrderSide, OrderStatus, OrderType, PositionGreeks, TimeInForce } from '../market/order';
/** Order vocabulary the cockpit shows and checks against: the same values the engine uses. */
export { FINAL_ORDER_STATUSES, instrumentKey, multiplierOf, orderTypes, timesInForce } from '../market/order';
export type * from './riskView';
export type * from './analyticsView';
export type * from './discoveryView';
export type * from './morningAnalysisView';
export type * from './distributionView';
export { channelModes, channelNames, distributionEventKinds, messageKinds } from './distributionView';
export type * from './proposalView';
export { runtimeRiskLimitNames } from './riskView';
export type { AlphaVantageStatus, Bar, Book, IngestionState, OptionChainSnapshot, Quote, SentimentSnapshot, SweepEvent, TechnicalsBySymbol, Trade };

/**
 * The book as the cockpit streams it: the consolidated rows carry their exchange and market maker, so the
 * per-exchange books (Book.exchanges, stored in Redis) are left out of the stream rather than sent twice.
 */
export type BookView = Omit<Book, 'exchanges'>;

/** Sentiment for one symbol: ETFs are not covered by the news feed, and the cockpit says so. */
export type SentimentView = { covered: true; snapshot: SentimentSnapshot } | { covered: false; reason: string };

export const tradingStates = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export const tradingStateSchema = z.enum(tradingStates);
export type TradingStateName = z.infer<typeof tradingStateSchema>;

/** Higher = more restrictive. Moving to a less restrictive state needs a person's confirmation. */
export const tradingStateRestrictiveness: Readonly<Record<TradingStateName, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

export interface TradingState {
  state: TradingStateName;
  changedAt: number;
  changedBy: string;
  reason: string;
  /** False while a change is enforced in memory but not yet written to Redis (Redis unreachable). */
  persisted: boolean;
}

export type ModuleStateName = 'starting' | 'running' | 'failed' | 'restarting' | 'stopping' | 'stopped';

export interface ModuleHealth {
  state: ModuleStateName;
  lastHeartbeat: number | null;
  restarts: number;
  error: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  source: 'sim' | 'ibkr';
  redis: { connected: boolean };
  modules: Record<string, ModuleHealth>;
  tradingState: TradingStateName;
  asOf: number;
}

export interface SessionInfo {
  source: 'sim' | 'ibkr';
  operator: string;
  version: string;
  symbols: Array<{ symbol: string; dataClass: 'level2' | 'standard'; etf: boolean }>;
  /** IANA zone the cockpit shows market times in. */
  marketTimeZone: 'America/New_York';
  /** A feed with no update for this long is stale (config schedules.staleAfterSeconds). */
  staleAfterSeconds: number;
  /** The order ticket asks for confirmation above this notional (config execution.confirmNotionalAbove). */
  confirmNotionalAbove: number;
}

/** Declares a command: its validated input schema and its output type. */
function command<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}
/** Declares a stream: its validated parameter schema and its event value type. */
function stream<P extends z.ZodType, V>(params: P) {
  return { params, value: undefined as unknown as V };
}

const noInput = z.strictObject({});
/** A configured symbol; the engine refuses others by name. */
const symbolInput = z.strictObject({ symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as SPY') });
/** Most bars one getBars call returns. */
export const MAX_BARS_PER_CALL = 500;
const barsBeforeInput = symbolInput.extend({
  before: z.number().int().positive(),
  count: z.number().int().min(1).max(MAX_BARS_PER_CALL).default(100),
});

export const commands = {
  getSession: command<typeof noInput, SessionInfo>(noInput),
  getHealth: command<typeof noInput, Health>(noInput),
  getTradingState: command<typeof noInput, TradingState>(noInput),
  /** The `count` newest five-second bars that began before `before` (epoch ms), oldest first: chart history. */
  getBars: command<typeof barsBeforeInput, Bar[]>(barsBeforeInput),
  /** Halting needs no confirmation; leaving HALTED needs `confirmed: true` (the cockpit asks the trader). */
  setTradingState: command<
    z.ZodObject<{ state: typeof tradingStateSchema; reason: z.ZodString; confirmed: z.ZodDefault<z.ZodBoolean> }, z.core.$strict>,
    TradingState
  >(
    z.strictObject({
      state: tradingStateSchema,
      reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
      confirmed: z.boolean().default(false),
    }),
  ),
  /** Risk-checked and sent; a refusal is a REFUSED error whose `reason` is the denial code. */
  submitOrder: command<typeof orderTicketInput, OrderReceipt>(orderTicketInput),
  /** Margin and commission impact from the gateway's what-if; nothing is placed. */
  previewOrder: command<typeof orderTicketInput, OrderPreview>(orderTicketInput),
  /** Price and size of a working order, re-placed under its id. */
  modifyOrder: command<typeof orderModificationInput, OrderRecord>(orderModificationInput),
  cancelOrder: command<typeof cancelOrderInput, OrderRecord>(cancelOrderInput),
  /**
   * Cancels every working order: scope 'engine' this engine's, each by id; scope 'global' every open order of the
   * account through TWS's global cancel (TWS's own and other programs' too), refused (NOT_CONFIRMED) unless
   * `confirmed: true`. Answers the ids of this engine's orders asked to cancel.
   */
  cancelAllOrders: command<typeof cancelAllOrdersInput, { scope: 'engine' | 'global'; cancelled: number[] }>(cancelAllOrdersInput),
  /** A closing order for the whole position, through the same risk-checked path as any order. */
  closePosition: command<typeof closePositionInput, OrderReceipt>(closePositionInput),
  /**
   * Closes every position: trading goes REDUCING (leaving HALTED for it is the confirmation), this engine's working
   * orders are cancelled, and a closing order is sent for each position through the risk-checked path. Refused
   * (NOT_CONFIRMED) unless `confirmed: true`. Answers the progress at the start; the `flatten` stream follows it.
   */
  flattenAll: command<typeof flattenAllInput, FlattenProgress>(flattenAllInput),
  /** Changes one limit at runtime: needs `confirmed: true`, audited; no loosening while HALTED or REDUCING (REFUSED). */
  setRiskLimit: command<typeof setRiskLimitInput, RiskLimitView>(setRiskLimitInput),
  /**
   * Resets the connection breaker or a symbol's stale-data breaker (all symbols without one): needs `confirmed:
   * true` (NOT_CONFIRMED), audited; REFUSED while its cause holds (still disconnected, not reconciled, the quote
   * still stale). Answers the breaker as the `risk` stream shows it.
   */
  resetBreaker: command<typeof resetBreakerInput, BreakerView>(resetBreakerInput),
  /** Starts a discovery run now (REFUSED while one runs); answers its progress at the start, the `discovery` stream follows it. */
  runDiscovery: command<typeof runDiscoveryInput, DiscoveryProgress>(runDiscoveryInput),
  /**
   * Makes a morning analysis now (REFUSED while one is being made); answers at the start, the `morningAnalysis` stream
   * shows it when stored. UNAVAILABLE when morningAnalysis.enabled is false.
   */
  runMorningAnalysis: command<typeof runMorningAnalysisInput, MorningAnalysisRunning>(runMorningAnalysisInput),
  /**
   * Sends the proposal's order (risk runs again); answers its decision: approved with the order ids, or refused with
   * the risk gate's reason. REFUSED (NOT_CONFIRMED) when its underlying moved beyond signals.reconfirmMovePercent and
   * `confirmed` is not true; a second approval answers the first's decision and places nothing new.
   */
  approveProposal: command<typeof approveProposalInput, ProposalDecision>(approveProposalInput),
  rejectProposal: command<typeof rejectProposalInput, ProposalDecision>(rejectProposalInput),
  /** Changes size and/or limit; with `approve: true` approves with the change (answers the decision, else the proposal). */
  modifyProposal: command<typeof modifyProposalInput, ProposalView | ProposalDecision>(modifyProposalInput),
  /** Hides a proposal for some minutes; it still expires at its time. */
  snoozeProposal: command<typeof snoozeProposalInput, ProposalView>(snoozeProposalInput),
  /** manual, auto (needs `confirmed: true`: NOT_CONFIRMED otherwise) or off; audited (signals:automation:audit). */
  setStrategyAutomation: command<typeof setStrategyAutomationInput, StrategyView>(setStrategyAutomationInput),
  /** Exactly what a channel would send for an event kind (the newest heard, or an example); nothing is sent. */
  previewDistribution: command<typeof previewDistributionInput, DistributionPreview>(previewDistributionInput),
  /**
   * Queues a test message for one channel now, through the outbox like any message (a channel in dry-run records it
   * unsent; a switched-off channel is REFUSED). Answers the message; the `distribution` stream follows it.
   */
  testSendDistribution: command<typeof testSendDistributionInput, DistributionMessageView>(testSendDistributionInput),
  /**
   * Switches a channel off, to dry-run or live until the next start (config.yaml decides again then); audited
   * (distribution:audit). Going live needs `confirmed: true` (NOT_CONFIRMED). Messages already queued still go.
   */
  setDistributionChannel: command<typeof setDistributionChannelInput, DistributionChannelView>(setDistributionChannelInput),
} as const;

export const streams = {
  health: stream<typeof noInput, Health>(noInput),
  tradingState: stream<typeof noInput, TradingState>(noInput),
  /** Top of book, last and volume. */
  quote: stream<typeof symbolInput, Quote>(symbolInput),
  /** Level 2 depth: consolidated rows, each with its exchange and market maker (Level 2 symbols only). */
  book: stream<typeof symbolInput, BookView>(symbolInput),
  /** The newest prints, oldest first. */
  prints: stream<typeof symbolInput, Trade[]>(symbolInput),
  /** The newest five-second bars, oldest first. */
  bars: stream<typeof symbolInput, Bar[]>(symbolInput),
  /** Sweeps as they are detected, all symbols. */
  sweeps: stream<typeof noInput, SweepEvent>(noInput),
  /** The IBKR ingestion's connection, subscriptions, errors and metrics. */
  ingestion: stream<typeof noInput, IngestionState>(noInput),
  optionChain: stream<typeof symbolInput, OptionChainSnapshot>(symbolInput),
  sentiment: stream<typeof symbolInput, SentimentView>(symbolInput),
  technicals: stream<typeof symbolInput, TechnicalsBySymbol>(symbolInput),
  /** Alpha Vantage budget, errors and freshness. */
  alphaVantage: stream<typeof noInput, AlphaVantageStatus>(noInput),
  /** Today's orders and every working one, newest first (this engine's and, read-only, TWS's own). */
  orders: stream<typeof noInput, OrderRecord[]>(noInput),
  /** The newest fills with their commissions, newest first. */
  executions: stream<typeof noInput, Fill[]>(noInput),
  /** Every open position with marks, P&L and greeks. */
  positions: stream<typeof noInput, Position[]>(noInput),
  account: stream<typeof noInput, AccountSnapshot>(noInput),
  /** Limits with their use, the trading state's history, the breakers, approval and the dead-man rule. */
  risk: stream<typeof noInput, RiskView>(noInput),
  /** The newest orders the risk engine refused, newest first, each with the inputs its checks saw. */
  riskDenials: stream<typeof noInput, RiskDenialRecord[]>(noInput),
  /** Flatten all's progress, position by position, until flat. */
  flatten: stream<typeof noInput, FlattenProgress>(noInput),
  /** VPIN readings and toxicity alerts of a symbol. */
  vpin: stream<typeof symbolInput, VpinView>(symbolInput),
  /** GEX / DEX of a symbol at each computation (a chain refresh, or the spot moving past the re-price step). */
  gex: stream<typeof symbolInput, GammaExposureUpdate>(symbolInput),
  /** Options flow of a symbol at each chain refresh, with the unusual activity announced. */
  optionsFlow: stream<typeof symbolInput, OptionsFlowView>(symbolInput),
  /** Parameter discovery: the newest run with its evidence, the run in progress, the last runs, the next run's time. */
  discovery: stream<typeof noInput, DiscoveryView>(noInput),
  /** The morning analysis: the newest with its inputs (LLM or rule-based), the one being made, the next scheduled time. */
  morningAnalysis: stream<typeof noInput, MorningAnalysisView>(noInput),
  /** The approval queue: open proposals and the last decided ones, with age and the move since each was made. */
  proposals: stream<typeof noInput, ProposalsView>(noInput),
  /** Each strategy: enabled, symbols, automation, orders this hour, last quiet reasons, report card. */
  strategies: stream<typeof noInput, StrategyView[]>(noInput),
  /** Distribution: each channel (on, dry-run, events, delay, counts), the queue's depth, the newest messages with their state. */
  distribution: stream<typeof noInput, DistributionView>(noInput),
} as const;

export type CommandName = keyof typeof commands;
export type StreamName = keyof typeof streams;
export type CommandInput<C extends CommandName> = z.input<(typeof commands)[C]['input']>;
export type ParsedCommandInput<C extends CommandName> = z.output<(typeof commands)[C]['input']>;
export type CommandOutput<C extends CommandName> = (typeof commands)[C]['output'];
export type StreamParams<S extends StreamName> = z.input<(typeof streams)[S]['params']>;
export type ParsedStreamParams<S extends StreamName> = z.output<(typeof streams)[S]['params']>;
export type StreamValue<S extends StreamName> = (typeof streams)[S]['value'];

/** Every stream value travels with its sequence number (per subscription, from 1) and as-of time. */
export interface StreamEvent<V> {
  seq: number;
  asOf: number;
  value: V;
  /**
   * Set on the first value after the client missed one (a sequence gap) and subscribed again: a fresh, whole value
   * that replaces whatever the consumer built from the values before the gap.
   */
  resynced?: true;
}

/**
 * Error codes a command or subscription can fail with; the message is for a person. LIMIT_REACHED: a limit of
 * contractLimits.ts (subscriptions per connection, message rate).
 */
export type ContractErrorCode = 'BAD_REQUEST' | 'UNKNOWN_COMMAND' | 'UNKNOWN_STREAM' | 'REFUSED' | 'LIMIT_REACHED' | 'UNAVAILABLE' | 'INTERNAL';

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    /** For a refused order: the denial code (HALTED, REDUCING_WOULD_INCREASE, …). */
    readonly reason?: DenialCode,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

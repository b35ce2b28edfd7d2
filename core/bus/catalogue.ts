/**
 * Every event and command of the engine's bus, named once, with its payload: the one place to read what flows
 * between venues, store, analytics, the cockpit streams and (soon) risk and execution.
 *
 * Events are facts in the past tense, published by the module that knows them and heard by any module that cares;
 * every event reaches every subscriber (see Bus). Commands are verbs with one handler each.
 *
 * Payloads marked "live" are the publisher's own state, updated in place as the market moves: read them during the
 * call and never write them; a subscriber that keeps one keeps a view that keeps changing.
 */
import type { AlphaVantageStatus } from '../contract/alphaVantageStatus';
import type { IbErrorRecord, IngestionState, SymbolFreshness } from '../contract/ingestionState';
import type { TradingState } from '../contract/contract';
import type { FlattenProgress } from '../contract/riskView';
import type { Bar } from '../market/bar';
import type { DepthView } from '../market/book';
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../market/optionsFlow';
import type { AccountSnapshot, Fill, Instrument, OrderDenial, OrderModification, OrderPreview, OrderReceipt, OrderRecord, OrderRequest, Position } from '../market/order';
import type { PreCheck, Proposal, ProposalDecision } from '../market/proposal';
import type { Quote } from '../market/quote';
import type { SentimentSnapshot } from '../market/sentiment';
import type { SweepEvent } from '../market/sweep';
import type { TechnicalSnapshot } from '../market/technicals';
import type { Trade } from '../market/trade';
import type { UnusualVolumeEvent } from '../market/volumeReading';
import type { DiscoveryRun } from '../market/discoveryReading';
import type { MorningAnalysisNote } from '../market/morningAnalysis';
import type { VpinBucketSize, VpinReading } from '../market/vpinReading';
import { Bus, type CommandSpec, type SubscriberFailureReporter } from './bus';

/** A symbol's Level 2 book changed (one object per symbol, published again on every change). */
export interface BookChange {
  readonly symbol: string;
  /** Live. */
  readonly book: DepthView;
}

/**
 * A symbol's option chain was fetched and stored (or found stored at start-up). Its contracts are not in the event:
 * a 10,000-contract chain is megabytes the engine's heap would carry on every refresh, watched or not.
 */
export interface ChainRefresh {
  readonly symbol: string;
  readonly asOf: number;
  /**
   * The chain as objects, read back from Redis (off the engine's thread where the app gives the venue one) at each
   * call: ask only for a chain someone watches. Null when it is no longer stored; rejects when it cannot be read.
   */
  load(): Promise<OptionChainSnapshot | null>;
}

export interface VenueConnection {
  venue: 'ibkr';
  connected: boolean;
}

export interface VenueAccount {
  venue: 'ibkr';
  /** Live: the account id and the summary values the venue reported, as text. */
  fields: Readonly<Record<string, string>>;
}

export interface VenueError {
  venue: 'ibkr';
  error: IbErrorRecord;
}

/** The IBKR ingestion's state each second: the venue's figures with the store writer's and the detectors'. */
export interface IngestionReport {
  state: IngestionState;
  freshness: readonly SymbolFreshness[];
}

export interface NewsCoverage {
  symbol: string;
  covered: boolean;
  reason: string | null;
}

/** What a venue says about one order (TWS: openOrder and orderStatus, or an error naming the order id). */
export interface VenueOrderReport {
  venue: 'ibkr';
  orderId: number;
  /** The gateway's status word (PreSubmitted, Submitted, Filled, Cancelled, ApiCancelled, Inactive, …). */
  status: string | null;
  filled: number | null;
  remaining: number | null;
  avgFillPrice: number | null;
  permId: number | null;
  /** The order as the gateway describes it (openOrder); null for a bare status. */
  order: VenueOrderDescription | null;
  /** An error or warning the gateway gave for this order id (code and text), e.g. a rejection reason. */
  error: { code: number; message: string } | null;
  /** True when another client (or TWS itself) placed it. */
  external: boolean;
  at: number;
}

/** The order as the gateway describes it: the fields of an order record a venue knows. */
export type VenueOrderDescription = Pick<
  OrderRecord,
  'instrument' | 'side' | 'quantity' | 'type' | 'limitPrice' | 'stopPrice' | 'tif' | 'outsideRth' | 'ocaGroup' | 'parentId'
>;

/** A fill the venue reported (its commission arrives separately: venueCommissionReported). */
export interface VenueFill {
  venue: 'ibkr';
  fill: Fill;
  external: boolean;
}

export interface VenueCommission {
  venue: 'ibkr';
  execId: string;
  commission: number;
  realizedPnl: number | null;
}

/** The venue's position for one instrument (TWS: position / updatePortfolio). avgCost per share. */
export interface VenuePosition {
  venue: 'ibkr';
  account: string;
  instrument: Instrument;
  quantity: number;
  avgCost: number;
  marketPrice: number | null;
  at: number;
}

/** The venue can take orders: connected, and its next valid order id is known. */
export interface VenueOrderReadiness {
  venue: 'ibkr';
  ready: boolean;
  nextValidId: number | null;
  /** Increases with every new session, so a listener can tell a reconnect from a repeat. */
  session: number;
}

export interface OrderDenied {
  request: OrderRequest;
  denial: OrderDenial;
  at: number;
  /** What the checks saw (core/risk/denialInputs.ts), or what the refusal was about. */
  inputs: Record<string, unknown>;
}

/** One thing reconciliation found: what differed between the engine and the venue, and what was done about it. */
export interface ReconciliationFinding {
  kind: 'fillMissed' | 'orderFilledMeanwhile' | 'orderUnknownAtVenue' | 'orderUnrecorded' | 'positionDiffered' | 'fillsBeforeHistory';
  /** A sentence for the trader. */
  text: string;
  /** True when the engine set it right by itself (it was certain); false when the trader should look. */
  repaired: boolean;
  orderId: number | null;
  instrumentKey: string | null;
}

/** Reconciliation after a (re)connect or a start-up ran: what it found (empty when all agreed). */
export interface ReconciliationReport {
  venue: 'ibkr';
  session: number;
  findings: ReconciliationFinding[];
  at: number;
}

export interface EngineEvents {
  /** Top of book, last, volume, close or halted changed. Live: the symbol's quote. */
  quoteChanged: Quote;
  /** One print, with the side that took liquidity. Not mutated after publishing: safe to keep. */
  tradePrinted: Trade;
  /** A depth update was applied (or refused: the book is then re-requested). */
  bookChanged: BookChange;
  /** The book was emptied because the venue re-sends it from scratch (reset, rebuild, resubscribe). */
  bookCleared: BookChange;
  /** A five-second bar closed. Safe to keep. */
  barClosed: Bar;
  chainRefreshed: ChainRefresh;
  /** Fetched and stored, or restored from Redis at start-up. Safe to keep. */
  sentimentRefreshed: SentimentSnapshot;
  /** One indicator of one symbol, fetched and stored, or restored at start-up. Safe to keep. */
  technicalsRefreshed: TechnicalSnapshot;
  /** Alpha Vantage's news feed said it does not cover a ticker ("Invalid inputs"), or covered it again. */
  newsCoverageChanged: NewsCoverage;
  /** venues/ibkr/execution: an order's status, description or error. */
  venueOrderReported: VenueOrderReport;
  venueFillReported: VenueFill;
  venueCommissionReported: VenueCommission;
  venuePositionReported: VenuePosition;
  venueOrderReadinessChanged: VenueOrderReadiness;
  /** execution: an order was born, changed state, filled (partly) or was refused by the venue. Safe to keep. */
  orderChanged: OrderRecord;
  /** execution: a fill joined with its commission. Safe to keep. */
  fillRecorded: Fill;
  /** execution: the positions after a fill, a price move or reconciliation (all of them, newest state). */
  positionsChanged: readonly Position[];
  accountChanged: AccountSnapshot;
  /** execution: an order refused before it reached a venue (risk gate, validation), with the reason. */
  orderDenied: OrderDenied;
  /** execution/flattenAll: a flatten run's progress changed (a leg sent, working, flat, refused or failed; the run ended). Safe to keep. */
  flattenProgressed: FlattenProgress;
  /** execution: orders, fills and positions were checked against the venue's after a connect or start-up. */
  reconciliationReported: ReconciliationReport;
  /** analytics/sweepDetector: a burst of prints swept the book. */
  sweepDetected: SweepEvent;
  /** analytics/unusualVolumeDetector: a bar's volume read against the symbol's baseline (every bar once it has one). */
  volumeMeasured: UnusualVolumeEvent;
  /** analytics/unusualVolumeDetector: an unusual-volume episode began. */
  unusualVolumeDetected: UnusualVolumeEvent;
  /**
   * analytics/vpinService: a symbol's VPIN, each time one of its equal-volume buckets fills (once n have), with its
   * CDF over VPIN's own history and the toxicity episode state. Safe to keep.
   */
  vpinUpdated: VpinReading;
  /** analytics/vpinService: a toxicity episode began (VPIN's CDF reached the alert level): the reading that began it. */
  toxicityAlerted: VpinReading;
  /** analytics/vpinService: a symbol's VPIN measures with a new bucket size from this bucket on (discovered or configured). */
  vpinBucketResized: VpinBucketSize;
  /**
   * app/discoveryRunner: a discovery run finished (every value through the guard: a refusal keeps the previous value),
   * or the newest stored run was read back at start-up. Safe to keep.
   */
  parametersDiscovered: DiscoveryRun;
  /**
   * analytics/gexService: a symbol's GEX / DEX by strike and expiry bucket, totals, walls and flip level, computed from
   * its newest chain at the live spot (on each chain refresh, and again when the spot moves past the configured step),
   * with the chain's and the spot's as-of times. Safe to keep.
   */
  gexUpdated: GammaExposureUpdate;
  /** analytics/optionsFlowService: a symbol's options flow after a chain refresh (P/C, unusual, ATM IV, term structure, skew). Safe to keep. */
  flowUpdated: OptionsFlowReading;
  /** analytics/optionsFlowService: a contract became unusual (far above its open interest and its own pace). Safe to keep. */
  unusualOptionsActivity: UnusualOptionsActivityEvent;
  /** The kill switch moved (ACTIVE / REDUCING / HALTED), or was loaded at start-up. Published by app/engine. */
  tradingStateChanged: TradingState;
  /** risk/approvalMode: automatic approval fell back to manual (the dead-man rule). */
  approvalModeChanged: { mode: 'manual' | 'auto'; changedAt: number; changedBy: string; reason: string };
  /** signals/signalService: a strategy proposed an order (pending in the approval queue). Safe to keep. */
  proposalCreated: Proposal;
  /** signals/approvalQueue: a proposal was approved, modified and approved, rejected, expired or refused. Safe to keep. */
  proposalDecided: { proposal: Proposal; decision: ProposalDecision };
  /** app/morningAnalysis: a morning analysis was stored (scheduled before the open, or asked for). Safe to keep. */
  morningAnalysisReady: MorningAnalysisNote;
  venueConnectionChanged: VenueConnection;
  venueAccountChanged: VenueAccount;
  /** An error or notice from the venue, classified. */
  venueErrorReported: VenueError;
  /** app/ibkrDataSource, every second and once at stop. */
  ibkrStatusSampled: IngestionReport;
  /** venues/alphavantage at each monitoring flush: budget, errors, freshness. */
  alphaVantageStatusSampled: AlphaVantageStatus;
}

/**
 * Served by core/execution (the order manager): every order source sends these, and each order passes the risk
 * gate before the venue sees it. A refusal rejects with OrderDeniedError (core/execution), carrying its reason code.
 */
export interface EngineCommands {
  submitOrder: CommandSpec<OrderRequest, OrderReceipt>;
  /** The order gate's answer for this order with the same facts submitOrder would use; nothing is sent or recorded. */
  checkOrder: CommandSpec<OrderRequest, PreCheck>;
  /** The gateway's what-if answer: margin and commission impact, nothing placed. */
  previewOrder: CommandSpec<OrderRequest, OrderPreview>;
  modifyOrder: CommandSpec<OrderModification, OrderRecord>;
  cancelOrder: CommandSpec<{ orderId: number; requestedBy: string; reason: string }, OrderRecord>;
  /** Cancels every working order this engine placed, each by id; flattening positions is a separate action. */
  cancelAll: CommandSpec<{ requestedBy: string; reason: string }, { cancelled: number[] }>;
  /**
   * The gateway's global cancel (reqGlobalCancel): every open order of the account, TWS's own and other clients'
   * included, so it is refused (NOT_CONFIRMED) unless confirmed. Answers this engine's working orders it covers.
   */
  globalCancel: CommandSpec<{ requestedBy: string; reason: string; confirmed: boolean }, { cancelled: number[] }>;
  /**
   * Flatten all (core/execution/flattenAll): REDUCING, this engine's working orders cancelled, a closing order for every
   * position through submitOrder's path. Refused (NOT_CONFIRMED) unless confirmed; while a run is going, answers it.
   */
  flattenAll: CommandSpec<{ requestedBy: string; reason: string; confirmed: boolean }, FlattenProgress>;
  /** A closing order for the whole position (MKT unless a limit is given), through submitOrder's path. */
  closePosition: CommandSpec<{ instrumentKey: string; clientOrderKey: string; limitPrice?: number; requestedBy: string; reason: string }, OrderReceipt>;
}

export type EventName = keyof EngineEvents;
export type CommandName = keyof EngineCommands;
export type EngineBus = Bus<EngineEvents, EngineCommands>;

export function createEngineBus(onSubscriberFailure?: SubscriberFailureReporter): EngineBus {
  return new Bus<EngineEvents, EngineCommands>(onSubscriberFailure);
}

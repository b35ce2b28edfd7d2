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
import type { Bar } from '../market/bar';
import type { DepthView } from '../market/book';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OrderReceipt, OrderRequest } from '../market/order';
import type { Quote } from '../market/quote';
import type { SentimentSnapshot } from '../market/sentiment';
import type { SweepEvent } from '../market/sweep';
import type { TechnicalSnapshot } from '../market/technicals';
import type { Trade } from '../market/trade';
import type { UnusualVolumeEvent } from '../market/volumeReading';
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
  /** analytics/sweepDetector: a burst of prints swept the book. */
  sweepDetected: SweepEvent;
  /** analytics/unusualVolumeDetector: a bar's volume read against the symbol's baseline (every bar once it has one). */
  volumeMeasured: UnusualVolumeEvent;
  /** analytics/unusualVolumeDetector: an unusual-volume episode began. */
  unusualVolumeDetected: UnusualVolumeEvent;
  /** The kill switch moved (ACTIVE / REDUCING / HALTED), or was loaded at start-up. Published by app/engine. */
  tradingStateChanged: TradingState;
  venueConnectionChanged: VenueConnection;
  venueAccountChanged: VenueAccount;
  /** An error or notice from the venue, classified. */
  venueErrorReported: VenueError;
  /** app/ibkrDataSource, every second and once at stop. */
  ibkrStatusSampled: IngestionReport;
  /** venues/alphavantage at each monitoring flush: budget, errors, freshness. */
  alphaVantageStatusSampled: AlphaVantageStatus;
}

export interface EngineCommands {
  /** Declared for the execution issue: risk checks the order, execution routes it to venues/ibkr/execution. */
  submitOrder: CommandSpec<OrderRequest, OrderReceipt>;
  cancelOrder: CommandSpec<{ clientOrderId: string; requestedBy: string }, void>;
  /** Cancels every working order; flattening positions is a separate, explicit action. */
  cancelAll: CommandSpec<{ requestedBy: string; reason: string }, void>;
}

export type EventName = keyof EngineEvents;
export type CommandName = keyof EngineCommands;
export type EngineBus = Bus<EngineEvents, EngineCommands>;

export function createEngineBus(onSubscriberFailure?: SubscriberFailureReporter): EngineBus {
  return new Bus<EngineEvents, EngineCommands>(onSubscriberFailure);
}

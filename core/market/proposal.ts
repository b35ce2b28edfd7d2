/**
 * A strategy's proposed order and its fate: what the approval queue shows and what the signal history keeps.
 * Times are epoch ms UTC.
 */
import type { Instrument, OrderSide } from './order';

/** The seed's four strategies. */
export const strategyNames = ['zeroDte', 'oneDte', 'swing', 'mocImbalance'] as const;
export type StrategyName = (typeof strategyNames)[number];

/** One fact that fired: what it is, its value and how old the input was. */
export interface ProposalReason {
  /** What a person reads: "GEX flip below spot", "VPIN CDF", "sweep". */
  fact: string;
  value: number | string;
  /** As-of time of the input the value came from. */
  asOf: number;
  /** The rule's threshold or a short explanation ("≥ 0.9", "spot 452.10 above flip 449.50"). */
  detail: string;
}

/** What a strategy proposes: one order with its bracket, sized from the risk budget. */
export interface ProposedOrder {
  instrument: Instrument;
  side: OrderSide;
  /** Shares, or contracts (× 100 shares each). */
  quantity: number;
  /** The entry limit, from the book at proposal time. */
  limitPrice: number;
  /** The protective stop, in the instrument's own price. */
  stopPrice: number;
  /**
   * 'target': a bracket, the profit taker at targetPrice and the stop, one cancelling the other. 'close': the position
   * is closed by a market-on-close order (the MOC imbalance strategy), the stop protecting it until then.
   */
  exit: { kind: 'target'; targetPrice: number } | { kind: 'close'; order: 'MOC' };
}

export type ProposalStatus = 'pending' | 'snoozed' | 'approved' | 'modified' | 'rejected' | 'expired' | 'refused';

export interface Proposal {
  /** Unique, never reused: strategy, symbol and a counter. */
  id: string;
  strategy: StrategyName;
  symbol: string;
  order: ProposedOrder;
  /** 0..1: how many of the strategy's conditions held and how strongly. */
  confidence: number;
  reasons: ProposalReason[];
  createdAt: number;
  expiresAt: number;
  /** The underlying's price when proposed: a move beyond the set amount since then needs re-confirmation. */
  underlyingPrice: number;
  /** The risk engine's pre-check at proposal time (approval runs risk again). */
  preCheck: PreCheck;
  status: ProposalStatus;
}

/** The order gate's judgement of an order without sending it: pass, or the denial (code and sentence). */
export type PreCheck = { passed: true } | { passed: false; code: string; message: string };

/** How a proposal ended: who decided, why, and the orders it placed or the refusal it met. */
export interface ProposalDecision {
  status: Exclude<ProposalStatus, 'pending' | 'snoozed'>;
  at: number;
  /** The operator (via the cockpit), `automation:<strategy>`, or `engine` (expiry). */
  by: string;
  reason: string;
  /** The orders placed (the bracket's parent first); empty when nothing was placed. */
  orderIds: number[];
  /** Why approval placed nothing (the risk gate's code, or the queue's own). */
  refusal: { code: string; message: string } | null;
  /** What the trader changed before approving. */
  changes: { quantity?: number; limitPrice?: number } | null;
}

/** A strategy's record from the signal history. */
export interface StrategyReportCard {
  proposed: number;
  approved: number;
  modified: number;
  rejected: number;
  expired: number;
  refused: number;
  /** Proposals whose entry filled. */
  filled: number;
  /** Positions closed again, with their P&L. */
  closed: number;
  /** Closed with a gain: hit rate = wins / closed (null before the first). */
  wins: number;
  hitRate: number | null;
  averagePnl: number | null;
  totalPnl: number;
}

import type { ProposalReason, ProposedOrder, StrategyName } from '../market/proposal';
import type { StrategySnapshot } from './strategySnapshot';

/** What a strategy wants proposed; the signal service adds the id, times, the risk pre-check and the status. */
export interface ProposalDraft {
  order: ProposedOrder;
  confidence: number;
  reasons: ProposalReason[];
  /** The underlying's price the draft was made at. */
  underlyingPrice: number;
}

/** A proposal, or silence with the reason (shown in the strategy's status, and asserted by tests on near misses). */
export type StrategyVerdict = { kind: 'propose'; draft: ProposalDraft } | { kind: 'quiet'; why: string };

/** A strategy: a pure function of a snapshot and its settings. */
export interface Strategy<Settings> {
  name: StrategyName;
  evaluate(snapshot: StrategySnapshot, settings: Settings): StrategyVerdict;
}

export const quiet = (why: string): StrategyVerdict => ({ kind: 'quiet', why });

/**
 * Why a strategy stays out of a symbol it is already in: a position, or an order still working (an approved entry not
 * yet filled, another order of the trader's), so an approval is not followed by a second proposal for the same trade.
 */
export function alreadyInvolved(snapshot: Pick<StrategySnapshot, 'symbol' | 'positionQuantity' | 'workingOrders'>): StrategyVerdict | null {
  if (snapshot.positionQuantity !== 0) return quiet(`already positioned in ${snapshot.symbol}`);
  if (snapshot.workingOrders > 0) return quiet(`an order for ${snapshot.symbol} is working`);
  return null;
}

/** A price rounded to the cent (option and stock limits are quoted in cents here). */
export const toCents = (price: number): number => Math.round(price * 100) / 100;

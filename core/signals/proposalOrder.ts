/**
 * From a proposal to the order the trader's approval sends: the entry as a DAY limit with its bracket — the protective
 * stop and the exit (a profit taker, or a market-on-close order for a proposal that leaves at the close), one
 * cancelling the other — keyed by the proposal id so a repeated approval places nothing new.
 */
import type { BracketLegs, OrderRequest } from '../market/order';
import type { Proposal, ProposedOrder } from '../market/proposal';

export interface ProposalChanges {
  quantity?: number;
  limitPrice?: number;
}

/** The client order key of a proposal's order: one per proposal, never reused (ids are never reused). */
export const proposalOrderKey = (proposal: Pick<Proposal, 'id'>): string => `proposal-${proposal.id}`;

export function proposalOrder(proposal: Proposal, requestedBy: string, changes: ProposalChanges | null = null): OrderRequest {
  const { order } = proposal;
  return {
    clientOrderKey: proposalOrderKey(proposal),
    instrument: order.instrument,
    side: order.side,
    quantity: changes?.quantity ?? order.quantity,
    type: 'LMT',
    limitPrice: changes?.limitPrice ?? order.limitPrice,
    tif: 'DAY',
    outsideRth: false,
    bracket: bracketOf(order),
    source: 'approval',
    requestedBy,
    reason: `proposal ${proposal.id} (${proposal.strategy}): ${proposal.reasons.map((r) => r.fact).join(', ')}`,
  };
}

function bracketOf({ exit, stopPrice }: ProposedOrder): BracketLegs {
  if (exit.kind === 'close') return { exitAtClose: exit.order, stopLossPrice: stopPrice };
  return { takeProfitPrice: exit.targetPrice, stopLossPrice: stopPrice };
}

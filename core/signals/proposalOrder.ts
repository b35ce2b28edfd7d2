/**
 * From a proposal to the order the trader's approval sends: the entry as a DAY limit with its bracket (profit taker
 * and stop, one cancelling the other), keyed by the proposal id so a repeated approval places nothing new.
 */
import type { OrderRequest } from '../market/order';
import type { Proposal } from '../market/proposal';

export interface ProposalChanges {
  quantity?: number;
  limitPrice?: number;
}

/** Why a proposal cannot be turned into an order (the order manager has no way to express its exit). */
export interface Inexpressible {
  code: 'EXIT_NOT_SUPPORTED';
  message: string;
}

/** The client order key of a proposal's order: one per proposal, never reused (ids are never reused). */
export const proposalOrderKey = (proposal: Pick<Proposal, 'id'>): string => `proposal-${proposal.id}`;

export function proposalOrder(proposal: Proposal, requestedBy: string, changes: ProposalChanges | null = null): OrderRequest | Inexpressible {
  const { order } = proposal;
  if (order.exit.kind !== 'target') {
    return {
      code: 'EXIT_NOT_SUPPORTED',
      message:
        'This proposal exits market-on-close with a protective stop until then; the order manager cannot attach a stop and an MOC exit to an entry yet, so it is not placed. Trade it from the order ticket if you want it.',
    };
  }
  return {
    clientOrderKey: proposalOrderKey(proposal),
    instrument: order.instrument,
    side: order.side,
    quantity: changes?.quantity ?? order.quantity,
    type: 'LMT',
    limitPrice: changes?.limitPrice ?? order.limitPrice,
    tif: 'DAY',
    outsideRth: false,
    bracket: { takeProfitPrice: order.exit.targetPrice, stopLossPrice: order.stopPrice },
    source: 'approval',
    requestedBy,
    reason: `proposal ${proposal.id} (${proposal.strategy}): ${proposal.reasons.map((r) => r.fact).join(', ')}`,
  };
}

export const isInexpressible = (value: OrderRequest | Inexpressible): value is Inexpressible => 'code' in value;

/**
 * Orders as the bus's order commands carry them. Only declared so far: the execution issue adds the order manager,
 * and risk checks every order before a venue sees it.
 */
export interface OrderRequest {
  /** Chosen by the requester and kept across restarts, so a repeated request cannot place a second order. */
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  type: 'market' | 'limit';
  limitPrice?: number;
  /** Who asked (the trader's approval, a strategy's proposal), for the audit trail. */
  requestedBy: string;
}

/** The engine took the order in (it may still be denied by risk or refused by the venue later). */
export interface OrderReceipt {
  clientOrderId: string;
  acceptedAt: number;
}

import { create } from 'zustand';
import { emptyDraft, pricesFor, type TicketDraft } from '../trading/ticketDraft';
import { useSelectedSymbolStore } from './selectedSymbolStore';

interface TicketState {
  draft: TicketDraft;
  /** Bumped when another panel filled the ticket: the layout shows the ticket panel and focuses `focus`. */
  reveal: { count: number; focus: 'limitPrice' | 'quantity' };
}

export const useTicketStore = create<TicketState>(() => ({
  draft: emptyDraft(useSelectedSymbolStore.getState().symbol),
  reveal: { count: 0, focus: 'quantity' },
}));

export function editTicket(change: Partial<TicketDraft>): void {
  useTicketStore.setState((s) => ({ draft: { ...s.draft, ...change } }));
}

/** A type without a limit price (MKT, STP, MOC) becomes its limit twin when a price is clicked. */
function withLimitType(draft: TicketDraft): TicketDraft['type'] {
  if (pricesFor(draft.type).limit) return draft.type;
  return draft.type === 'STP' ? 'STP LMT' : draft.type === 'MOC' ? 'LOC' : 'LMT';
}

const priceText = (price: number) => String(Number(price.toFixed(4)));

/** A click on a ladder price: that symbol's stock at that limit price; side, quantity and TIF stay. */
export function fillFromLadder(symbol: string, price: number): void {
  useTicketStore.setState((s) => ({
    draft: { ...s.draft, symbol, kind: 'stock', type: withLimitType(s.draft), limitPrice: priceText(price) },
    reveal: { count: s.reveal.count + 1, focus: 'limitPrice' },
  }));
}

export interface ChainPick {
  symbol: string;
  expiry: string;
  strike: number;
  right: 'call' | 'put';
  bid: number | null;
  ask: number | null;
}

/** A click on an option chain row: that contract, with the limit price at its mid (rounded to the cent) when known. */
export function fillFromChain(pick: ChainPick): void {
  const mid = pick.bid !== null && pick.ask !== null && pick.bid > 0 && pick.ask > 0 ? Math.round(((pick.bid + pick.ask) / 2) * 100) / 100 : null;
  useTicketStore.setState((s) => {
    const takesLimit = pricesFor(s.draft.type).limit;
    return {
      draft: {
        ...s.draft,
        symbol: pick.symbol,
        kind: 'option',
        expiry: pick.expiry,
        strike: String(pick.strike),
        right: pick.right,
        limitPrice: takesLimit && mid !== null ? priceText(mid) : takesLimit ? '' : s.draft.limitPrice,
        // Stock-sized bracket prices make no sense for the option: the trader sets them again.
        takeProfitPrice: '',
        stopLossPrice: '',
      },
      reveal: { count: s.reveal.count + 1, focus: takesLimit ? 'limitPrice' : 'quantity' },
    };
  });
}

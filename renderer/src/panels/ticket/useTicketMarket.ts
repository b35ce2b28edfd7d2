import type { OptionChainSnapshot, Quote } from '../../../../core/contract/contract';
import { useFeed } from '../../feeds/useFeed';
import type { TicketDraft } from '../../trading/ticketDraft';

type OptionQuote = OptionChainSnapshot['contracts'][number];

export interface TicketMarket {
  quote: Quote | null;
  /** The chain of the ticket's symbol while the ticket holds an option (its expiries and strikes fill the pickers). */
  chain: OptionChainSnapshot | null;
  /** The option contract the ticket names, if the chain has it. */
  contract: OptionQuote | null;
  /** What a market order would pay (ask for a buy, bid for a sell, else last; an option's mark). */
  marketPrice: number | null;
}

// The ticket shows prices for reference and for the notional: a redraw twice a second is plenty.
const TICKET_REDRAW_MS = 500;

export function useTicketMarket(draft: TicketDraft): TicketMarket {
  const quote = useFeed('quote', draft.symbol ? { symbol: draft.symbol } : null, TICKET_REDRAW_MS).event?.value ?? null;
  const chain = useFeed('optionChain', draft.kind === 'option' && draft.symbol ? { symbol: draft.symbol } : null, TICKET_REDRAW_MS).event?.value ?? null;
  const contract =
    draft.kind === 'option' && chain ? (chain.contracts.find((c) => c.expiry === draft.expiry && c.strike === Number(draft.strike) && c.type === draft.right) ?? null) : null;
  let marketPrice: number | null = null;
  if (draft.kind === 'option') marketPrice = contract ? contract.mark || (contract.bid + contract.ask) / 2 || null : null;
  else if (quote) marketPrice = (draft.side === 'buy' ? quote.ask : quote.bid) ?? quote.last;
  return { quote, chain, contract, marketPrice };
}

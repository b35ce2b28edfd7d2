/**
 * The order ticket as the trader fills it (text as typed) and the submitOrder input it becomes, checked with the
 * contract's own schema so the ticket shows the engine's rules beside the fields before anything is sent.
 */
import { instrumentKey, multiplierOf, type CommandInput, type Instrument, type OrderSide, type OrderType, type TimeInForce } from '../../../core/contract/contract';
import { orderTicketInput, pricesNeeded } from '../../../core/contract/orderInputs';

export type TicketOrder = CommandInput<'submitOrder'>;

/** The fields an error can stand beside; `form` is the ticket as a whole. */
export type TicketField = 'symbol' | 'option' | 'quantity' | 'limitPrice' | 'stopPrice' | 'bracket' | 'form';
export type TicketErrors = Partial<Record<TicketField, string>>;

export interface TicketDraft {
  symbol: string;
  kind: 'stock' | 'option';
  /** Option contract fields (kind 'option'): YYYY-MM-DD, strike as typed, call/put. */
  expiry: string;
  strike: string;
  right: 'call' | 'put';
  side: OrderSide;
  quantity: string;
  type: OrderType;
  limitPrice: string;
  stopPrice: string;
  tif: TimeInForce;
  outsideRth: boolean;
  bracket: boolean;
  takeProfitPrice: string;
  stopLossPrice: string;
}

export function emptyDraft(symbol: string): TicketDraft {
  return {
    symbol,
    kind: 'stock',
    expiry: '',
    strike: '',
    right: 'call',
    side: 'buy',
    quantity: '100',
    type: 'LMT',
    limitPrice: '',
    stopPrice: '',
    tif: 'DAY',
    outsideRth: false,
    bracket: false,
    takeProfitPrice: '',
    stopLossPrice: '',
  };
}

/** Which price fields the order type shows (and sends): the contract's own table. */
export const pricesFor = (type: OrderType): { limit: boolean; stop: boolean } => pricesNeeded[type];

export type TicketCheck = { ok: true; order: TicketOrder } | { ok: false; errors: TicketErrors };

/** Reads a typed number: empty → undefined, otherwise the number or NaN. */
function typedNumber(text: string): number | undefined {
  const trimmed = text.trim().replaceAll(',', '');
  return trimmed === '' ? undefined : Number(trimmed);
}

/** The draft as submitOrder's input, or what is wrong with it, field by field. */
export function ticketOrder(draft: TicketDraft, clientOrderKey: string): TicketCheck {
  const errors: TicketErrors = {};
  const needs = pricesFor(draft.type);
  const quantity = typedNumber(draft.quantity);
  if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) errors.quantity = 'a whole number of shares or contracts, 1 or more';
  const price = (field: 'limitPrice' | 'stopPrice', text: string, what: string): number | undefined => {
    const value = typedNumber(text);
    if (value === undefined) errors[field] = `a ${draft.type} order needs a ${what} price`;
    else if (!Number.isFinite(value) || value <= 0) errors[field] = `the ${what} price must be a number above 0`;
    return value;
  };
  const limitPrice = needs.limit ? price('limitPrice', draft.limitPrice, 'limit') : undefined;
  const stopPrice = needs.stop ? price('stopPrice', draft.stopPrice, 'stop') : undefined;
  const instrument = ticketInstrument(draft, errors);
  const bracket = draft.bracket ? bracketLegs(draft, errors) : undefined;
  if (Object.keys(errors).length > 0 || !instrument) return { ok: false, errors };

  const order: TicketOrder = {
    clientOrderKey,
    instrument,
    side: draft.side,
    quantity: quantity!,
    type: draft.type,
    ...(limitPrice !== undefined && { limitPrice }),
    ...(stopPrice !== undefined && { stopPrice }),
    tif: draft.tif,
    outsideRth: draft.outsideRth,
    ...(bracket && { bracket }),
  };
  const parsed = orderTicketInput.safeParse(order);
  if (parsed.success) return { ok: true, order };
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path[0]);
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

function ticketInstrument(draft: TicketDraft, errors: TicketErrors): Instrument | null {
  if (!draft.symbol) {
    errors.symbol = 'choose a symbol';
    return null;
  }
  if (draft.kind === 'stock') return { kind: 'stock', symbol: draft.symbol };
  const strike = typedNumber(draft.strike);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.expiry) || strike === undefined || !Number.isFinite(strike) || strike <= 0) {
    errors.option = 'choose the option: expiry, strike and call/put (a click on an option chain row fills them)';
    return null;
  }
  return { kind: 'option', symbol: draft.symbol, expiry: draft.expiry, strike, right: draft.right };
}

function bracketLegs(draft: TicketDraft, errors: TicketErrors): { takeProfitPrice: number; stopLossPrice: number } | undefined {
  const takeProfitPrice = typedNumber(draft.takeProfitPrice);
  const stopLossPrice = typedNumber(draft.stopLossPrice);
  const valid = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;
  if (!valid(takeProfitPrice) || !valid(stopLossPrice)) {
    errors.bracket = 'a bracket needs a take-profit and a stop-loss price above 0';
    return undefined;
  }
  return { takeProfitPrice, stopLossPrice };
}

const ticketFields: readonly TicketField[] = ['quantity', 'limitPrice', 'stopPrice', 'bracket'];
function fieldOf(key: PropertyKey | undefined): TicketField {
  if (key === 'instrument') return 'symbol';
  return ticketFields.find((field) => field === key) ?? 'form';
}

/**
 * Money the order puts at stake: quantity × price × multiplier. The price is the order's own (limit, or stop for
 * a stop order), else the market's (`marketPrice`: the quote for a stock, the mark for an option); null if unknown.
 */
export function orderNotional(order: Pick<TicketOrder, 'instrument' | 'quantity' | 'limitPrice' | 'stopPrice'>, marketPrice: number | null): number | null {
  const price = order.limitPrice ?? order.stopPrice ?? marketPrice;
  if (price === null || price === undefined || !Number.isFinite(price)) return null;
  return Math.abs(order.quantity) * price * multiplierOf(order.instrument);
}

/** Above the configured notional, or when the notional is unknown, the trader confirms before the order goes. */
export function needsConfirmation(notional: number | null, confirmAbove: number | null): boolean {
  return notional === null || confirmAbove === null || notional > confirmAbove;
}

/** What the order does, in one line: "BUY 10 SPY LMT 450.25 DAY", "SELL 2 SPY 2025-01-17 450 C MKT GTC". */
export function describeOrder(order: Pick<TicketOrder, 'instrument' | 'side' | 'quantity' | 'type' | 'limitPrice' | 'stopPrice' | 'tif'>): string {
  const prices = [order.stopPrice !== undefined && `stop ${order.stopPrice}`, order.limitPrice !== undefined && `${order.limitPrice}`].filter(Boolean).join(' ');
  return [order.side.toUpperCase(), order.quantity, instrumentKey(order.instrument), order.type, prices, order.tif ?? 'DAY'].filter((part) => part !== '').join(' ');
}

/** The order without its key: two submits with the same signature are the same order (a retry, a double click). */
export function orderSignature(order: TicketOrder): string {
  const { clientOrderKey: _key, ...rest } = order;
  return JSON.stringify(rest);
}

/** The order commands' inputs as the cockpit sends them, validated at the boundary. Browser-safe. */
import { z } from 'zod';
import { orderTypes, timesInForce } from '../market/order';

const ticker = z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as SPY');
const price = z.number().positive().finite().max(1_000_000);
/** The cockpit makes one per click of Submit; a repeat with the same key places nothing new. */
const clientOrderKey = z.string().trim().min(8, 'at least 8 characters').max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const reason = z.string().trim().max(500).default('');

export const instrumentInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stock'), symbol: ticker }),
  z.strictObject({
    kind: z.literal('option'),
    symbol: ticker,
    expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    strike: price,
    right: z.enum(['call', 'put']),
    conId: z.number().int().positive().optional(),
  }),
]);

/** Which prices each order type takes (the ticket shows exactly these fields). */
export const pricesNeeded: Record<(typeof orderTypes)[number], { limit: boolean; stop: boolean }> = {
  MKT: { limit: false, stop: false },
  LMT: { limit: true, stop: false },
  STP: { limit: false, stop: true },
  'STP LMT': { limit: true, stop: true },
  MOC: { limit: false, stop: false },
  LOC: { limit: true, stop: false },
};

export const orderTicketInput = z
  .strictObject({
    clientOrderKey,
    instrument: instrumentInput,
    side: z.enum(['buy', 'sell']),
    quantity: z.number().int('a whole number of shares or contracts').positive().max(1_000_000),
    type: z.enum(orderTypes),
    limitPrice: price.optional(),
    stopPrice: price.optional(),
    tif: z.enum(timesInForce).default('DAY'),
    outsideRth: z.boolean().default(false),
    ocaGroup: z.string().trim().min(1).max(40).optional(),
    /** A stop and either a profit taker or a market-on-close exit (exitAtClose: 'MOC'), one cancelling the other. */
    bracket: z
      .union([z.strictObject({ takeProfitPrice: price, stopLossPrice: price }), z.strictObject({ exitAtClose: z.literal('MOC'), stopLossPrice: price })], {
        error: 'a bracket is { takeProfitPrice, stopLossPrice } or { exitAtClose: "MOC", stopLossPrice }',
      })
      .optional(),
    reason,
  })
  .superRefine((order, ctx) => {
    const needs = pricesNeeded[order.type];
    const say = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (needs.limit && order.limitPrice === undefined) say('limitPrice', `a ${order.type} order needs a limit price`);
    if (!needs.limit && order.limitPrice !== undefined) say('limitPrice', `a ${order.type} order takes no limit price`);
    if (needs.stop && order.stopPrice === undefined) say('stopPrice', `a ${order.type} order needs a stop price`);
    if (!needs.stop && order.stopPrice !== undefined) say('stopPrice', `a ${order.type} order takes no stop price`);
    if (order.bracket) checkBracket(order, say);
  });

type BracketInput = { takeProfitPrice: number; stopLossPrice: number } | { exitAtClose: 'MOC'; stopLossPrice: number };

function checkBracket(order: { side: 'buy' | 'sell'; limitPrice?: number; bracket?: BracketInput }, say: (path: string, message: string) => void): void {
  const bracket = order.bracket!;
  const above = order.side === 'buy';
  if ('takeProfitPrice' in bracket) {
    if (above ? bracket.takeProfitPrice <= bracket.stopLossPrice : bracket.takeProfitPrice >= bracket.stopLossPrice) {
      say('bracket', `for a ${order.side} bracket the profit taker must be ${above ? 'above' : 'below'} the stop`);
    }
    return;
  }
  const entry = order.limitPrice;
  if (entry !== undefined && (above ? bracket.stopLossPrice >= entry : bracket.stopLossPrice <= entry)) {
    say('bracket', `for a ${order.side} bracket the stop must be ${above ? 'below' : 'above'} the entry limit`);
  }
}

export const orderModificationInput = z
  .strictObject({
    orderId: z.number().int().positive(),
    quantity: z.number().int().positive().max(1_000_000).optional(),
    limitPrice: price.optional(),
    stopPrice: price.optional(),
  })
  .refine((m) => m.quantity !== undefined || m.limitPrice !== undefined || m.stopPrice !== undefined, 'change at least one of quantity, limitPrice, stopPrice');

export const cancelOrderInput = z.strictObject({ orderId: z.number().int().positive(), reason });

/** 'engine': this engine's working orders, each by id. 'global': TWS's reqGlobalCancel, only when confirmed. */
export const cancelAllOrdersInput = z.strictObject({
  scope: z.enum(['engine', 'global']),
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
});

export const closePositionInput = z.strictObject({
  /** The position's instrument key as the positions stream gives it ("SPY", "SPY 2025-01-17 450 C"). */
  instrumentKey: z.string().trim().min(1).max(60),
  clientOrderKey,
  limitPrice: price.optional(),
  reason,
});

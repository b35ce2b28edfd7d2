import { isOnTick, optionTickAt } from '../../market/optionTicks';
import type { Instrument } from '../contracts/catalog';
import { ERR, messageFor } from '../protocol/errorCodes';
import type { OrderTicket } from '../requests/requestTypes';
import { inAuctionCutoff, phaseAt, type TradingHoursMode } from './tradingHours';
import { isAuctionOrder, SUPPORTED_ORDER_TYPES, SUPPORTED_TIFS } from './workingOrder';

export interface Rejection {
  code: number;
  message: string;
}

const rejected = (reason: string): Rejection => ({ code: ERR.ORDER_REJECTED, message: `Order rejected - reason:${reason}` });

/** Why TWS would refuse this order now, or undefined when it is accepted. Checked on placement and on every modify. */
export function rejectionOf(t: OrderTicket, i: Instrument, now: number, mode: TradingHoursMode): Rejection | undefined {
  return malformed(t) ?? unsupportedForContract(t, i) ?? offTick(t, i) ?? outsideHours(t, i, now, mode);
}

function malformed(t: OrderTicket): Rejection | undefined {
  if (!SUPPORTED_ORDER_TYPES.has(t.orderType)) return rejected(`order type ${t.orderType} is not supported by the simulated exchange`);
  if (!SUPPORTED_TIFS.has(t.tif)) return rejected(`time in force ${t.tif} is not supported by the simulated exchange`);
  if (t.action !== 'BUY' && t.action !== 'SELL') return rejected(`action must be BUY or SELL, got "${t.action}"`);
  if (!(t.totalQuantity > 0)) return rejected('total quantity must be positive');
  const needsLimit = t.orderType === 'LMT' || t.orderType === 'STP LMT' || t.orderType === 'LOC';
  if (needsLimit && t.lmtPrice === undefined) return rejected('limit price is missing');
  if (t.orderType.startsWith('STP') && t.auxPrice === undefined) return rejected('stop price (auxPrice) is missing');
  return undefined;
}

/** Options have no closing auction: TWS answers 387 for MOC/LOC on them. */
function unsupportedForContract(t: OrderTicket, i: Instrument): Rejection | undefined {
  if (i.kind === 'option' && isAuctionOrder(t.orderType)) return { code: ERR.UNSUPPORTED_ORDER_TYPE, message: messageFor(ERR.UNSUPPORTED_ORDER_TYPE) };
  return undefined;
}

/** The instrument's minimum price variation: the stock's tick, or the option tick at that price level. */
export function tickAt(i: Instrument, price: number): number {
  return i.kind === 'stock' ? i.spec.minTick : optionTickAt(i.spec.underlying, price);
}

function offTick(t: OrderTicket, i: Instrument): Rejection | undefined {
  const prices = [t.orderType.includes('LMT') || t.orderType === 'LOC' ? t.lmtPrice : undefined, t.orderType.startsWith('STP') ? t.auxPrice : undefined];
  for (const p of prices) {
    if (p !== undefined && !isOnTick(p, tickAt(i, Math.abs(p)))) return { code: ERR.TICK_SIZE, message: messageFor(ERR.TICK_SIZE) };
  }
  return undefined;
}

function outsideHours(t: OrderTicket, i: Instrument, now: number, mode: TradingHoursMode): Rejection | undefined {
  if (isAuctionOrder(t.orderType) && pastAuctionCutoff(now, mode)) {
    return rejected('The closing auction no longer accepts MOC or LOC orders: the cut-off (15:50 US/Eastern) has passed');
  }
  if (mode === 'always-open') return undefined;
  const phase = phaseAt(now);
  if (phase === 'closed' || (i.kind === 'option' && phase !== 'regular')) return rejected('Exchange is closed.');
  return undefined;
}

/** From 15:50 to the end of the day's trading (20:00) when hours are enforced; 15:50–16:00 when the venue never closes. */
function pastAuctionCutoff(now: number, mode: TradingHoursMode): boolean {
  return inAuctionCutoff(now) || (mode === 'enforced' && phaseAt(now) === 'afterHours');
}

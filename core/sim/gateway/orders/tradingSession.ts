import { etDate, isWeekday, nextWeekday } from '../../../market/newYorkTime';
import { ERR } from '../protocol/errorCodes';
import { AFTER_HOURS_CLOSE, atMinute, CLOSE, easternText, nextRegularOpen, phaseAt, PRE_OPEN, type TradingHoursMode } from './tradingHours';
import type { WorkingOrder } from './workingOrder';

/**
 * When an accepted order may trade, as TWS runs US stocks and options: in regular hours always; in pre-market and
 * after hours only a stock limit (or stop-limit) order with outsideRth. Anything else waits for the open,
 * PreSubmitted, with TWS's warning 399.
 */
export function mayTradeNow(o: WorkingOrder, now: number, mode: TradingHoursMode): boolean {
  if (mode === 'always-open') return true;
  const phase = phaseAt(now);
  if (phase === 'regular') return true;
  return phase !== 'closed' && worksOutsideRth(o);
}

function worksOutsideRth(o: WorkingOrder): boolean {
  return o.instrument.kind === 'stock' && o.ticket.outsideRth && o.ticket.orderType.includes('LMT');
}

/** TWS ignores outsideRth on market and stop orders and says so (2109) before holding them for the open. */
export function ignoresOutsideRth(o: WorkingOrder): boolean {
  return o.ticket.outsideRth && !worksOutsideRth(o);
}

/** When an order held now will next be able to trade. */
function nextTradableAt(o: WorkingOrder, now: number): number {
  if (!worksOutsideRth(o)) return nextRegularOpen(now);
  const today = etDate(now);
  const preOpen = atMinute(today, PRE_OPEN);
  if (isWeekday(today) && now < preOpen) return preOpen;
  return atMinute(nextWeekday(today), PRE_OPEN);
}

/** Warning 399's text: "Order Message:\nBUY 100 AAPL NASDAQ.NMS\nWarning: your order will not be placed at the exchange until …". */
export function heldWarning(o: WorkingOrder, now: number): { code: number; message: string } {
  const i = o.instrument;
  const venue = i.kind === 'stock' ? (i.spec.primaryExchange === 'NASDAQ' ? 'NASDAQ.NMS' : i.spec.primaryExchange) : 'SMART';
  const name = i.kind === 'stock' ? i.spec.symbol : i.spec.occId;
  const until = easternText(nextTradableAt(o, now));
  return {
    code: ERR.ORDER_WARNING,
    message: `Order Message:\n${o.ticket.action} ${o.ticket.totalQuantity} ${name} ${venue}\nWarning: your order will not be placed at the exchange until ${until}`,
  };
}

/**
 * When a DAY order placed now expires: at its session's close (16:00), or at the end of after hours (20:00) for a
 * stock limit order allowed outside regular hours. An order placed after its session's end belongs to the next
 * weekday's session. GTC and IOC orders, and every order when the venue never closes, have no expiry.
 */
export function dayOrderExpiry(o: WorkingOrder, now: number, mode: TradingHoursMode): number | undefined {
  if (o.ticket.tif !== 'DAY' || mode === 'always-open') return undefined;
  const end = worksOutsideRth(o) ? AFTER_HOURS_CLOSE : CLOSE;
  const today = etDate(now);
  const todaysEnd = atMinute(today, end);
  if (isWeekday(today) && now < todaysEnd) return todaysEnd;
  return atMinute(nextWeekday(today), end);
}

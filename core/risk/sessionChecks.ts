/** Options rules and the trading session (New York time, the NYSE calendar of core/market/marketCalendar.ts). */
import { nyseSession } from '../market/marketCalendar';
import { etDate, etDateTime } from '../market/newYorkTime';
import { deny, enteringOrder, nameOf, ordersOf, reducesPosition } from './checkHelpers';
import type { OrderCheck } from './orderGate';

const MARKET_TYPES: ReadonlySet<string> = new Set(['MKT', 'MOC']);
const AUCTION_TYPES: ReadonlySet<string> = new Set(['MOC', 'LOC']);
/** The exchanges take MOC and LOC orders until this long before the close (15:50 on a full day, 12:50 on a half day). */
const AUCTION_CUTOFF_MS = 10 * 60_000;

/** Options are quoted wide: a market order could fill anywhere in the spread, so only limits are sent. */
export const optionMarketOrderCheck: OrderCheck = (request) => {
  const order = ordersOf(request).find((o) => o.instrument.kind === 'option' && MARKET_TYPES.has(o.type));
  if (!order) return null;
  return deny('OPTION_MARKET_ORDER', `Market orders on options are not sent (${nameOf(order)}): use a limit price.`);
};

/** risk.sameDayExpiryCutoffMinutes: no new position in an option expiring today in the last N minutes before the close; closing it still passes. */
export const sameDayExpiryCheck: OrderCheck = (request, context) => {
  const { limits, now } = context;
  const order = enteringOrder(request);
  if (order.instrument.kind !== 'option' || limits.marketCalendar === 'always-open') return null;
  const session = nyseSession(now); // today's date from the calendar's cache: the time-zone formatter is not cheap
  if (!session || order.instrument.expiry !== session.date || now < session.close - limits.sameDayExpiryCutoffMinutes * 60_000 || reducesPosition(request, context)) return null;
  return deny('SAME_DAY_EXPIRY', `${nameOf(order)} expires today: no new position in its last ${limits.sameDayExpiryCutoffMinutes} minutes before the close (risk.sameDayExpiryCutoffMinutes). Closing it still goes through.`);
};

/** No market order outside regular hours (09:30–16:00 New York, 13:00 on half days; none on weekends and holidays). */
export const regularHoursCheck: OrderCheck = (request, { limits, now }) => {
  if (limits.marketCalendar === 'always-open' || !ordersOf(request).some((o) => o.type === 'MKT')) return null;
  const session = nyseSession(now);
  if (session && now >= session.open && now < session.close) return null;
  const when = session ? `${session.date} regular hours are 09:30–${session.halfDay ? '13:00 (half day)' : '16:00'}` : `${etDate(now)} is not a trading day`;
  return deny('MARKET_CLOSED', `Market orders are sent only in regular hours, and it is ${etDateTime(now).slice(11, 16)} New York time (${when}). Use a limit order.`);
};

/**
 * MOC and LOC orders only before the closing auction's cut-off (10 minutes before the close) on a trading day: after it
 * the exchange refuses them, and a bracket's MOC exit refused alone would leave its entry with only the stop.
 */
export const closingAuctionCheck: OrderCheck = (request, { limits, now }) => {
  const order = ordersOf(request).find((o) => AUCTION_TYPES.has(o.type));
  if (!order || limits.marketCalendar === 'always-open') return null;
  const session = nyseSession(now);
  if (!session || now < session.close - AUCTION_CUTOFF_MS || now >= session.close) return null;
  const cutoff = etDateTime(session.close - AUCTION_CUTOFF_MS).slice(11, 16);
  return deny('AUCTION_CUTOFF', `The closing auction takes no more ${order.type} orders after ${cutoff} New York time, and it is ${etDateTime(now).slice(11, 16)}: nothing of this order is sent (${nameOf(order)}).`);
};

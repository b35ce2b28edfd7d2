import type { Fill } from '../market/order';
import type { StrategyReportCard } from '../market/proposal';
import { etDate, etToUtc } from '../market/newYorkTime';

/** What the day's summary is made of: each strategy's proposals today and its report card, and the day's fills. */
export interface DaySignals {
  strategy: string;
  /** Counted today: proposed, approved (approved or modified), rejected, expired. */
  today: { proposed: number; approved: number; rejected: number; expired: number };
  card: StrategyReportCard;
}

const money = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;

/**
 * One paragraph for the close: the day's fills (count, buys and sells, net cash after commissions), then each
 * strategy that did something today with its all-time report card (hit rate, total P&L).
 */
export function dailySummaryText(fills: readonly Fill[], signals: readonly DaySignals[]): string {
  const buys = fills.filter((f) => f.side === 'buy').length;
  const cash = fills.reduce((sum, f) => sum + (f.side === 'sell' ? 1 : -1) * f.price * f.quantity * (f.instrument.kind === 'option' ? 100 : 1) - (f.commission ?? 0), 0);
  const parts = [fills.length === 0 ? 'no fills today.' : `${fills.length} fills (${buys} buys, ${fills.length - buys} sells), net cash ${money(cash)}.`];
  for (const s of signals.filter((x) => x.today.proposed + x.today.approved + x.today.rejected + x.today.expired > 0)) {
    const hit = s.card.hitRate === null ? 'no closed trades yet' : `hit rate ${Math.round(s.card.hitRate * 100)}% of ${s.card.closed}`;
    parts.push(`${s.strategy}: ${s.today.proposed} proposed, ${s.today.approved} approved, ${s.today.rejected} rejected, ${s.today.expired} expired; ${hit}, total P&L ${money(s.card.totalPnl)}.`);
  }
  if (parts.length === 1) parts.push('No signals today.');
  return parts.join(' ');
}

/**
 * Whether the summary of `now`'s New York day is due: a trading day (no weekend or holiday: `isTradingDay`), at or
 * after `at` ("HH:MM") and before midnight. An engine started later that evening still sends it; the next day not.
 */
export function summaryDue(now: number, at: string, isTradingDay: (ts: number) => boolean): string | null {
  if (!isTradingDay(now)) return null;
  const date = etDate(now);
  return now >= etToUtc(date, Number(at.slice(0, 2)), Number(at.slice(3, 5))) ? date : null;
}

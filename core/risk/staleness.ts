/** When a quiet quote counts as stale data: the time quotes are expected to flow (risk.marketCalendar). */
import type { RiskLimits } from '../config/riskSchema';
import { nyseSession } from '../market/marketCalendar';

/**
 * How long (ms) a symbol has gone without a quote while quotes were expected. With the NYSE calendar only the
 * regular session counts (quotes legitimately pause outside it, and the first minutes after the open count from the
 * opening bell, not from yesterday's last quote); with always-open, all the time.
 */
export function quietMs(lastQuoteTs: number, now: number, calendar: RiskLimits['marketCalendar']): number {
  if (calendar === 'always-open') return Math.max(0, now - lastQuoteTs);
  const session = nyseSession(now);
  if (!session || now < session.open || now >= session.close) return 0;
  return Math.max(0, now - Math.max(lastQuoteTs, session.open));
}

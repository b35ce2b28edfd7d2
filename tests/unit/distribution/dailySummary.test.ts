import { describe, expect, it } from 'vitest';
import { dailySummaryText, summaryDue } from '../../../core/distribution/dailySummary';
import { nyseSession } from '../../../core/market/marketCalendar';
import { etToUtc } from '../../../core/market/newYorkTime';
import type { StrategyReportCard } from '../../../core/market/proposal';

const card: StrategyReportCard = { proposed: 10, approved: 6, modified: 1, rejected: 2, expired: 1, refused: 0, filled: 6, closed: 4, wins: 3, hitRate: 0.75, averagePnl: 50, totalPnl: 200 };
const tradingDay = (ts: number) => nyseSession(ts) !== null;

describe('the daily summary', () => {
  it("counts the day's fills with their net cash and each active strategy with its report card", () => {
    const stock = { kind: 'stock', symbol: 'SPY' } as const;
    const text = dailySummaryText(
      [
        { execId: 'a', orderId: 1, instrument: stock, side: 'buy', quantity: 10, price: 100, exchange: 'ARCA', time: 0, commission: 1 },
        { execId: 'b', orderId: 2, instrument: stock, side: 'sell', quantity: 10, price: 101, exchange: 'ARCA', time: 0, commission: 1 },
      ],
      [
        { strategy: 'zeroDte', today: { proposed: 3, approved: 2, rejected: 1, expired: 0 }, card },
        { strategy: 'swing', today: { proposed: 0, approved: 0, rejected: 0, expired: 0 }, card },
      ],
    );
    expect(text).toBe('2 fills (1 buys, 1 sells), net cash $8.00. zeroDte: 3 proposed, 2 approved, 1 rejected, 0 expired; hit rate 75% of 4, total P&L $200.00.');
  });

  it('says so on a day without fills or signals', () => {
    expect(dailySummaryText([], [])).toBe('no fills today. No signals today.');
  });

  it('is due after its time on a trading day, not before, and never on a weekend or holiday', () => {
    expect(summaryDue(etToUtc('2026-12-07', 16, 14), '16:15', tradingDay)).toBeNull();
    expect(summaryDue(etToUtc('2026-12-07', 16, 15), '16:15', tradingDay)).toBe('2026-12-07');
    expect(summaryDue(etToUtc('2026-12-07', 23, 59), '16:15', tradingDay)).toBe('2026-12-07');
    expect(summaryDue(etToUtc('2026-12-06', 17, 0), '16:15', tradingDay)).toBeNull(); // a Sunday
    expect(summaryDue(etToUtc('2026-12-25', 17, 0), '16:15', tradingDay)).toBeNull(); // Christmas
  });
});

import { etDate } from '../market/newYorkTime';

/** The day's highest P&L so far: the New York date and the figure. */
export interface DayMark {
  day: string;
  pnl: number;
}

/**
 * The day's P&L high-water mark (at least 0), starting again at the New York day change: the drawdown reference.
 * One mark is shared by the order gate's facts and the circuit breakers; each rise is handed to `save` (Redis), and
 * the stored mark is loaded at start, so a restart does not reset the drawdown reference mid-day.
 */
export class DayHighWater {
  private high: DayMark = { day: '', pnl: 0 };
  /** The New York date, worked out once a minute (the time-zone formatter is not cheap). */
  private today = { minute: NaN, date: '' };

  constructor(private readonly save: (mark: DayMark) => void = () => undefined) {}

  /** The stored mark (a mark of an earlier day is replaced at the next figure). */
  load(mark: DayMark | null): void {
    if (mark && typeof mark.day === 'string' && Number.isFinite(mark.pnl)) this.high = { day: mark.day, pnl: mark.pnl };
  }

  /** Takes in a P&L figure seen at `now` and answers the high so far today. */
  see(pnl: number, now: number): number {
    const day = this.dayOf(now);
    let changed = false;
    if (this.high.day !== day) {
      this.high = { day, pnl: 0 };
      changed = true;
    }
    if (pnl > this.high.pnl) {
      this.high.pnl = pnl;
      changed = true;
    }
    if (changed) this.save({ ...this.high });
    return this.high.pnl;
  }

  dayOf(now: number): string {
    const minute = Math.floor(now / 60_000);
    if (this.today.minute !== minute) this.today = { minute, date: etDate(now) };
    return this.today.date;
  }
}

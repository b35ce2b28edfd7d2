import { etDate } from '../market/newYorkTime';

/** The day's P&L high-water mark (at least 0), starting again at the New York day change. */
export class DayHighWater {
  private high = { day: '', pnl: 0 };
  /** The New York date, worked out once a minute (the time-zone formatter is not cheap). */
  private today = { minute: NaN, date: '' };

  /** Takes in a P&L figure seen at `now` and answers the high so far today. */
  see(pnl: number, now: number): number {
    const day = this.dayOf(now);
    if (this.high.day !== day) this.high = { day, pnl: 0 };
    if (pnl > this.high.pnl) this.high.pnl = pnl;
    return this.high.pnl;
  }

  dayOf(now: number): string {
    const minute = Math.floor(now / 60_000);
    if (this.today.minute !== minute) this.today = { minute, date: etDate(now) };
    return this.today.date;
  }
}

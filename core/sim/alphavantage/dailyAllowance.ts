import { etDate } from '../../market/newYorkTime';

/** A free key's daily allowance: calls accepted per New York calendar day (the count starts again at midnight there). */
export class DailyAllowance {
  private day = '';
  private used = 0;

  constructor(
    private readonly callsPerDay: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Spends one call if today's allowance has room; false means the daily cap is reached. */
  tryTake(): boolean {
    const today = etDate(this.clock());
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
    if (this.used >= this.callsPerDay) return false;
    this.used++;
    return true;
  }

  reset(): void {
    this.used = 0;
  }
}

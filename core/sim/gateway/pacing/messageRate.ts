/** Counts a client's incoming messages in the current one-second window (TWS's 50 msg/s rule, error 100). */
export class MessageRate {
  private windowStart = 0;
  private count = 0;
  private warned = false;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Records one message; returns the count when this message broke the limit for the first time this window. */
  record(limit: number): { exceeded: boolean; firstInWindow: boolean; count: number } {
    const now = this.clock();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
      this.warned = false;
    }
    this.count++;
    const exceeded = limit > 0 && this.count > limit;
    const firstInWindow = exceeded && !this.warned;
    if (exceeded) this.warned = true;
    return { exceeded, firstInWindow, count: this.count };
  }
}

/** Alpha Vantage's per-minute call allowance: a sliding 60-second window of accepted calls. */
export class CallAllowance {
  private readonly accepted: number[] = [];

  constructor(
    public callsPerMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Spends one call if the window has room; false means the call is over the limit. */
  tryTake(): boolean {
    const now = this.clock();
    while (this.accepted.length > 0 && (this.accepted[0] as number) <= now - 60_000) this.accepted.shift();
    if (this.accepted.length >= this.callsPerMinute) return false;
    this.accepted.push(now);
    return true;
  }

  reset(): void {
    this.accepted.length = 0;
  }
}

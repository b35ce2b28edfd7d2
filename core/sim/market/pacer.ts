/**
 * Drives a feed's advance(ms) from wall-clock time at a given speed. The timer is unref'd so a forgotten
 * feed never keeps the process alive, and stop() leaves nothing behind.
 */
export class Pacer {
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private carryMs = 0;

  constructor(
    private readonly advance: (ms: number) => void,
    private readonly speed: number,
    private readonly intervalMs = 10,
  ) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.lastWall = performance.now();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const wall = performance.now();
    // Market time is advanced in whole milliseconds; the fraction is carried so speed stays exact.
    const due = (wall - this.lastWall) * this.speed + this.carryMs;
    this.lastWall = wall;
    const whole = Math.floor(due);
    this.carryMs = due - whole;
    if (whole > 0) this.advance(whole);
  }
}

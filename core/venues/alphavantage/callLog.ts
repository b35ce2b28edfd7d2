import type { CallClass } from './callClasses';

/** Launches in the last window, by class: the "used / left" figures of monitoring. */
export class CallLog {
  private readonly times: number[] = [];
  private readonly classes: CallClass[] = [];
  private head = 0;
  private total = 0;

  constructor(private readonly windowMs: number) {}

  record(callClass: CallClass, at: number): void {
    this.times.push(at);
    this.classes.push(callClass);
    this.total++;
  }

  /** Calls launched in (now − window, now], by class and in all. */
  usedInWindow(now: number): Record<CallClass | 'all', number> {
    this.prune(now);
    const used = { all: this.times.length - this.head, options: 0, sentiment: 0, technicals: 0 };
    for (let i = this.head; i < this.classes.length; i++) used[this.classes[i]!]++;
    return used;
  }

  /** 0 when one more launch now keeps at most `calls` in the window; otherwise how long until it would. */
  waitForRoom(now: number, calls: number): number {
    this.prune(now);
    const inWindow = this.times.length - this.head;
    if (inWindow < calls) return 0;
    return Math.max(1, this.times[this.head + inWindow - calls]! + this.windowMs - now);
  }

  get totalCalls(): number {
    return this.total;
  }

  private prune(now: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.classes.splice(0, this.head);
      this.head = 0;
    }
  }
}

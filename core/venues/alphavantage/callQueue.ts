/** Waiting items served by priority (0 first), first come first served within a priority. */
export class CallQueue<T> {
  private readonly levels: T[][];
  private count = 0;

  constructor(priorities: number) {
    this.levels = Array.from({ length: priorities }, () => []);
  }

  push(priority: number, item: T): void {
    const level = this.levels[priority];
    if (level === undefined) throw new RangeError(`priority ${priority} is outside 0..${this.levels.length - 1}`);
    level.push(item);
    this.count++;
  }

  /** The most urgent item, taken out of the queue. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    for (const level of this.levels) {
      if (level.length === 0) continue;
      this.count--;
      return level.shift();
    }
    return undefined;
  }

  /** Every waiting item, most urgent first; the queue is left empty. */
  takeAll(): T[] {
    const all = this.levels.flatMap((level) => level.splice(0));
    this.count = 0;
    return all;
  }

  get size(): number {
    return this.count;
  }
}

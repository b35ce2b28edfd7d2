/**
 * The sample standard deviation of the last `window` values, O(1) per value: running sums over a ring. The sums are
 * of each value's distance from a shift (the ring's mean at its last wrap), so a large level with a small spread
 * loses no digits, and they are recomputed exactly each time the ring wraps so that rounding cannot build up.
 */
export class RollingDeviation {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;
  private shift = Number.NaN;
  private sum = 0;
  private sumOfSquares = 0;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`the deviation window must be an integer of at least 2 (got ${window})`);
    this.values = new Float64Array(window);
  }

  /** How many values the deviation is taken over (at most the window). */
  get count(): number {
    return this.filled;
  }

  push(value: number): void {
    if (Number.isNaN(this.shift)) this.shift = value;
    const leaving = this.filled === this.window ? this.values[this.next]! - this.shift : 0;
    const entering = value - this.shift;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.window;
    if (this.filled < this.window) this.filled++;
    if (this.next === 0) this.recompute();
    else {
      this.sum += entering - leaving;
      this.sumOfSquares += entering * entering - leaving * leaving;
    }
  }

  /** √(Σ(x − x̄)² / (k − 1)) over the k values held; NaN while fewer than two. */
  get deviation(): number {
    const k = this.filled;
    if (k < 2) return Number.NaN;
    const variance = (this.sumOfSquares - (this.sum * this.sum) / k) / (k - 1);
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  private recompute(): void {
    let total = 0;
    for (let i = 0; i < this.filled; i++) total += this.values[i]!;
    this.shift = total / this.filled;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < this.filled; i++) {
      const d = this.values[i]! - this.shift;
      sum += d;
      squares += d * d;
    }
    this.sum = sum;
    this.sumOfSquares = squares;
  }
}

/** The buckets as a restart needs them: the last n full buckets' |V_sell − V_buy|, oldest first, and the open one. */
export interface BucketState {
  bucketVolume: number;
  imbalances: number[];
  /** Shares in the bucket being filled, and how many of them were bought. */
  filled: number;
  bought: number;
  /** Buckets filled so far. */
  completed: number;
}

/** Called when a bucket fills: VPIN over the last n buckets (null until n have filled), the bucket's number, the time. */
export type BucketListener = (vpin: number | null, bucket: number, time: number) => void;

/**
 * Equal-volume buckets of V shares each. Classified volume is poured in as it comes; volume that overflows a bucket
 * goes on into the next ones with the same buy fraction (a bar or print split across buckets, pro rata). A full
 * bucket's order imbalance |V_sell − V_buy| enters a ring of the last n, whose running sum gives
 * VPIN = Σ|V_sell − V_buy| / (n·V) in O(1); the sum is recomputed exactly whenever the ring wraps.
 */
export class VolumeBuckets {
  private readonly imbalances: Float64Array;
  private next = 0;
  private held = 0;
  private imbalanceSum = 0;
  /** The bucket being filled. */
  private filled = 0;
  private bought = 0;
  /** Buckets filled so far. */
  completed = 0;
  /** A new V asked for while a bucket was being filled: it applies when that bucket closes. */
  private pendingVolume: number | null = null;

  constructor(
    private volume: number,
    readonly buckets: number,
    private readonly onBucket: BucketListener,
  ) {
    this.imbalances = new Float64Array(buckets);
  }

  /** V, shares per bucket, now. */
  get bucketVolume(): number {
    return this.volume;
  }

  /**
   * A new V from the next bucket on: at once when no bucket is being filled, else when the one being filled closes, so
   * no bucket mixes two sizes. The last n buckets' imbalances are rescaled to the new V (each keeps its share of its
   * bucket), so VPIN goes on from the same value. Answers whether it applied at once.
   */
  resize(volume: number): boolean {
    if (!(volume > 0) || !Number.isFinite(volume)) throw new RangeError(`a VPIN bucket must be a positive number of shares (got ${volume})`);
    this.pendingVolume = volume;
    if (this.filled > 0) return false;
    this.applyPendingVolume();
    return true;
  }

  /** Pours `volume` shares of which the fraction `buyFraction` (0..1) was bought. */
  pour(volume: number, buyFraction: number, time: number): void {
    let left = volume;
    while (left > 0) {
      const room = this.volume - this.filled;
      if (left < room) {
        this.filled += left;
        this.bought += left * buyFraction;
        return;
      }
      this.bought += room * buyFraction;
      left -= room;
      this.closeBucket(time);
    }
  }

  state(): BucketState {
    const imbalances: number[] = [];
    const start = this.held === this.buckets ? this.next : 0;
    for (let i = 0; i < this.held; i++) imbalances.push(this.imbalances[(start + i) % this.buckets]!);
    return { bucketVolume: this.volume, imbalances, filled: this.filled, bought: this.bought, completed: this.completed };
  }

  /** Takes back a state saved before a restart (its last n buckets); false, and nothing changed, if it does not fit. */
  restore(state: BucketState): boolean {
    const v = this.volume;
    const valid = (x: unknown, max: number): boolean => typeof x === 'number' && x >= 0 && x <= max;
    if (state.bucketVolume !== v || !Array.isArray(state.imbalances) || !state.imbalances.every((x) => valid(x, v))) return false;
    if (!valid(state.filled, v) || !valid(state.bought, state.filled) || !Number.isInteger(state.completed) || state.completed < state.imbalances.length) return false;
    const kept = state.imbalances.slice(-this.buckets);
    this.imbalances.fill(0);
    kept.forEach((x, i) => (this.imbalances[i] = x));
    this.held = kept.length;
    this.next = this.held % this.buckets;
    this.imbalanceSum = this.sumRing();
    this.filled = state.filled;
    this.bought = state.bought;
    this.completed = state.completed;
    return true;
  }

  private closeBucket(time: number): void {
    const v = this.volume;
    const imbalance = Math.abs(v - 2 * this.bought); // |sold − bought| with sold = V − bought
    const old = this.held === this.buckets ? this.imbalances[this.next]! : 0;
    this.imbalances[this.next] = imbalance;
    this.next = (this.next + 1) % this.buckets;
    if (this.held < this.buckets) this.held++;
    this.imbalanceSum = this.next === 0 ? this.sumRing() : this.imbalanceSum + imbalance - old;
    this.filled = 0;
    this.bought = 0;
    this.completed++;
    this.onBucket(this.held === this.buckets ? this.imbalanceSum / (this.buckets * v) : null, this.completed, time);
    this.applyPendingVolume();
  }

  private applyPendingVolume(): void {
    const volume = this.pendingVolume;
    this.pendingVolume = null;
    if (volume === null || volume === this.volume) return;
    const scale = volume / this.volume;
    for (let i = 0; i < this.held; i++) this.imbalances[i] = this.imbalances[i]! * scale;
    this.imbalanceSum = this.sumRing();
    this.volume = volume;
  }

  private sumRing(): number {
    let sum = 0;
    for (let i = 0; i < this.held; i++) sum += this.imbalances[i]!;
    return sum;
  }
}

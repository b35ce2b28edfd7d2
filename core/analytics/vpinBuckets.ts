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

  constructor(
    readonly bucketVolume: number,
    readonly buckets: number,
    private readonly onBucket: BucketListener,
  ) {
    this.imbalances = new Float64Array(buckets);
  }

  /** Pours `volume` shares of which the fraction `buyFraction` (0..1) was bought. */
  pour(volume: number, buyFraction: number, time: number): void {
    let left = volume;
    while (left > 0) {
      const room = this.bucketVolume - this.filled;
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

  private closeBucket(time: number): void {
    const v = this.bucketVolume;
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
  }

  private sumRing(): number {
    let sum = 0;
    for (let i = 0; i < this.held; i++) sum += this.imbalances[i]!;
    return sum;
  }
}

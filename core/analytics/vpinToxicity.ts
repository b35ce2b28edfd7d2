export interface ToxicityOptions {
  /** How many recent readings VPIN's CDF is taken over (K). */
  historyReadings: number;
  /** No CDF (and no alert) until this many readings exist. */
  minHistoryReadings: number;
  /** A toxicity episode begins when the CDF reaches this level … */
  alertLevel: number;
  /** … and ends when it falls below this one (hysteresis: one alert per episode). */
  exitLevel: number;
}

export interface ToxicityReading {
  cdf: number | null;
  toxic: boolean;
  alert: boolean;
}

/** VPIN lies in 0..1; the CDF counts readings in bins of 1/1000, so readings in the same thousandth tie. */
const BINS = 1000;

const binOf = (vpin: number): number => Math.min(BINS - 1, Math.max(0, Math.floor(vpin * BINS)));

/**
 * VPIN's empirical CDF over its own last K readings, the newest included: the share of them below the newest, ties
 * counted half (the mid-rank). Counting ties whole would put a flat VPIN, every reading equal, at CDF 1 and alert
 * on a quiet market; counting them half puts it at ½. A Fenwick tree over fixed bins gives add, remove and rank in
 * O(log bins); a ring of the last K bins says which reading to forget. Bounded memory, nothing grows.
 */
export class VpinCdf {
  private readonly tree = new Int32Array(BINS + 1);
  private readonly ring: Uint16Array;
  private next = 0;
  private held = 0;

  constructor(readonly capacity: number) {
    this.ring = new Uint16Array(capacity);
  }

  get count(): number {
    return this.held;
  }

  /** Adds a reading and returns its CDF among the readings held. */
  add(vpin: number): number {
    const bin = binOf(vpin);
    if (this.held === this.capacity) this.update(this.ring[this.next]!, -1);
    else this.held++;
    this.ring[this.next] = bin;
    this.next = (this.next + 1) % this.capacity;
    this.update(bin, 1);
    const below = this.atOrBelow(bin - 1);
    const ties = this.atOrBelow(bin) - below;
    return (below + ties / 2) / this.held;
  }

  private update(bin: number, delta: number): void {
    for (let i = bin + 1; i <= BINS; i += i & -i) this.tree[i]! += delta;
  }

  private atOrBelow(bin: number): number {
    let n = 0;
    for (let i = bin + 1; i > 0; i -= i & -i) n += this.tree[i]!;
    return n;
  }
}

/** Reads each VPIN against its history and keeps the episode state: an alert when one begins, none while it lasts. */
export class ToxicityMonitor {
  private readonly cdf: VpinCdf;
  private toxic = false;
  /** Toxicity episodes begun so far. */
  episodes = 0;

  constructor(private readonly options: ToxicityOptions) {
    this.cdf = new VpinCdf(options.historyReadings);
  }

  /**
   * Takes back readings from before a restart, oldest first (their CDF is rebuilt, no alert is raised), and whether
   * the newest of them was inside an episode: an episode that began before the restart is not alerted again.
   */
  restore(vpins: readonly number[], toxic: boolean): void {
    for (const vpin of vpins) this.cdf.add(vpin);
    this.toxic = toxic && this.cdf.count >= this.options.minHistoryReadings;
  }

  read(vpin: number): ToxicityReading {
    const cdf = this.cdf.add(vpin);
    if (this.cdf.count < this.options.minHistoryReadings) return { cdf: null, toxic: false, alert: false };
    const wasToxic = this.toxic;
    this.toxic = wasToxic ? cdf >= this.options.exitLevel : cdf >= this.options.alertLevel;
    const alert = this.toxic && !wasToxic;
    if (alert) this.episodes++;
    return { cdf, toxic: this.toxic, alert };
  }
}

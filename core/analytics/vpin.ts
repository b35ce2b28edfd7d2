import type { VpinReading } from '../market/vpinReading';
import { BulkVolumeClassifier } from './bulkVolumeClassifier';
import { TradeClassifier, type Nbbo } from './tradeClassifier';
import { VolumeBuckets, type BucketState } from './vpinBuckets';
import { ToxicityMonitor } from './vpinToxicity';

export type { BucketState, Nbbo, VpinReading };

/**
 * VPIN, the volume-synchronized probability of informed trading (Easley, López de Prado and O'Hara, "Flow Toxicity
 * and Liquidity in a High-Frequency World", 2012), per symbol: volume is classified as bought or sold, poured into
 * equal-volume buckets of V shares, and VPIN = Σ|V_sell − V_buy| / (n·V) over the last n full buckets. Each
 * bucket that fills once n exist gives a reading, read against VPIN's own history for toxicity.
 */
export interface VpinOptions {
  /** V, shares per bucket (by default a day's average volume / 50: see bucketVolumeFromDailyVolume). */
  bucketVolume: number;
  /** n, buckets VPIN is taken over. */
  buckets: number;
  /** 'bulk': bulk volume classification of time bars; 'trade': each print by the quote rule, tick rule at the mid. */
  classification: 'bulk' | 'trade';
  /** Bulk: bar length, seconds. */
  barSeconds: number;
  /** Bulk: σ_ΔP is the sample standard deviation of the last this many bar changes, the bar's own excluded … */
  sigmaBars: number;
  /** … and bars are classified only once this many exist (earlier bars are warm-up). */
  minSigmaBars: number;
  /** Toxicity: VPIN's CDF is taken over its last this many readings … */
  historyReadings: number;
  /** … once at least this many exist. */
  minHistoryReadings: number;
  /** An alert when the CDF reaches this level; the episode ends when it falls below exitLevel. */
  alertLevel: number;
  exitLevel: number;
}

export const DEFAULT_VPIN_OPTIONS: Omit<VpinOptions, 'bucketVolume'> = {
  buckets: 50,
  classification: 'bulk',
  barSeconds: 60,
  sigmaBars: 120,
  minSigmaBars: 30,
  historyReadings: 1000,
  minHistoryReadings: 50,
  alertLevel: 0.9,
  exitLevel: 0.8,
};

/** A print as VPIN needs it: price, shares and exchange time (epoch ms). A market/Trade fits. */
export interface VpinPrint {
  price: number;
  size: number;
  ts: number;
}

/** The paper's bucket size: a day's average volume split into `bucketsPerDay` buckets (50). */
export function bucketVolumeFromDailyVolume(averageDailyVolume: number, bucketsPerDay = 50): number {
  if (!(averageDailyVolume > 0) || !Number.isFinite(averageDailyVolume)) {
    throw new RangeError(`VPIN needs a positive average daily volume to size its buckets (got ${averageDailyVolume})`);
  }
  return averageDailyVolume / bucketsPerDay;
}

const NO_READINGS: readonly VpinReading[] = Object.freeze([]);

/** One symbol's VPIN. O(1) work per print (a print or bar larger than a bucket fills each bucket it spans). */
export class VpinCalculator {
  readonly options: VpinOptions;
  private readonly buckets: VolumeBuckets;
  private readonly toxicity: ToxicityMonitor;
  private readonly tradeClassifier = new TradeClassifier();
  private readonly bulkClassifier: BulkVolumeClassifier;
  private pending: VpinReading[] | null = null;
  /** Prints ignored for a size or price that is not a positive finite number. */
  ignoredPrints = 0;

  constructor(
    readonly symbol: string,
    options: Partial<VpinOptions> & Pick<VpinOptions, 'bucketVolume'>,
  ) {
    this.options = checkedOptions({ ...DEFAULT_VPIN_OPTIONS, ...options });
    const pour = (volume: number, buyFraction: number, time: number): void => this.buckets.pour(volume, buyFraction, time);
    this.buckets = new VolumeBuckets(this.options.bucketVolume, this.options.buckets, (vpin, bucket, time) => this.onBucket(vpin, bucket, time));
    this.toxicity = new ToxicityMonitor(this.options);
    this.bulkClassifier = new BulkVolumeClassifier(this.options, pour);
  }

  /** V now (options.bucketVolume is the size it started with; resize changes it). */
  get bucketVolume(): number {
    return this.buckets.bucketVolume;
  }

  /**
   * A new bucket size V from the next bucket on (at once when no bucket is being filled, else when the open one
   * closes): no bucket mixes two sizes. Answers whether it applied at once.
   */
  resize(bucketVolume: number): boolean {
    return this.buckets.resize(bucketVolume);
  }

  /** Buckets filled so far. */
  get bucketsFilled(): number {
    return this.buckets.completed;
  }

  /** Bulk classification's warm-up bars so far (their volume went into no bucket). */
  get warmUpBars(): number {
    return this.bulkClassifier.warmUpBars;
  }

  /** Toxicity episodes begun so far. */
  get episodes(): number {
    return this.toxicity.episodes;
  }

  /**
   * Adds a print (with the NBBO at the print, used by trade classification) and returns the readings of the buckets
   * it filled, oldest first: usually none (a shared empty array, nothing allocated).
   */
  onTrade(print: VpinPrint, nbbo: Nbbo | null = null): readonly VpinReading[] {
    const { price, size, ts } = print;
    if (!(size > 0 && price > 0 && Number.isFinite(size) && Number.isFinite(price))) {
      this.ignoredPrints++;
      return NO_READINGS;
    }
    if (this.options.classification === 'trade') this.buckets.pour(size, this.tradeClassifier.classify(price, nbbo), ts);
    else this.bulkClassifier.onPrint(price, size, ts);
    return this.takeReadings();
  }

  /** Bulk: closes the open bar once the clock (epoch ms) has passed its end, so its volume is not held back. */
  onClock(now: number): readonly VpinReading[] {
    if (this.options.classification === 'bulk') this.bulkClassifier.closeBarsBefore(now);
    return this.takeReadings();
  }

  /**
   * Bulk: a new trading session begins (the caller knows the calendar): the gap since the last session's close is not
   * a bar change. Returns the readings of buckets the closing bar filled.
   */
  startSession(): readonly VpinReading[] {
    if (this.options.classification === 'bulk') this.bulkClassifier.startSession();
    return this.takeReadings();
  }

  /**
   * Feeds back readings stored before a restart, oldest first, so VPIN's CDF (and an episode in progress) survive it.
   * Call before the first print; the buckets themselves start empty.
   */
  restoreHistory(readings: ReadonlyArray<Pick<VpinReading, 'vpin' | 'toxic'>>): void {
    const kept = readings.slice(-this.options.historyReadings).filter((r) => Number.isFinite(r.vpin) && r.vpin >= 0 && r.vpin <= 1);
    this.toxicity.restore(kept.map((r) => r.vpin), kept.at(-1)?.toxic === true);
  }

  /** The buckets to save for a restart (the last n full ones and the one being filled). */
  bucketState(): BucketState {
    return this.buckets.state();
  }

  /**
   * Takes back buckets saved before a restart, so readings resume with the next full bucket instead of after n new
   * ones. Refused (false) if saved with another bucket size or not a bucket state. Call before the first print.
   */
  restoreBuckets(state: BucketState): boolean {
    return this.buckets.restore(state);
  }

  private onBucket(vpin: number | null, bucket: number, time: number): void {
    if (vpin === null) return;
    const reading: VpinReading = { symbol: this.symbol, vpin, bucket, time, ...this.toxicity.read(vpin) };
    (this.pending ??= []).push(reading);
  }

  private takeReadings(): readonly VpinReading[] {
    const readings = this.pending;
    if (readings === null) return NO_READINGS;
    this.pending = null;
    return readings;
  }
}

function checkedOptions(o: VpinOptions): VpinOptions {
  const problem = optionsProblem(o);
  if (problem) throw new RangeError(`VPIN options: ${problem}`);
  return o;
}

const isCount = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
const isShare = (x: number): boolean => x > 0 && x <= 1;

function optionsProblem(o: VpinOptions): string | null {
  if (!(o.bucketVolume > 0) || !Number.isFinite(o.bucketVolume)) return `bucketVolume must be a positive number of shares (got ${o.bucketVolume})`;
  if (!isCount(o.buckets, 1)) return `buckets must be a whole number of at least 1 (got ${o.buckets})`;
  if (o.classification !== 'bulk' && o.classification !== 'trade') return `classification must be 'bulk' or 'trade' (got ${String(o.classification)})`;
  if (!(o.barSeconds > 0) || !Number.isFinite(o.barSeconds)) return `barSeconds must be a positive number (got ${o.barSeconds})`;
  if (!isCount(o.sigmaBars, 2)) return `sigmaBars must be a whole number of at least 2 (got ${o.sigmaBars})`;
  if (!isCount(o.minSigmaBars, 2) || o.minSigmaBars > o.sigmaBars) return `minSigmaBars must be a whole number from 2 to sigmaBars (got ${o.minSigmaBars})`;
  if (!isCount(o.historyReadings, 1)) return `historyReadings must be a whole number of at least 1 (got ${o.historyReadings})`;
  if (!isCount(o.minHistoryReadings, 1) || o.minHistoryReadings > o.historyReadings) return `minHistoryReadings must be a whole number from 1 to historyReadings (got ${o.minHistoryReadings})`;
  if (!isShare(o.alertLevel)) return `alertLevel must be in (0, 1] (got ${o.alertLevel})`;
  if (!isShare(o.exitLevel) || o.exitLevel > o.alertLevel) return `exitLevel must be in (0, alertLevel] (got ${o.exitLevel})`;
  return null;
}

import { normalCdf } from './blackScholes';
import { RollingDeviation } from './rollingDeviation';

/** Receives classified volume: `volume` shares of which the fraction `buyFraction` was bought, complete at `time`. */
export type VolumeSink = (volume: number, buyFraction: number, time: number) => void;

export interface BulkClassifierOptions {
  /** Bar length, seconds. Bars are aligned to the epoch (60 s bars start on the minute). */
  barSeconds: number;
  /** σ_ΔP is taken over the price changes of this many past bars … */
  sigmaBars: number;
  /** … and a bar is classified only once at least this many past changes exist (before that, warm-up). */
  minSigmaBars: number;
}

/**
 * Bulk volume classification (Easley, López de Prado and O'Hara 2012): prints are gathered into time bars; when a bar
 * closes, its volume is split with buy fraction Φ(ΔP / σ_ΔP), where ΔP is the bar's close minus the previous bar's
 * close and σ_ΔP the sample standard deviation of the last `sigmaBars` earlier bar changes: the bar's own change
 * is not among them, so no bar is classified with data from its own time or later.
 *
 * Warm-up: a bar whose change cannot be classified yet (the first bar, which has no previous close, and every bar
 * while fewer than `minSigmaBars` past changes exist) adds its change to σ's window but none of its volume to the
 * buckets. With σ_ΔP = 0 (every past change equal) the fraction is 1 for a rise, 0 for a fall, ½ for no change.
 *
 * A bar closes when a print of a later bar arrives, or when the caller's clock passes its end (closeBarsBefore);
 * bars without prints are skipped, so ΔP runs from the last bar that traded. A print stamped before the open bar
 * (late) is counted in the open bar: closed bars never change.
 */
export class BulkVolumeClassifier {
  private readonly barMs: number;
  private readonly changes: RollingDeviation;
  private barIndex = 0;
  private barOpen = false;
  private barClose = 0;
  private barVolume = 0;
  private previousClose = Number.NaN;
  /** Bars closed during warm-up, whose volume went into no bucket. */
  warmUpBars = 0;

  constructor(
    private readonly options: BulkClassifierOptions,
    private readonly sink: VolumeSink,
  ) {
    this.barMs = options.barSeconds * 1000;
    this.changes = new RollingDeviation(options.sigmaBars);
  }

  onPrint(price: number, size: number, ts: number): void {
    const index = Math.floor(ts / this.barMs);
    if (this.barOpen && index > this.barIndex) this.closeBar();
    if (!this.barOpen) {
      this.barOpen = true;
      this.barIndex = index;
      this.barVolume = 0;
    }
    this.barClose = price;
    this.barVolume += size;
  }

  /** Closes the open bar if the clock (epoch ms) has reached its end: a quiet market still gets its last bar read. */
  closeBarsBefore(now: number): void {
    if (this.barOpen && Math.floor(now / this.barMs) > this.barIndex) this.closeBar();
  }

  /**
   * A new trading session: the open bar (the last of the previous session) is closed, and the next bar has no previous
   * close, so the overnight gap is neither classified nor taken into σ_ΔP (the next bar is warm-up).
   */
  startSession(): void {
    if (this.barOpen) this.closeBar();
    this.previousClose = Number.NaN;
  }

  private closeBar(): void {
    this.barOpen = false;
    const change = this.barClose - this.previousClose;
    this.previousClose = this.barClose;
    if (Number.isNaN(change)) {
      this.warmUpBars++;
      return;
    }
    if (this.changes.count >= this.options.minSigmaBars) {
      this.sink(this.barVolume, bulkBuyFraction(change, this.changes.deviation), (this.barIndex + 1) * this.barMs);
    } else {
      this.warmUpBars++;
    }
    this.changes.push(change);
  }
}

/** Φ(ΔP / σ), with σ = 0 read as an infinitely sure sign. */
export function bulkBuyFraction(change: number, sigma: number): number {
  if (sigma > 0) return normalCdf(change / sigma);
  return change > 0 ? 1 : change < 0 ? 0 : 0.5;
}

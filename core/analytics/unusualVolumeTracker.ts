import { DEFAULT_UNUSUAL_VOLUME_OPTIONS, unusualVolume, type UnusualVolumeOptions, type UnusualVolumeReading, type VolumeBar } from './unusualVolume';
import { Ring } from '../market/ring';

/** The reading stored in market:{symbol}:unusual_volume (always written, so the baseline is visible too). */
export interface UnusualVolumeEvent extends UnusualVolumeReading {
  symbol: string;
  /** Start of the newest bar in the reading, epoch ms. */
  barTime: number;
  /** When the current unusual episode began (null while volume is usual). */
  episodeStartedAt: number | null;
}

/** Keeps a symbol's recent bars and reads them against their own baseline on every bar. */
export class UnusualVolumeTracker {
  private readonly bars: Ring<VolumeBar>;
  private episodeStartedAt: number | null = null;
  episodes = 0;

  constructor(
    private readonly symbol: string,
    private readonly options: UnusualVolumeOptions = DEFAULT_UNUSUAL_VOLUME_OPTIONS,
  ) {
    this.bars = new Ring(options.recentBars + options.baselineBars);
  }

  /** Returns the reading after this bar, or null while the baseline is still forming. */
  onBar(bar: VolumeBar, barTime: number): UnusualVolumeEvent | null {
    this.bars.push({ volume: bar.volume, count: bar.count });
    const reading = unusualVolume(this.bars.newest(), this.episodeStartedAt !== null, this.options);
    if (!reading) return null;
    if (reading.unusual && this.episodeStartedAt === null) {
      this.episodeStartedAt = barTime;
      this.episodes++;
    } else if (!reading.unusual) {
      this.episodeStartedAt = null;
    }
    return { ...reading, symbol: this.symbol, barTime, episodeStartedAt: this.episodeStartedAt };
  }
}

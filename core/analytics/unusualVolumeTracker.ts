import { Ring } from '../market/ring';
import type { UnusualVolumeEvent } from '../market/volumeReading';
import { DEFAULT_UNUSUAL_VOLUME_OPTIONS, unusualVolume, type UnusualVolumeOptions, type VolumeBar } from './unusualVolume';

export type { UnusualVolumeEvent };

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

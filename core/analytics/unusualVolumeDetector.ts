import type { EngineBus } from '../bus/catalogue';
import type { Bar } from '../market/bar';
import { UnusualVolumeTracker } from './unusualVolumeTracker';

/**
 * Unusual volume as a bus service: reads every closed bar against the symbol's own baseline, publishes the reading
 * (volumeMeasured, once the baseline exists) and, when an unusual episode begins, unusualVolumeDetected.
 */
export class UnusualVolumeDetector {
  readonly name = 'unusualVolumeDetector';
  private readonly trackers = new Map<string, UnusualVolumeTracker>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly bus: EngineBus,
    symbols: readonly string[],
  ) {
    for (const symbol of symbols) this.trackers.set(symbol, new UnusualVolumeTracker(symbol));
  }

  /** Unusual episodes begun since start, all symbols. */
  get episodes(): number {
    let n = 0;
    for (const tracker of this.trackers.values()) n += tracker.episodes;
    return n;
  }

  async start(): Promise<void> {
    this.unsubscribe ??= this.bus.subscribe('barClosed', (bar) => this.onBar(bar));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private onBar(bar: Bar): void {
    const tracker = this.trackers.get(bar.symbol);
    if (!tracker) return;
    const episodesBefore = tracker.episodes;
    const reading = tracker.onBar(bar, bar.time);
    if (!reading) return;
    this.bus.publish('volumeMeasured', reading);
    if (tracker.episodes > episodesBefore) this.bus.publish('unusualVolumeDetected', reading);
  }
}

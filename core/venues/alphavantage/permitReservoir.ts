import Bottleneck from 'bottleneck';

/** Permits taken from Bottleneck per request: one Bottleneck job serves this many launches (5 s of calls at 590/min). */
const PERMIT_BLOCK = 50;

/**
 * The budget's launch permits, held by Bottleneck's reservoir (refilled every window by the limiter, emptied by a
 * throttling answer). They are taken in blocks of up to PERMIT_BLOCK, one Bottleneck job per block, so that
 * Bottleneck's per-job cost (its locks, events, timers and their event-loop turns: ~0.5 ms of CPU here) is shared
 * by fifty calls. A block is never larger than what the reservoir has left, so Bottleneck never holds one back
 * while single permits remain.
 */
export class PermitReservoir {
  private readonly bottleneck: Bottleneck;
  private held = 0;
  private requesting = false;
  /** Bumped when permits are given up: a block requested before that is discarded when it arrives. */
  private generation = 0;

  constructor(
    private readonly calls: number,
    private readonly onPermits: () => void,
  ) {
    this.bottleneck = new Bottleneck({ reservoir: calls });
  }

  /** Takes a permit if one is held; otherwise asks Bottleneck for a block (onPermits is called when it comes). */
  take(): boolean {
    if (this.held > 0) {
      this.held--;
      return true;
    }
    this.request();
    return false;
  }

  /** A new window: the budget again, less the permits still held from the last one. */
  refill(): void {
    void this.bottleneck.updateSettings({ reservoir: Math.max(0, this.calls - this.held) });
  }

  /** The API throttled us: nothing launches until the next refill; held permits and a block on its way are given up. */
  giveUp(): void {
    this.held = 0;
    this.generation++;
    void this.bottleneck.updateSettings({ reservoir: 0 });
  }

  async stop(): Promise<void> {
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private request(): void {
    if (this.requesting) return;
    this.requesting = true;
    const generation = this.generation;
    this.bottleneck
      .currentReservoir()
      .then((left) => {
        const weight = Math.max(1, Math.min(PERMIT_BLOCK, left ?? PERMIT_BLOCK));
        return this.bottleneck.schedule({ weight }, () => Promise.resolve(weight));
      })
      .then(
        (granted) => {
          this.requesting = false;
          if (generation === this.generation) this.held += granted;
          this.onPermits();
        },
        () => void (this.requesting = false), // rejected only when stopping
      );
  }
}

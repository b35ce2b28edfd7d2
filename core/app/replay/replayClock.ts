/**
 * The one market clock of a replay: every component in the replayed decision loop (strategy windows, throttles,
 * proposal expiry, VPIN's quiet-bar clock, sweeps, risk's staleness checks, paper fills) reads `now` from here, and
 * the replay loop moves it forward event by event. Nothing in the loop reads Date.now(), so the same file with the same
 * settings gives the same proposals.
 */
export class ReplayClock {
  private at: number;

  constructor(startTs: number) {
    this.at = startTs;
  }

  /** The market time now (epoch ms); bound, so it can be handed out as `clock: replay.now`. */
  readonly now = (): number => this.at;

  /** Moves the clock to `t`; a replay's clock never goes back. */
  advanceTo(t: number): void {
    if (t > this.at) this.at = t;
  }
}

/** `--speed`: a positive multiple of real time, or `max` (as fast as the machine goes: Infinity). */
export function parseSpeed(text: string): number {
  if (text === 'max') return Number.POSITIVE_INFINITY;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`--speed must be a positive number or "max", got "${text}"`);
  return speed;
}

/**
 * How long to wait (wall ms) before playing market time `marketElapsedMs` after the start, so the replay runs at
 * `speed` × real time: ahead of the pace, wait; behind it (a slow machine), go on at once. At speed max, never wait.
 */
export function paceWaitMs(marketElapsedMs: number, wallElapsedMs: number, speed: number): number {
  if (speed === Number.POSITIVE_INFINITY) return 0;
  return Math.max(0, marketElapsedMs / speed - wallElapsedMs);
}

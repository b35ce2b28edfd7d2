/** Whether the key's plan includes REALTIME_OPTIONS, as the answers have shown it. */
export type RealtimeOptionsState = 'unknown' | 'entitled' | 'not_entitled';

/** Without realtime options: the previous session's chains (HISTORICAL_OPTIONS, which lower plans get), or nothing. */
export type OptionsFallback = 'historical' | 'none';

export type ChainFunction = 'REALTIME_OPTIONS' | 'HISTORICAL_OPTIONS';

export interface OptionsEntitlementView {
  realtimeOptions: RealtimeOptionsState;
  fallback: OptionsFallback;
  /** When the plan was last seen to lack realtime options, and the answer's message (redacted). */
  refusedAt: number | null;
  message: string | null;
  /** When REALTIME_OPTIONS is asked again to see whether the plan changed (null while entitled or unknown). */
  nextCheckAt: number | null;
}

/**
 * The entitlement answer for REALTIME_OPTIONS is permanent for the key's plan, so after it no chain asks for realtime
 * data again until a rare re-check (hourly by default): one call, for whichever symbol comes due first. Meanwhile
 * chains come from HISTORICAL_OPTIONS when that fallback is configured, or not at all.
 */
export class OptionsEntitlement {
  private state: RealtimeOptionsState = 'unknown';
  private refusedAt: number | null = null;
  private message: string | null = null;
  private nextCheckAt: number | null = null;
  private checking = false;

  constructor(
    private readonly recheckMs: number,
    readonly fallback: OptionsFallback,
    /** Realtime options are back (the plan was upgraded): chains waiting on their fallback's day should come due. */
    private readonly onRegained: () => void = () => undefined,
  ) {}

  /** The function to fetch a chain with now, or null (no realtime options and no fallback). */
  choose(now: number): ChainFunction | null {
    if (this.state !== 'not_entitled') return 'REALTIME_OPTIONS';
    if (!this.checking && now >= (this.nextCheckAt ?? 0)) {
      this.checking = true;
      return 'REALTIME_OPTIONS';
    }
    return this.fallback === 'historical' ? 'HISTORICAL_OPTIONS' : null;
  }

  /** A REALTIME_OPTIONS call was answered with the entitlement sample. */
  refused(at: number, message: string): void {
    this.state = 'not_entitled';
    this.refusedAt = at;
    this.message = message;
    this.nextCheckAt = at + this.recheckMs;
    this.checking = false;
  }

  /** A REALTIME_OPTIONS call got a chain (or an honest empty one): the plan includes realtime options. */
  confirmed(): void {
    const regained = this.state === 'not_entitled';
    this.state = 'entitled';
    this.refusedAt = null;
    this.message = null;
    this.nextCheckAt = null;
    this.checking = false;
    if (regained) this.onRegained();
  }

  /** A re-check that ended without an answer either way (HTTP error, throttled...): the next chain due re-checks. */
  undecided(): void {
    this.checking = false;
  }

  /** When the next re-check may go (null while realtime options are not known to be missing). */
  get recheckAt(): number | null {
    return this.state === 'not_entitled' ? this.nextCheckAt : null;
  }

  /** A state remembered from before a restart, so a restarted engine does not ask again at once. */
  restore(view: Pick<OptionsEntitlementView, 'realtimeOptions' | 'refusedAt' | 'message' | 'nextCheckAt'>): void {
    if (view.realtimeOptions !== 'not_entitled' || view.refusedAt === null) return;
    this.state = 'not_entitled';
    this.refusedAt = view.refusedAt;
    this.message = view.message;
    this.nextCheckAt = view.nextCheckAt ?? view.refusedAt + this.recheckMs;
  }

  view(): OptionsEntitlementView {
    return { realtimeOptions: this.state, fallback: this.fallback, refusedAt: this.refusedAt, message: this.message, nextCheckAt: this.recheckAt };
  }
}

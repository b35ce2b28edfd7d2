/**
 * TWS's historical-data pacing rules (error 162; 420 for real-time bars):
 * an identical request within 15 s, six or more requests for the same contract within 2 s,
 * or more than 60 requests in any 10-minute window.
 */
export interface PacingRules {
  identicalWithinMs: number;
  sameContractWithinMs: number;
  sameContractMax: number;
  windowMs: number;
  windowMax: number;
}

export const TWS_PACING: PacingRules = {
  identicalWithinMs: 15_000,
  sameContractWithinMs: 2_000,
  sameContractMax: 5,
  windowMs: 600_000,
  windowMax: 60,
};

interface Entry {
  at: number;
  key: string;
  contractKey: string;
}

export class HistoricalPacing {
  private entries: Entry[] = [];

  constructor(
    private readonly rules: PacingRules = TWS_PACING,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Returns the violated rule's description, or undefined when the request may go ahead (and is recorded). */
  check(key: string, contractKey: string): string | undefined {
    const now = this.clock();
    this.entries = this.entries.filter((e) => now - e.at < this.rules.windowMs);
    const r = this.rules;
    if (this.entries.some((e) => e.key === key && now - e.at < r.identicalWithinMs)) {
      return 'Historical data request pacing violation: identical request within 15 seconds';
    }
    const recentSame = this.entries.filter((e) => e.contractKey === contractKey && now - e.at < r.sameContractWithinMs).length;
    if (recentSame >= r.sameContractMax) return 'Historical data request pacing violation: 6 or more requests for the same contract within 2 seconds';
    if (this.entries.length >= r.windowMax) return 'Historical data request pacing violation: more than 60 requests within 10 minutes';
    this.entries.push({ at: now, key, contractKey });
    return undefined;
  }
}

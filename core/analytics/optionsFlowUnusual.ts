/**
 * Unusual options activity per contract: a contract trades far beyond its open interest AND far beyond its own usual
 * pace. Pure functions; the caller keeps the per-contract history between refreshes.
 *
 * The history kept per contract (VolumePace): the session volume seen at the last refresh, and the mean of the volume
 * traded between refreshes over its last `window` refreshes (a running mean that turns exponential, weight 1/window,
 * once it has `window` samples: bounded, one small record per contract). A refresh whose volume is below the last one
 * is a new session: its whole volume is that refresh's increment.
 */
import type { OptionContractQuote } from '../market/optionChain';
import type { UnusualContract } from '../market/optionsFlow';
import { contractPremium } from './optionsFlowRatios';

export type { UnusualContract };

export interface VolumePace {
  /** Session volume at the last refresh. */
  volume: number;
  /** Mean contracts traded between two refreshes. */
  mean: number;
  /** Refresh intervals behind the mean (at most the window). */
  samples: number;
}

export interface UnusualRule {
  /** Session volume / open interest at least this (open interest 0 counts as any multiple). */
  volumeOverOpenInterest: number;
  /** Contracts traded since the last refresh at least this many times the contract's own mean. */
  timesAverage: number;
  /** Session volume at least this many contracts (ignores one-lot noise in illiquid strikes). */
  minVolume: number;
  /** Refresh intervals of history a contract needs before it can be judged against its own mean. */
  minSamples: number;
}

type PaceContract = Pick<OptionContractQuote, 'contractId' | 'expiry' | 'strike' | 'type' | 'volume' | 'openInterest' | 'mark' | 'last'>;

/** Contracts traded since the last refresh (the whole volume when there is no last refresh or a new session began). */
export function volumeIncrement(pace: VolumePace | undefined, volume: number): number {
  if (!pace || volume < pace.volume) return volume;
  return volume - pace.volume;
}

/** The contract's history after a refresh that saw `volume`. */
export function nextPace(pace: VolumePace | undefined, volume: number, window: number): VolumePace {
  const increment = volumeIncrement(pace, volume);
  if (!pace) return { volume, mean: 0, samples: 0 };
  const samples = Math.min(pace.samples + 1, Math.max(1, window));
  return { volume, mean: pace.mean + (increment - pace.mean) / samples, samples };
}

/** The rule applied to one contract against its history before this refresh; null when it is not unusual. */
export function judgeContract(c: PaceContract, pace: VolumePace | undefined, rule: UnusualRule): UnusualContract | null {
  if (!(c.volume >= rule.minVolume) || c.volume <= 0) return null;
  const overOi = c.openInterest > 0 ? c.volume / c.openInterest : null;
  if (overOi !== null && overOi < rule.volumeOverOpenInterest) return null;
  if (!pace || pace.samples < rule.minSamples) return null;
  const increment = volumeIncrement(pace, c.volume);
  if (increment < rule.timesAverage * Math.max(pace.mean, 1)) return null;
  return {
    contractId: c.contractId, expiry: c.expiry, strike: c.strike, type: c.type, volume: c.volume, openInterest: c.openInterest,
    volumeOverOpenInterest: overOi, increment, timesAverage: pace.mean > 0 ? increment / pace.mean : null, premium: contractPremium(c),
  };
}

export interface UnusualScan {
  /** Unusual now, largest premium first. */
  unusual: UnusualContract[];
  /** Each contract's history after this refresh (contracts gone from the chain are dropped: the map stays bounded). */
  paces: Map<string, VolumePace>;
  /** Contracts that could not be judged against their own mean yet (too little history). */
  awaitingHistory: number;
}

/**
 * Judges `contracts` (or the slice from..to of them) against their histories, adding to `into` when given: a caller
 * can scan a large chain in slices and sort once at the end (sortUnusual).
 */
export function scanUnusual(
  contracts: readonly PaceContract[], paces: ReadonlyMap<string, VolumePace>, rule: UnusualRule, window: number,
  into: UnusualScan = { unusual: [], paces: new Map(), awaitingHistory: 0 }, from = 0, to = contracts.length,
): UnusualScan {
  for (let i = from; i < Math.min(to, contracts.length); i++) {
    const c = contracts[i]!;
    const pace = paces.get(c.contractId);
    if (!pace || pace.samples < rule.minSamples) into.awaitingHistory++;
    const found = judgeContract(c, pace, rule);
    if (found) into.unusual.push(found);
    into.paces.set(c.contractId, nextPace(pace, c.volume, window));
  }
  return sortUnusual(into);
}

/** Largest premium first. */
export function sortUnusual(scan: UnusualScan): UnusualScan {
  scan.unusual.sort((a, b) => b.premium - a.premium || a.contractId.localeCompare(b.contractId));
  return scan;
}

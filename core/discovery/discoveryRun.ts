import type { DiscoveredValue, DiscoveryRun, DiscoveryRunSummary, SymbolDiscovery } from '../market/discoveryReading';
import { isNotApplicable, type DiscoveryFindings, type SymbolFindings } from './discoveryFindings';
import { keptCorrelations, keptValue } from './keptValues';
import { runChanges } from './runChanges';

/** A run's own facts, besides what it found. */
export type RunStamp = Pick<DiscoveryRun, 'id' | 'trigger' | 'requestedBy' | 'reason' | 'startedAt' | 'finishedAt' | 'windowMinutes'>;

/**
 * A run from what its methods found: every value through the guard (a refusal or a non-finite number keeps the
 * previous run's value and says why), and the changes from the previous run.
 */
export function assembleRun(stamp: RunStamp, findings: DiscoveryFindings, previous: DiscoveryRun | null): DiscoveryRun {
  const symbols = findings.symbols.map((found) => symbolDiscovery(found, previous?.symbols.find((s) => s.symbol === found.symbol)));
  const run: DiscoveryRun = { ...stamp, symbols, correlations: keptCorrelations(findings.correlations, previous?.correlations), changes: [] };
  run.changes = runChanges(previous, run);
  return run;
}

function symbolDiscovery(found: SymbolFindings, previous: SymbolDiscovery | undefined): SymbolDiscovery {
  return {
    symbol: found.symbol,
    tradeSizes: keptValue(found.tradeSizes, previous?.tradeSizes),
    returnStructure: keptValue(found.returnStructure, previous?.returnStructure),
    signedVolumeStructure: keptValue(found.signedVolumeStructure, previous?.signedVolumeStructure),
    volatility: keptValue(found.volatility, previous?.volatility),
    marketMakers: keptValue(found.marketMakers, previous?.marketMakers),
  };
}

/** Every value of a run: each symbol's five, then the correlations. */
export function runValues(run: DiscoveryRun): Array<DiscoveredValue<unknown>> {
  return [...run.symbols.flatMap((s) => [s.tradeSizes, s.returnStructure, s.signedVolumeStructure, s.volatility, s.marketMakers]), run.correlations];
}

/** A finished run as the run list shows it. */
export function runSummary(run: DiscoveryRun): DiscoveryRunSummary {
  return {
    id: run.id,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    reason: run.reason,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    changes: run.changes.length,
    refusals: runRefusals(run),
    error: null,
  };
}

/** Methods that refused in a run (a method that does not apply to a symbol, e.g. market makers without Level 2, is not one). */
export function runRefusals(run: DiscoveryRun): number {
  return runValues(run).filter((v) => v.refusal !== null && !isNotApplicable(v.refusal)).length;
}

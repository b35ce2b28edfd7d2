/**
 * 0DTE: same-day options in the direction of a confirmed intraday move while dealers are short gamma.
 *
 * Rule: momentum over the lookback (the discovered one when there is one) must reach `momentumZ` standard moves;
 * then each of three confirmations counts — dealers short gamma at spot (total GEX < 0: their hedging amplifies
 * moves), VPIN's CDF at least `vpinCdf` (informed flow), a sweep in the move's direction within `sweepWithinMs`.
 * With momentum and at least `minConfirmations` of them, it proposes buying today's call (up) or put (down) nearest
 * `targetDelta`, at the option's mid, with a stop at `stopFraction` of the premium lost and a target at
 * `targetMultiple` × the premium, sized so the stop loses at most `maxLossPerTrade`.
 * Why: a move the dealers must chase, carried by informed, aggressive flow, tends to extend within the day.
 */
import type { ProposalReason } from '../market/proposal';
import { momentum } from './momentum';
import { isFresh, proposeOption, round, type OptionTrade } from './optionProposal';
import { alreadyInvolved, quiet, type Strategy, type StrategyVerdict } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

export interface ZeroDteSettings extends Omit<OptionTrade, 'minDays' | 'maxDays'> {
  /** New York minutes since midnight the strategy may propose in (from inclusive, to exclusive). */
  fromMinute: number;
  toMinute: number;
  /** Lookback in five-second bars when discovery has none. */
  lookbackBars: number;
  momentumZ: number;
  vpinCdf: number;
  sweepWithinMs: number;
  minConfirmations: number;
  /** Inputs older than this are not used (a stale GEX or VPIN confirms nothing). */
  maxInputAgeMs: number;
}

export const zeroDte: Strategy<ZeroDteSettings> = {
  name: 'zeroDte',
  evaluate(snapshot, settings): StrategyVerdict {
    if (snapshot.marketMinute < settings.fromMinute || snapshot.marketMinute >= settings.toMinute) return quiet('outside the time window');
    const involved = alreadyInvolved(snapshot);
    if (involved) return involved;
    const discovered = snapshot.discovered?.returnStructure.value;
    const lookback = discovered?.lookbackBars ?? settings.lookbackBars;
    const move = momentum(snapshot.bars, lookback);
    if (!move) return quiet(`momentum needs ${2 * lookback + 1} five-second bars (have ${snapshot.bars.length})`);
    if (Math.abs(move.z) < settings.momentumZ) return quiet(`momentum ${move.z.toFixed(2)}σ is below ${settings.momentumZ}σ`);
    const up = move.z > 0;
    const reasons: ProposalReason[] = [
      { fact: 'momentum', value: round(move.z, 2), asOf: move.asOf, detail: `${up ? 'up' : 'down'} ${(move.move * 100).toFixed(2)}% over ${lookback} bars${discovered ? ' (discovered lookback)' : ''}; needs ≥ ${settings.momentumZ}σ` },
      ...confirmations(snapshot, settings, up),
    ];
    const confirmed = reasons.length - 1;
    if (confirmed < settings.minConfirmations) return quiet(`${confirmed} of 3 confirmations (needs ${settings.minConfirmations})`);
    return proposeOption(snapshot, { ...settings, minDays: 0, maxDays: 0 }, up, reasons, (1 + confirmed) / 4);
  },
};

function confirmations(snapshot: StrategySnapshot, settings: ZeroDteSettings, up: boolean): ProposalReason[] {
  const fresh = (asOf: number) => isFresh(snapshot, asOf, settings.maxInputAgeMs);
  const reasons: ProposalReason[] = [];
  const { gex, vpin } = snapshot;
  if (gex && fresh(gex.computedAt) && gex.totals.gex < 0) {
    const flip = gex.flip.level === null ? 'no flip in range' : `flip ${gex.flip.level.toFixed(2)}`;
    reasons.push({ fact: 'dealers short gamma', value: Math.round(gex.totals.gex), asOf: gex.chainAsOf, detail: `total GEX < 0 at spot ${gex.spot.toFixed(2)} (${flip})` });
  }
  if (vpin && vpin.cdf !== null && fresh(vpin.time) && vpin.cdf >= settings.vpinCdf) {
    reasons.push({ fact: 'VPIN CDF', value: round(vpin.cdf, 3), asOf: vpin.time, detail: `≥ ${settings.vpinCdf} (VPIN ${vpin.vpin.toFixed(3)})` });
  }
  const sweep = snapshot.sweeps.find((s) => s.direction === (up ? 'buy' : 'sell') && snapshot.now - s.detectedAt <= settings.sweepWithinMs);
  if (sweep) {
    reasons.push({ fact: `${sweep.direction} sweep`, value: sweep.shares, asOf: sweep.detectedAt, detail: `${sweep.levels} levels over ${sweep.exchanges.join(', ')}, ${sweep.fromPrice} → ${sweep.toPrice}` });
  }
  return reasons;
}

/**
 * 1DTE: late in the day, position for the next session in the direction the day closed into.
 *
 * Rule: inside its window (default 15:00–15:50 New York), the day's move (last against the previous close) must be
 * at least `dayMovePercent`; then each of three confirmations counts — the options flow's premium put/call ratio
 * leaning the same way (≤ `callLeanRatio` for up, ≥ 1 / `callLeanRatio` for down), the book imbalance leaning the
 * same way by at least `imbalance`, and the GEX wall in the move's direction still beyond spot (room to run: the call
 * wall above for up, the put wall below for down). With at least `minConfirmations`, buy the next session's option
 * (1–`maxDays` calendar days out, to cross a weekend) nearest `targetDelta`.
 * Why: late-day flow that leans one way with the book behind it tends to carry into the next open.
 */
import type { ProposalReason } from '../market/proposal';
import { isFresh, proposeOption, round, type OptionTrade } from './optionProposal';
import { alreadyInvolved, quiet, type Strategy, type StrategyVerdict } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

export interface OneDteSettings extends Omit<OptionTrade, 'minDays'> {
  fromMinute: number;
  toMinute: number;
  dayMovePercent: number;
  callLeanRatio: number;
  imbalance: number;
  minConfirmations: number;
  maxInputAgeMs: number;
}

export const oneDte: Strategy<OneDteSettings> = {
  name: 'oneDte',
  evaluate(snapshot, settings): StrategyVerdict {
    if (snapshot.marketMinute < settings.fromMinute || snapshot.marketMinute >= settings.toMinute) return quiet('outside the time window');
    const involved = alreadyInvolved(snapshot);
    if (involved) return involved;
    const { quote } = snapshot;
    if (!quote || quote.last === null || quote.close === null || !(quote.close > 0)) return quiet('no last price and previous close yet');
    const dayMove = (quote.last / quote.close - 1) * 100;
    if (Math.abs(dayMove) < settings.dayMovePercent) return quiet(`day move ${dayMove.toFixed(2)}% is under ${settings.dayMovePercent}%`);
    const up = dayMove > 0;
    const reasons: ProposalReason[] = [
      { fact: 'day move', value: round(dayMove, 2), asOf: quote.ts, detail: `${quote.last} against the previous close ${quote.close}; needs ±${settings.dayMovePercent}%` },
      ...confirmations(snapshot, settings, up),
    ];
    const confirmed = reasons.length - 1;
    if (confirmed < settings.minConfirmations) return quiet(`${confirmed} of 3 confirmations (needs ${settings.minConfirmations})`);
    return proposeOption(snapshot, { ...settings, minDays: 1 }, up, reasons, (1 + confirmed) / 4);
  },
};

function confirmations(snapshot: StrategySnapshot, settings: OneDteSettings, up: boolean): ProposalReason[] {
  const reasons: ProposalReason[] = [];
  const { flow, gex, imbalance } = snapshot;
  const ratio = flow && isFresh(snapshot, flow.asOf, settings.maxInputAgeMs) ? flow.putCall.all.premiumRatio : null;
  if (ratio !== null && (up ? ratio <= settings.callLeanRatio : ratio >= 1 / settings.callLeanRatio)) {
    reasons.push({ fact: 'premium put/call', value: round(ratio, 2), asOf: flow!.asOf, detail: up ? `≤ ${settings.callLeanRatio}: call premium dominates` : `≥ ${round(1 / settings.callLeanRatio, 2)}: put premium dominates` });
  }
  if (imbalance !== null && (up ? imbalance >= settings.imbalance : imbalance <= -settings.imbalance)) {
    reasons.push({ fact: 'book imbalance', value: round(imbalance, 2), asOf: snapshot.quote!.ts, detail: `${up ? '≥' : '≤ −'}${settings.imbalance} over the best five levels` });
  }
  if (gex && isFresh(snapshot, gex.computedAt, settings.maxInputAgeMs)) {
    const wall = up ? gex.callWall : gex.putWall;
    if (wall !== null && (up ? wall > gex.spot : wall < gex.spot)) {
      reasons.push({ fact: up ? 'call wall above' : 'put wall below', value: wall, asOf: gex.chainAsOf, detail: `spot ${gex.spot.toFixed(2)}: room to run` });
    }
  }
  return reasons;
}

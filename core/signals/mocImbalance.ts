/**
 * MOC imbalance: near the close, trade an ETF in the direction the book and the flow lean, and leave at the close.
 *
 * Rule: inside its window (default 15:40–15:50 New York, before the closing-order cut-off), the book imbalance over
 * the best five levels must be at least `imbalance` either way (required); then each of two confirmations counts —
 * the last `lookbackBars` five-second bars moving the same way by at least `momentumZ` of their noise, and a sweep the
 * same way within `sweepWithinMs`. With at least `minConfirmations`, buy (or sell short) the ETF at the touch, with a
 * protective stop `stopSigmas` × the expected move to the close (σ of five-second returns × √bars left) away, closed
 * by a market-on-close order. Size: the loss budget over that stop distance.
 * Why: a book stacked one way into the close and flow taking that side point at closing pressure the auction settles.
 */
import type { ProposalReason } from '../market/proposal';
import { etToUtc } from '../market/newYorkTime';
import { momentum } from './momentum';
import { round } from './optionProposal';
import { sizeByRisk } from './positionSizing';
import { alreadyInvolved, quiet, toCents, type Strategy, type StrategyVerdict } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

export interface MocImbalanceSettings {
  fromMinute: number;
  toMinute: number;
  imbalance: number;
  lookbackBars: number;
  momentumZ: number;
  sweepWithinMs: number;
  minConfirmations: number;
  stopSigmas: number;
  maxLossPerTrade: number;
  maxShares: number;
}

export const mocImbalance: Strategy<MocImbalanceSettings> = {
  name: 'mocImbalance',
  evaluate(snapshot, settings): StrategyVerdict {
    if (snapshot.marketMinute < settings.fromMinute || snapshot.marketMinute >= settings.toMinute) return quiet('outside the time window');
    const involved = alreadyInvolved(snapshot);
    if (involved) return involved;
    const { imbalance, quote } = snapshot;
    if (imbalance === null || !quote || quote.bid === null || quote.ask === null) return quiet('no book or touch');
    if (Math.abs(imbalance) < settings.imbalance) return quiet(`book imbalance ${imbalance.toFixed(2)} is inside ±${settings.imbalance}`);
    const up = imbalance > 0;
    const move = momentum(snapshot.bars, settings.lookbackBars);
    if (!move) return quiet(`needs ${2 * settings.lookbackBars + 1} five-second bars for the noise`);
    const reasons: ProposalReason[] = [
      { fact: 'book imbalance', value: round(imbalance, 2), asOf: quote.ts, detail: `${up ? '≥' : '≤ −'}${settings.imbalance}: ${up ? 'bids' : 'offers'} stacked` },
    ];
    if (up ? move.z >= settings.momentumZ : move.z <= -settings.momentumZ) {
      reasons.push({ fact: 'momentum', value: round(move.z, 2), asOf: move.asOf, detail: `${settings.lookbackBars} bars, needs ${up ? '≥' : '≤ −'}${settings.momentumZ}σ` });
    }
    const sweep = snapshot.sweeps.find((s) => s.direction === (up ? 'buy' : 'sell') && snapshot.now - s.detectedAt <= settings.sweepWithinMs);
    if (sweep) reasons.push({ fact: `${sweep.direction} sweep`, value: sweep.shares, asOf: sweep.detectedAt, detail: `${sweep.levels} levels` });
    const confirmed = reasons.length - 1;
    if (confirmed < settings.minConfirmations) return quiet(`${confirmed} of 2 confirmations (needs ${settings.minConfirmations})`);
    return proposeIntoClose(snapshot, settings, up, move.sigma, reasons, (1 + confirmed) / 3);
  },
};

function proposeIntoClose(snapshot: StrategySnapshot, settings: MocImbalanceSettings, up: boolean, sigma: number, reasons: ProposalReason[], confidence: number): StrategyVerdict {
  const entry = up ? snapshot.quote!.ask! : snapshot.quote!.bid!;
  const barsToClose = Math.max(1, (etToUtc(snapshot.marketDate, 16) - snapshot.now) / 5_000);
  const distance = entry * settings.stopSigmas * sigma * Math.sqrt(barsToClose);
  const stop = toCents(up ? entry - distance : entry + distance);
  const instrument = { kind: 'stock' as const, symbol: snapshot.symbol };
  const size = sizeByRisk({ instrument, entryPrice: entry, stopPrice: stop, maxLossPerTrade: settings.maxLossPerTrade, maxQuantity: settings.maxShares });
  if (!size.ok) return quiet(size.reason);
  reasons.push({ fact: 'stop distance', value: round(Math.abs(entry - stop), 2), asOf: snapshot.now, detail: `${settings.stopSigmas}σ of the move expected over ${Math.round(barsToClose)} bars to the close` });
  return {
    kind: 'propose',
    draft: {
      order: { instrument, side: up ? 'buy' : 'sell', quantity: size.quantity, limitPrice: entry, stopPrice: stop, exit: { kind: 'close', order: 'MOC' } },
      confidence,
      reasons,
      underlyingPrice: entry,
    },
  };
}

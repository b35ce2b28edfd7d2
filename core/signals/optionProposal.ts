import type { ProposalReason } from '../market/proposal';
import { pickOption, type OptionChoice } from './optionSelection';
import { sizeByRisk } from './positionSizing';
import { quiet, toCents, type StrategyVerdict } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

/** How an option strategy enters and exits: the option it wants and its bracket, as fractions of the premium. */
export interface OptionTrade extends Omit<OptionChoice, 'right'> {
  /** The stop is hit when this fraction of the premium is lost (0.5 = half). */
  stopFraction: number;
  /** The target is this multiple of the premium paid. */
  targetMultiple: number;
  maxLossPerTrade: number;
  maxContracts: number;
}

/**
 * The proposal of an option strategy that has decided its direction: buy the chosen call (up) or put (down) at its
 * mid, with the bracket from the premium, sized by the loss budget; quiet with the reason when any step fails.
 */
export function proposeOption(snapshot: StrategySnapshot, trade: OptionTrade, up: boolean, reasons: ProposalReason[], confidence: number): StrategyVerdict {
  const spot = snapshot.gex?.spot ?? snapshot.quote?.last ?? null;
  if (!snapshot.chain || spot === null) return quiet('no option chain or spot yet');
  const pick = pickOption(snapshot.chain.contracts, snapshot.marketDate, { ...trade, right: up ? 'call' : 'put' });
  if (!pick.ok) return quiet(pick.reason);
  const c = pick.contract;
  const entry = toCents((c.bid + c.ask) / 2);
  const stop = toCents(entry * (1 - trade.stopFraction));
  const instrument = { kind: 'option' as const, symbol: snapshot.symbol, expiry: c.expiry, strike: c.strike, right: c.type };
  const size = sizeByRisk({ instrument, entryPrice: entry, stopPrice: stop, maxLossPerTrade: trade.maxLossPerTrade, maxQuantity: trade.maxContracts });
  if (!size.ok) return quiet(size.reason);
  const contract: ProposalReason = { fact: 'contract', value: c.contractId, asOf: snapshot.chain.asOf, detail: `delta ${c.delta.toFixed(2)} (target ${trade.targetDelta}), ${pick.daysToExpiry}DTE, ${c.bid}/${c.ask}` };
  return {
    kind: 'propose',
    draft: {
      order: { instrument, side: 'buy', quantity: size.quantity, limitPrice: entry, stopPrice: stop, exit: { kind: 'target', targetPrice: toCents(entry * trade.targetMultiple) } },
      confidence,
      reasons: [...reasons, contract],
      underlyingPrice: spot,
    },
  };
}

export const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Whether an input is recent enough to count. */
export const isFresh = (snapshot: StrategySnapshot, asOf: number, maxAgeMs: number): boolean => snapshot.now - asOf <= maxAgeMs;

import { instrumentKey, type Position } from '../../../core/contract/contract';

/** What closing the position sends: the opposite side for the whole quantity, at market. */
export function closingDescription(position: Position): string {
  return `Close ${instrumentKey(position.instrument)}: ${position.quantity > 0 ? 'SELL' : 'BUY'} ${Math.abs(position.quantity)} at market`;
}

/** Money at stake in closing: |quantity| × market price × multiplier; null while there is no market price. */
export function closingNotional(position: Position): number | null {
  return position.marketPrice === null ? null : Math.abs(position.quantity) * position.marketPrice * position.multiplier;
}

export interface PositionTotals {
  marketValue: number;
  unrealizedPnl: number;
  realizedPnl: number;
  deltaDollars: number;
  gammaDollars: number;
  thetaDollars: number;
  vegaDollars: number;
  /** Positions whose market value (and so unrealized P&L) is not known yet: the totals leave them out. */
  unpriced: number;
}

/** Sums over the positions shown; a position without a mark is counted in `unpriced`, not guessed. */
export function positionTotals(positions: readonly Position[]): PositionTotals {
  const totals: PositionTotals = { marketValue: 0, unrealizedPnl: 0, realizedPnl: 0, deltaDollars: 0, gammaDollars: 0, thetaDollars: 0, vegaDollars: 0, unpriced: 0 };
  for (const p of positions) {
    totals.realizedPnl += p.realizedPnl;
    if (p.marketValue === null || p.unrealizedPnl === null) totals.unpriced += 1;
    else {
      totals.marketValue += p.marketValue;
      totals.unrealizedPnl += p.unrealizedPnl;
    }
    if (p.greeks) {
      totals.deltaDollars += p.greeks.deltaDollars;
      totals.gammaDollars += p.greeks.gammaDollars;
      totals.thetaDollars += p.greeks.thetaDollars;
      totals.vegaDollars += p.greeks.vegaDollars;
    }
  }
  return totals;
}

import type { MarketFeed } from '../../market/marketFeed';
import { type Instrument, wireContract } from '../contracts/catalog';
import type { PortfolioView, PositionView } from '../protocol/wireTypes';

interface Holding {
  instrument: Instrument;
  quantity: number;
  /** Average cost per contract unit, multiplier included (TWS's avgCost for options is per contract). */
  avgCost: number;
}

export const STARTING_CASH = 1_000_000;

function multiplierOf(i: Instrument): number {
  return i.kind === 'option' ? i.spec.multiplier : 1;
}

/** The single simulated account: cash, positions and realized P&L. */
export class Portfolio {
  cash = STARTING_CASH;
  realizedPnl = 0;
  commissions = 0;
  private readonly holdings = new Map<number, Holding>();

  constructor(
    readonly account: string,
    private readonly feed: MarketFeed,
  ) {}

  /** Applies a fill and returns the P&L it realized (undefined when it only opened exposure). */
  applyFill(i: Instrument, side: 'BUY' | 'SELL', qty: number, price: number, commission: number): number | undefined {
    const mult = multiplierOf(i);
    const signed = side === 'BUY' ? qty : -qty;
    const h = this.holdings.get(i.spec.conId) ?? { instrument: i, quantity: 0, avgCost: 0 };
    this.cash -= signed * price * mult + commission;
    this.commissions += commission;
    let realized: number | undefined;
    if (h.quantity !== 0 && Math.sign(h.quantity) !== Math.sign(signed)) {
      const closing = Math.min(Math.abs(signed), Math.abs(h.quantity));
      realized = closing * (price * mult - h.avgCost) * Math.sign(h.quantity) - commission;
      this.realizedPnl += realized;
    }
    const next = h.quantity + signed;
    if (next === 0) h.avgCost = 0;
    else if (Math.sign(next) !== Math.sign(h.quantity)) h.avgCost = price * mult;
    else if (Math.abs(next) > Math.abs(h.quantity)) h.avgCost = (h.avgCost * Math.abs(h.quantity) + price * mult * qty) / Math.abs(next);
    h.quantity = next;
    this.holdings.set(i.spec.conId, h);
    return realized;
  }

  positions(): PositionView[] {
    return [...this.holdings.values()].map((h) => ({
      account: this.account,
      contract: wireContract(h.instrument, ''),
      position: h.quantity,
      avgCost: round(h.avgCost),
    }));
  }

  position(conId: number): PositionView | undefined {
    return this.positions().find((p) => p.contract.conId === conId);
  }

  portfolio(): PortfolioView[] {
    return [...this.holdings.values()].map((h) => {
      const mult = multiplierOf(h.instrument);
      const marketPrice = this.markOf(h.instrument);
      const marketValue = h.quantity * marketPrice * mult;
      return {
        account: this.account,
        contract: wireContract(h.instrument, ''),
        position: h.quantity,
        avgCost: round(h.avgCost),
        marketPrice: round(marketPrice),
        marketValue: round(marketValue),
        unrealizedPnl: round(marketValue - h.quantity * h.avgCost),
        realizedPnl: 0,
      };
    });
  }

  grossPositionValue(): number {
    return this.portfolio().reduce((sum, p) => sum + Math.abs(p.marketValue), 0);
  }

  netLiquidation(): number {
    return this.cash + this.portfolio().reduce((sum, p) => sum + p.marketValue, 0);
  }

  unrealizedPnl(): number {
    return this.portfolio().reduce((sum, p) => sum + p.unrealizedPnl, 0);
  }

  private markOf(i: Instrument): number {
    if (i.kind === 'option') return this.feed.option(i.spec.conId)?.mark ?? 0;
    const q = this.feed.quote(i.spec.symbol);
    if (!q) return 0;
    return q.last > 0 ? q.last : (q.bid + q.ask) / 2;
  }
}

export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

import type { MarketFeed } from '../../market/marketFeed';
import { type Instrument, wireContract } from '../contracts/catalog';
import type { PortfolioView, PositionView } from '../protocol/wireTypes';
import { type MarginInput, type MarginRequirement, totalMargin } from './margin';

interface Holding {
  instrument: Instrument;
  quantity: number;
  /**
   * Average cost per unit with the multiplier and commissions included, as TWS reports it: an option bought at
   * $2.50 shows about 250.65 (per contract), a short position its proceeds less commission.
   */
  avgCost: number;
  /** P&L realized on this contract (net of commissions). */
  realized: number;
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
    const h = this.holdings.get(i.spec.conId) ?? { instrument: i, quantity: 0, avgCost: 0, realized: 0 };
    this.cash -= signed * price * mult + commission;
    this.commissions += commission;
    const closing = h.quantity !== 0 && Math.sign(h.quantity) !== Math.sign(signed) ? Math.min(qty, Math.abs(h.quantity)) : 0;
    const opening = qty - closing;
    const commissionPerUnit = commission / qty;
    let realized: number | undefined;
    if (closing > 0) {
      realized = closing * (price * mult - h.avgCost) * Math.sign(h.quantity) - closing * commissionPerUnit;
      h.realized += realized;
      this.realizedPnl += realized;
    }
    const next = h.quantity + signed;
    if (next === 0) h.avgCost = 0;
    else if (opening > 0) {
      const heldBefore = closing > 0 ? 0 : Math.abs(h.quantity);
      const unitCost = price * mult + Math.sign(signed) * commissionPerUnit;
      h.avgCost = (h.avgCost * heldBefore + unitCost * opening) / (heldBefore + opening);
    }
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

  quantityOf(conId: number): number {
    return this.holdings.get(conId)?.quantity ?? 0;
  }

  portfolio(): PortfolioView[] {
    return [...this.holdings.values()].map((h) => {
      const marketPrice = this.markOf(h.instrument);
      const marketValue = h.quantity * marketPrice * multiplierOf(h.instrument);
      return {
        account: this.account,
        contract: wireContract(h.instrument, ''),
        position: h.quantity,
        avgCost: round(h.avgCost),
        marketPrice: round(marketPrice),
        marketValue: round(marketValue),
        unrealizedPnl: round(marketValue - h.quantity * h.avgCost),
        realizedPnl: round(h.realized),
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

  /** The account's margin, optionally as if `change` (signed quantity of one instrument) had been added. */
  margin(change?: { instrument: Instrument; quantity: number }): MarginRequirement {
    const inputs = new Map<number, MarginInput>();
    for (const h of this.holdings.values()) inputs.set(h.instrument.spec.conId, this.marginInput(h.instrument, h.quantity));
    if (change) {
      const held = inputs.get(change.instrument.spec.conId)?.quantity ?? 0;
      inputs.set(change.instrument.spec.conId, this.marginInput(change.instrument, held + change.quantity));
    }
    return totalMargin([...inputs.values()]);
  }

  /** The mark TWS values a position at: the option's mark, the stock's last trade (or mid before any trade). */
  markOf(i: Instrument): number {
    if (i.kind === 'option') return this.feed.option(i.spec.conId)?.mark ?? 0;
    return this.stockMark(i.spec.symbol);
  }

  private marginInput(instrument: Instrument, quantity: number): MarginInput {
    const underlying = instrument.kind === 'option' ? this.stockMark(instrument.spec.underlying) : 0;
    return { instrument, quantity, price: this.markOf(instrument), underlyingPrice: underlying };
  }

  private stockMark(symbol: string): number {
    const q = this.feed.quote(symbol);
    if (!q) return 0;
    return q.last > 0 ? q.last : (q.bid + q.ask) / 2;
  }
}

export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

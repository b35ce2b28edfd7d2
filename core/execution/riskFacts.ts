import type { EngineBus } from '../bus/catalogue';
import { instrumentKey, type AccountSnapshot } from '../market/order';
import type { Quote } from '../market/quote';
import { DayHighWater } from '../risk/dayHighWater';
import type { GateFacts, GateOrder, RecentOrder } from '../risk/orderGate';
import { ZERO_GREEKS, type OptionMarks } from './positionValuation';

/** How far back placements are kept: the longest look-back of the rate and duplicate checks (a minute). */
const RECENT_MS = 60_000;

export type MarketAndAccountFacts = Pick<GateFacts, 'market' | 'recentOrders' | 'dayPnl' | 'dayPnlHigh' | 'netLiquidation' | 'greeks'>;

/**
 * The facts the risk checks need beyond the order book, kept up to date cheaply from the bus: the venue's live
 * quotes by symbol, the account's day P&L (and its high today), net liquidation and greeks, and this engine's
 * placements of the last minute.
 */
export class RiskFacts {
  private readonly quotes = new Map<string, Quote>();
  private readonly recent: RecentOrder[] = [];
  private account: AccountSnapshot | null = null;
  private readonly offs: Array<() => void> = [];

  constructor(
    private readonly bus: EngineBus,
    private readonly optionMarks: OptionMarks,
    private readonly clock: () => number,
    /** Shared with the circuit breakers: one drawdown reference. */
    private readonly high: DayHighWater = new DayHighWater(),
  ) {}

  start(): void {
    this.offs.push(
      this.bus.subscribe('quoteChanged', (quote) => this.quotes.set(quote.symbol, quote)),
      this.bus.subscribe('accountChanged', (account) => this.onAccount(account)),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** Remembers a placement for the rate and duplicate checks. */
  placed(orders: readonly GateOrder[]): void {
    const at = this.clock();
    for (const order of orders) this.recent.push({ instrumentKey: instrumentKey(order.instrument), side: order.side, limitPrice: order.limitPrice, at });
    while (this.recent.length > 0 && at - this.recent[0]!.at >= RECENT_MS) this.recent.shift();
  }

  /** The venue's live quote of a symbol, as the checks see it. */
  quote(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  facts(): MarketAndAccountFacts {
    const dayPnl = this.account?.dayPnl ?? 0;
    return {
      market: { quote: (symbol) => this.quote(symbol), option: (instrument) => this.optionMarks(instrument) },
      recentOrders: this.recent,
      dayPnl,
      dayPnlHigh: this.high.see(dayPnl, this.clock()),
      netLiquidation: this.account?.netLiquidation ?? null,
      greeks: this.account?.greeks ?? ZERO_GREEKS,
    };
  }

  private onAccount(account: AccountSnapshot): void {
    this.account = account;
    this.high.see(account.dayPnl, this.clock());
  }
}

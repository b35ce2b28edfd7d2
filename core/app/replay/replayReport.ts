/**
 * What a replay found, per strategy and per proposal: follows proposalCreated, proposalDecided and fillRecorded on the
 * replay's bus (the signal history keeps the strategy's report card as it does live), and at the end marks what is
 * still open at the touch's mid.
 */
import type { EngineBus } from '../../bus/catalogue';
import { multiplierOf, type Fill, type Instrument } from '../../market/order';
import type { Proposal, ProposalDecision, StrategyName, StrategyReportCard } from '../../market/proposal';
import type { SignalHistory } from '../../signals/signalHistory';
import type { ReplayMarket } from './replayMarket';

export interface ProposalLine {
  id: string;
  strategy: StrategyName;
  symbol: string;
  createdAt: number;
  side: 'buy' | 'sell';
  quantity: number;
  instrument: string;
  limitPrice: number | null;
  /** The risk pre-check at proposal time: "passed", or its code. */
  preCheck: string;
  /** approved, refused (with the risk gate's code), expired… or pending at the end. */
  fate: string;
  reasons: string[];
  /** Entry filled, and what the trade made: realised when the bracket closed it, else marked at the end. */
  filled: boolean;
  pnl: number | null;
}

export interface StrategyResult {
  strategy: StrategyName;
  proposals: number;
  approved: number;
  /** Refused by risk: at the pre-check, or at approval. */
  refusedByRisk: number;
  /** Not approved within automation's limits (size, orders per hour) before it expired. */
  expired: number;
  fills: number;
  closed: number;
  hitRate: number | null;
  realisedPnl: number;
  /** Realised plus what is still open, marked at the touch's mid at the end. */
  markedPnl: number;
  card: StrategyReportCard;
}

interface Trade {
  cash: number;
  open: number;
  instrument: Instrument;
  filled: boolean;
  closed: boolean;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

export class ReplayReport {
  private readonly proposals: Proposal[] = [];
  private readonly decisions = new Map<string, ProposalDecision>();
  private readonly trades = new Map<string, Trade>();
  private readonly byOrder = new Map<number, string>();
  private readonly offs: Array<() => void>;

  constructor(bus: EngineBus, private readonly market: Pick<ReplayMarket, 'touch'>, private readonly history: SignalHistory) {
    this.offs = [
      bus.subscribe('proposalCreated', (p) => this.proposals.push(p)),
      bus.subscribe('proposalDecided', ({ proposal, decision }) => {
        this.decisions.set(proposal.id, decision);
        for (const orderId of decision.orderIds) this.byOrder.set(orderId, proposal.id);
        if (decision.orderIds.length > 0) this.trades.set(proposal.id, { cash: 0, open: 0, instrument: proposal.order.instrument, filled: false, closed: false });
      }),
      bus.subscribe('fillRecorded', (fill) => this.fill(fill)),
    ];
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  lines(): ProposalLine[] {
    return this.proposals.map((p) => {
      const decision = this.decisions.get(p.id);
      const trade = this.trades.get(p.id);
      return {
        id: p.id, strategy: p.strategy, symbol: p.symbol, createdAt: p.createdAt, side: p.order.side, quantity: p.order.quantity, instrument: describe(p.order.instrument),
        limitPrice: p.order.limitPrice, preCheck: p.preCheck.passed ? 'passed' : p.preCheck.code, fate: fateOf(decision),
        reasons: p.reasons.map((r) => `${r.fact} ${r.value}`), filled: trade?.filled ?? false, pnl: trade?.filled ? this.pnl(trade) : null,
      };
    });
  }

  strategies(names: readonly StrategyName[]): StrategyResult[] {
    return names.map((strategy) => {
      const card = this.history.card(strategy);
      const mine = this.proposals.filter((p) => p.strategy === strategy);
      const refusedByRisk = mine.filter((p) => !p.preCheck.passed || this.decisions.get(p.id)?.status === 'refused').length;
      const trades = mine.map((p) => this.trades.get(p.id)).filter((t): t is Trade => t !== undefined && t.filled);
      return {
        strategy, proposals: card.proposed, approved: card.approved + card.modified, refusedByRisk, expired: card.expired, fills: card.filled, closed: card.closed,
        hitRate: card.hitRate, realisedPnl: card.totalPnl, markedPnl: cents(trades.reduce((sum, t) => sum + this.pnl(t), 0)), card,
      };
    });
  }

  private fill(fill: Fill): void {
    const id = this.byOrder.get(fill.orderId);
    const trade = id === undefined ? undefined : this.trades.get(id);
    if (!trade) return;
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    trade.cash -= signed * fill.price * multiplierOf(fill.instrument) + (fill.commission ?? 0);
    trade.open += signed;
    if (!trade.filled) trade.filled = true;
    else if (trade.open === 0) trade.closed = true;
  }

  /** Cash so far plus what is held, at the touch's mid (or nothing when the market has no two-sided price). */
  private pnl(trade: Trade): number {
    if (trade.open === 0) return cents(trade.cash);
    const touch = this.market.touch(trade.instrument);
    const mid = touch && touch.bid !== null && touch.ask !== null ? (touch.bid + touch.ask) / 2 : 0;
    return cents(trade.cash + trade.open * mid * multiplierOf(trade.instrument));
  }
}

function fateOf(decision: ProposalDecision | undefined): string {
  if (!decision) return 'pending';
  if (decision.status === 'refused') return `refused ${decision.refusal?.code ?? ''}`.trim();
  return decision.status;
}

export function describe(i: Instrument): string {
  return i.kind === 'stock' ? i.symbol : `${i.symbol} ${i.expiry} ${i.strike} ${i.right}`;
}

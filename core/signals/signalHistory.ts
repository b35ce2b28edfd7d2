/**
 * The signal history: every proposal and its fate (approved, modified, rejected, expired, refused), the order it
 * placed, the entry's fill and the outcome P&L once the position the proposal opened is closed again (its bracket's
 * target or stop filled), appended to a durable store; and each strategy's report card from it (counts, hit rate,
 * average P&L). Fills are matched to proposals by order id from the execution's fillRecorded events.
 */
import type { EngineBus } from '../bus/catalogue';
import { multiplierOf, type Fill } from '../market/order';
import { strategyNames, type Proposal, type ProposalDecision, type StrategyName, type StrategyReportCard } from '../market/proposal';

export type HistoryEntry =
  | { kind: 'proposed'; at: number; proposal: Proposal }
  | { kind: 'decided'; at: number; id: string; strategy: StrategyName; decision: ProposalDecision }
  | { kind: 'filled'; at: number; id: string; strategy: StrategyName; quantity: number; price: number }
  | { kind: 'outcome'; at: number; id: string; strategy: StrategyName; pnl: number };

export interface HistoryStore {
  append(entry: HistoryEntry): Promise<void>;
  /** Every entry, oldest first. */
  load(): Promise<HistoryEntry[]>;
}


interface Trade {
  id: string;
  strategy: StrategyName;
  entryOrderId: number;
  /** Net cash of the fills (sells +, buys −), commissions off; open quantity from the entry's side. */
  cash: number;
  open: number;
  entered: boolean;
  done: boolean;
}

const emptyCard = (): StrategyReportCard => ({ proposed: 0, approved: 0, modified: 0, rejected: 0, expired: 0, refused: 0, filled: 0, closed: 0, wins: 0, hitRate: null, averagePnl: null, totalPnl: 0 });

export class SignalHistory {
  private readonly cards = new Map<StrategyName, StrategyReportCard>(strategyNames.map((n) => [n, emptyCard()]));
  private readonly byOrder = new Map<number, Trade>();
  private readonly offs: Array<() => void> = [];

  constructor(
    private readonly bus: EngineBus,
    private readonly store: HistoryStore,
    private readonly onProblem: (problem: string, error: unknown) => void = () => undefined,
  ) {}

  /**
   * Reads the history back into the report cards; a proposal left without a fate by an engine that stopped is
   * recorded expired now. Then follows proposals, decisions and fills.
   */
  async start(now: number): Promise<void> {
    const entries = await this.store.load();
    const open = new Map<string, Proposal>();
    for (const entry of entries) {
      this.count(entry);
      if (entry.kind === 'proposed') open.set(entry.proposal.id, entry.proposal);
      if (entry.kind === 'decided') open.delete(entry.id);
    }
    for (const proposal of open.values()) {
      const decision: ProposalDecision = { status: 'expired', at: now, by: 'engine', reason: 'the engine stopped before it was decided', orderIds: [], refusal: null, changes: null };
      this.write({ kind: 'decided', at: now, id: proposal.id, strategy: proposal.strategy, decision });
    }
    this.offs.push(
      this.bus.subscribe('proposalCreated', (proposal) => this.write({ kind: 'proposed', at: proposal.createdAt, proposal })),
      this.bus.subscribe('proposalDecided', ({ proposal, decision }) => this.decided(proposal, decision)),
      this.bus.subscribe('fillRecorded', (fill) => this.fill(fill)),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  card(strategy: StrategyName): StrategyReportCard {
    return { ...this.cards.get(strategy)! };
  }

  private decided(proposal: Proposal, decision: ProposalDecision): void {
    this.write({ kind: 'decided', at: decision.at, id: proposal.id, strategy: proposal.strategy, decision });
    const [entryOrderId, ...exits] = decision.orderIds;
    if (entryOrderId === undefined) return;
    const trade: Trade = { id: proposal.id, strategy: proposal.strategy, entryOrderId, cash: 0, open: 0, entered: false, done: false };
    for (const orderId of [entryOrderId, ...exits]) this.byOrder.set(orderId, trade);
  }

  private fill(fill: Fill): void {
    const trade = this.byOrder.get(fill.orderId);
    if (!trade || trade.done) return;
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    trade.cash -= signed * fill.price * multiplierOf(fill.instrument) + (fill.commission ?? 0);
    const opening = fill.orderId === trade.entryOrderId;
    trade.open += opening ? Math.abs(signed) : -Math.abs(signed);
    if (opening && !trade.entered) {
      trade.entered = true;
      this.write({ kind: 'filled', at: fill.time, id: trade.id, strategy: trade.strategy, quantity: fill.quantity, price: fill.price });
    }
    if (!opening && trade.open <= 0) {
      trade.done = true;
      this.write({ kind: 'outcome', at: fill.time, id: trade.id, strategy: trade.strategy, pnl: Math.round(trade.cash * 100) / 100 });
    }
  }

  private write(entry: HistoryEntry): void {
    this.count(entry);
    this.store.append(entry).catch((error: unknown) => this.onProblem(`signal history entry (${entry.kind}) not written`, error));
  }

  private count(entry: HistoryEntry): void {
    const strategy = entry.kind === 'proposed' ? entry.proposal.strategy : entry.strategy;
    const card = this.cards.get(strategy);
    if (!card) return;
    if (entry.kind === 'proposed') card.proposed++;
    else if (entry.kind === 'decided') card[entry.decision.status]++;
    else if (entry.kind === 'filled') card.filled++;
    else {
      card.closed++;
      if (entry.pnl > 0) card.wins++;
      card.totalPnl = Math.round((card.totalPnl + entry.pnl) * 100) / 100;
      card.hitRate = card.wins / card.closed;
      card.averagePnl = Math.round((card.totalPnl / card.closed) * 100) / 100;
    }
  }
}

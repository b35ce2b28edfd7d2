/**
 * The approval queue: proposals wait here for a trader (or automation) to approve, modify, reject or snooze them, and
 * expire at their expiry time. Approval sends the proposal's order through the bus's submitOrder (the risk gate runs
 * again there); a refusal by risk is the proposal's fate, shown with its code. A proposal whose underlying has moved
 * more than the set percentage since it was made is approved only with `confirmed: true`.
 */
import type { EngineBus } from '../bus/catalogue';
import type { Proposal, ProposalDecision } from '../market/proposal';
import { proposalOrder, type ProposalChanges } from './proposalOrder';

/** Why the queue would not act on a command (nothing about the proposal changed). */
export class ProposalRefused extends Error {
  constructor(
    readonly code: 'UNKNOWN_PROPOSAL' | 'NOT_PENDING' | 'NOT_CONFIRMED' | 'INVALID_CHANGE',
    message: string,
  ) {
    super(message);
    this.name = 'ProposalRefused';
  }
}

export interface QueueEntry {
  proposal: Proposal;
  /** Hidden until then (still expiring at expiresAt). */
  snoozedUntil: number | null;
  /** The trader's changes (modifyProposal), applied when approved. */
  changes: ProposalChanges | null;
  decision: ProposalDecision | null;
}

export interface ApprovalQueueOptions {
  bus: EngineBus;
  /** `signals.reconfirmMovePercent`. */
  reconfirmMovePercent: number;
  /** The underlying's price now (mid, else last), null when unknown. */
  price: (symbol: string) => number | null;
  /** Told about every change (the contract's stream, the history). */
  onChange?: (entry: QueueEntry) => void;
  /** How many decided proposals the queue keeps for the cockpit. */
  keepDecided?: number;
  clock?: () => number;
}

export interface ApproveInput {
  by: string;
  confirmed?: boolean;
  reason?: string;
}

export class ApprovalQueue {
  private readonly entries = new Map<string, QueueEntry>();
  private readonly approving = new Map<string, Promise<ProposalDecision>>();
  private readonly clock: () => number;

  constructor(private readonly options: ApprovalQueueOptions) {
    this.clock = options.clock ?? Date.now;
  }

  add(proposal: Proposal): void {
    const entry: QueueEntry = { proposal: { ...proposal, status: 'pending' }, snoozedUntil: null, changes: null, decision: null };
    this.entries.set(proposal.id, entry);
    this.options.onChange?.(entry);
  }

  /** Whether this strategy already has a proposal for this symbol waiting (pending or snoozed). */
  hasOpen(strategy: string, symbol: string): boolean {
    for (const { proposal } of this.entries.values()) if (proposal.strategy === strategy && proposal.symbol === symbol && isOpen(proposal)) return true;
    return false;
  }

  get(id: string): QueueEntry | undefined {
    return this.entries.get(id);
  }

  /** Open proposals first (oldest first), then the decided ones, newest first. */
  list(): QueueEntry[] {
    const all = [...this.entries.values()];
    const open = all.filter((e) => isOpen(e.proposal)).sort((a, b) => a.proposal.createdAt - b.proposal.createdAt);
    const decided = all.filter((e) => !isOpen(e.proposal)).sort((a, b) => (b.decision?.at ?? 0) - (a.decision?.at ?? 0));
    return [...open, ...decided];
  }

  /** Expires what is past its expiry, and wakes snoozed proposals whose time is up. */
  tick(): void {
    const now = this.clock();
    for (const entry of this.entries.values()) {
      if (!isOpen(entry.proposal)) continue;
      if (now >= entry.proposal.expiresAt) this.decide(entry, { status: 'expired', by: 'engine', reason: 'not decided before it expired' });
      else if (entry.snoozedUntil !== null && now >= entry.snoozedUntil) this.wake(entry);
    }
  }

  /** Every open proposal expires (the engine stops: a proposal is not left to be approved on stale facts). */
  expireAll(reason: string): void {
    for (const entry of this.entries.values()) if (isOpen(entry.proposal)) this.decide(entry, { status: 'expired', by: 'engine', reason });
  }

  snooze(id: string, minutes: number): QueueEntry {
    const entry = this.open(id);
    entry.snoozedUntil = this.clock() + minutes * 60_000;
    entry.proposal = { ...entry.proposal, status: 'snoozed' };
    this.options.onChange?.(entry);
    return entry;
  }

  reject(id: string, reason: string, by: string): ProposalDecision {
    return this.decide(this.open(id), { status: 'rejected', by, reason });
  }

  /** Changes size or limit (validated); the proposal stays open unless approved with it. */
  modify(id: string, changes: ProposalChanges): QueueEntry {
    const entry = this.open(id);
    const { quantity, limitPrice } = changes;
    if (quantity !== undefined && !(Number.isInteger(quantity) && quantity > 0)) throw new ProposalRefused('INVALID_CHANGE', `the quantity must be a whole number above 0 (got ${quantity})`);
    if (limitPrice !== undefined && !(Number.isFinite(limitPrice) && limitPrice > 0)) throw new ProposalRefused('INVALID_CHANGE', `the limit must be a price above 0 (got ${limitPrice})`);
    entry.changes = { ...entry.changes, ...changes };
    this.options.onChange?.(entry);
    return entry;
  }

  /**
   * Sends the proposal's order (with the trader's changes): approved (or modified) with its order ids, or refused
   * with the risk gate's reason. A second approval of the same proposal answers the first's decision; nothing new is
   * placed (the order key is the proposal's).
   */
  async approve(id: string, input: ApproveInput): Promise<ProposalDecision> {
    const running = this.approving.get(id);
    if (running) return running;
    const entry = this.entries.get(id);
    if (entry?.decision && (entry.decision.status === 'approved' || entry.decision.status === 'modified')) return entry.decision;
    const open = this.open(id);
    if (this.clock() >= open.proposal.expiresAt) {
      this.decide(open, { status: 'expired', by: 'engine', reason: 'not decided before it expired' });
      throw new ProposalRefused('NOT_PENDING', `proposal ${id} has expired`);
    }
    this.requireConfirmation(open, input.confirmed === true);
    const sending = this.send(open, input).finally(() => this.approving.delete(id));
    this.approving.set(id, sending);
    return sending;
  }

  /** How far the underlying has moved since the proposal, in percent, negative when down (null without a price now). */
  movedPercent(proposal: Proposal): number | null {
    const now = this.options.price(proposal.symbol);
    if (now === null || !(proposal.underlyingPrice > 0)) return null;
    return ((now - proposal.underlyingPrice) / proposal.underlyingPrice) * 100;
  }

  needsConfirmation(proposal: Proposal): boolean {
    const moved = this.movedPercent(proposal);
    return moved !== null && Math.abs(moved) > this.options.reconfirmMovePercent;
  }

  private requireConfirmation(entry: QueueEntry, confirmed: boolean): void {
    if (confirmed || !this.needsConfirmation(entry.proposal)) return;
    const { proposal } = entry;
    const moved = Math.abs(this.movedPercent(proposal)!).toFixed(2);
    throw new ProposalRefused(
      'NOT_CONFIRMED',
      `${proposal.symbol} has moved ${moved}% since proposal ${proposal.id} was made (from ${proposal.underlyingPrice} to ${this.options.price(proposal.symbol)}), more than ${this.options.reconfirmMovePercent}%: approve again with confirmed: true if it still stands.`,
    );
  }

  private async send(entry: QueueEntry, input: ApproveInput): Promise<ProposalDecision> {
    const { changes } = entry;
    const request = proposalOrder(entry.proposal, input.by, changes);
    const status = changes ? 'modified' : 'approved';
    const reason = input.reason ?? (changes ? 'modified and approved' : 'approved');
    try {
      const receipt = await this.options.bus.send('submitOrder', request);
      return this.decide(entry, { status, by: input.by, reason, orderIds: receipt.orderIds });
    } catch (error) {
      const denial = (error as { denial?: { code: string; message: string } }).denial;
      const refusal = denial ? { code: denial.code, message: denial.message } : { code: 'UNAVAILABLE', message: (error as Error).message };
      return this.decide(entry, { status: 'refused', by: input.by, reason, refusal });
    }
  }

  private open(id: string): QueueEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new ProposalRefused('UNKNOWN_PROPOSAL', `there is no proposal ${id}`);
    if (!isOpen(entry.proposal) || this.approving.has(id)) {
      throw new ProposalRefused('NOT_PENDING', `proposal ${id} is ${this.approving.has(id) ? 'being approved' : entry.proposal.status}: it can no longer be changed`);
    }
    return entry;
  }

  private wake(entry: QueueEntry): void {
    entry.snoozedUntil = null;
    entry.proposal = { ...entry.proposal, status: 'pending' };
    this.options.onChange?.(entry);
  }

  private decide(entry: QueueEntry, outcome: Pick<ProposalDecision, 'status' | 'by' | 'reason'> & Partial<ProposalDecision>): ProposalDecision {
    const decision: ProposalDecision = { orderIds: [], refusal: null, changes: entry.changes, at: this.clock(), ...outcome };
    entry.decision = decision;
    entry.snoozedUntil = null;
    entry.proposal = { ...entry.proposal, status: decision.status };
    this.prune();
    this.options.onChange?.(entry);
    this.options.bus.publish('proposalDecided', { proposal: entry.proposal, decision });
    return decision;
  }

  /** Keeps the newest decided proposals only. */
  private prune(): void {
    const keep = this.options.keepDecided ?? 50;
    const decided = [...this.entries.values()].filter((e) => e.decision !== null).sort((a, b) => b.decision!.at - a.decision!.at);
    for (const old of decided.slice(keep)) this.entries.delete(old.proposal.id);
  }
}

const isOpen = (proposal: Proposal): boolean => proposal.status === 'pending' || proposal.status === 'snoozed';

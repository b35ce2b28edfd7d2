import { instrumentKey } from '../../../../core/contract/contract';
import type { ProposalView } from '../../../../core/contract/proposalView';
import { formatAge } from '../../format/age';
import { formatPrice } from '../../format/numbers';

/** The strategies as a trader names them. */
export const strategyTitles: Record<ProposalView['strategy'], string> = { zeroDte: '0DTE', oneDte: '1DTE', swing: 'Swing 14+ DTE', mocImbalance: 'MOC imbalance' };

/** "SPY 2026-12-08 590 C" or "SPY (stock)". */
export const instrumentText = (proposal: ProposalView): string =>
  proposal.order.instrument.kind === 'stock' ? `${proposal.symbol} (stock)` : instrumentKey(proposal.order.instrument);

/** "stop 1.20 · target 4.80", or "stop 589.10 · exit MOC". */
export function exitText(proposal: ProposalView): string {
  const { order } = proposal;
  const exit = order.exit.kind === 'target' ? `target ${formatPrice(order.exit.targetPrice)}` : `exit ${order.exit.order}`;
  return `stop ${formatPrice(order.stopPrice)} · ${exit}`;
}

/** Time left before the proposal expires: "1 m 12 s", "expired". */
export const timeLeftText = (proposal: ProposalView, now: number): string => (proposal.expiresAt <= now ? 'expired' : formatAge(proposal.expiresAt - now));

/** "+0.12%" / "−0.40%" (already in percent), "—" without a price. */
export function movedText(movedPercent: number | null): string {
  if (movedPercent === null || !Number.isFinite(movedPercent)) return '—';
  const rounded = Number(movedPercent.toFixed(2));
  return rounded === 0 ? '0.00%' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(2)}%`;
}

/** What ended a decided proposal, in one line: "rejected by trader: spread too wide", "refused HALTED: …". */
export function fateText(proposal: ProposalView): string {
  const decision = proposal.decision;
  if (!decision) return proposal.status;
  if (decision.refusal) return `refused ${decision.refusal.code}: ${decision.refusal.message}`;
  const orders = decision.orderIds.length ? ` · orders #${decision.orderIds.join(', #')}` : '';
  return `${decision.status} by ${decision.by}${decision.reason ? `: ${decision.reason}` : ''}${orders}`;
}

/** The queue in the order the keys walk it: pending ones first (oldest first), snoozed ones after (still expiring). */
export const queueOrder = (open: readonly ProposalView[]): ProposalView[] => [...open.filter((p) => p.status !== 'snoozed'), ...open.filter((p) => p.status === 'snoozed')];

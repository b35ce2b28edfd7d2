/**
 * What the approval queue and the strategies panel show and ask: the `proposals` and `strategies` streams and the
 * proposal and automation commands. Browser-safe.
 */
import { z } from 'zod';
import { strategyNames, type Proposal, type ProposalDecision, type StrategyName, type StrategyReportCard } from '../market/proposal';

export type { PreCheck, Proposal, ProposalDecision, ProposalReason, ProposalStatus, ProposedOrder, StrategyName, StrategyReportCard } from '../market/proposal';

/** A proposal as the queue shows it: its status and reasons, with its age and how far its underlying has moved. */
export interface ProposalView extends Proposal {
  ageMs: number;
  /** The underlying now and its move since the proposal, in percent, negative when down (null without a price). */
  currentPrice: number | null;
  movedPercent: number | null;
  /** Approving needs `confirmed: true` (the move is beyond signals.reconfirmMovePercent). */
  needsConfirmation: boolean;
  /** Snoozed: hidden until then (still expiring at expiresAt). */
  snoozedUntil: number | null;
  /** The trader's changes not yet approved. */
  changes: { quantity?: number; limitPrice?: number } | null;
  decision: ProposalDecision | null;
}

export interface ProposalsView {
  /** Pending and snoozed, oldest first. */
  open: ProposalView[];
  /** The last decided ones, newest first. */
  decided: ProposalView[];
}

export interface StrategyView {
  name: StrategyName;
  enabled: boolean;
  symbols: string[];
  automation: 'manual' | 'auto' | 'off';
  maxOrdersPerHour: number;
  maxQuantity: number;
  /** Orders placed automatically in the last 60 minutes. */
  ordersThisHour: number;
  /** Each symbol's last reason for staying quiet (or "proposed"). */
  quiet: Array<{ symbol: string; why: string; at: number }>;
  report: StrategyReportCard;
}

const proposalId = z.string().trim().min(1).max(100);

export const approveProposalInput = z.strictObject({ id: proposalId, confirmed: z.boolean().default(false) });
export const rejectProposalInput = z.strictObject({ id: proposalId, reason: z.string().trim().min(1, 'a reason').max(500) });
export const modifyProposalInput = z
  .strictObject({
    id: proposalId,
    quantity: z.number().int().positive().optional(),
    limitPrice: z.number().positive().optional(),
    /** Approve with the change at once. */
    approve: z.boolean().default(false),
    confirmed: z.boolean().default(false),
  })
  .refine((m) => m.quantity !== undefined || m.limitPrice !== undefined, { message: 'a new quantity or limitPrice' });
export const snoozeProposalInput = z.strictObject({ id: proposalId, minutes: z.number().positive().max(240) });
export const setStrategyAutomationInput = z.strictObject({
  strategy: z.enum(strategyNames),
  mode: z.enum(['manual', 'auto', 'off']),
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
});

import { useState } from 'react';
import { ContractError } from '../../../../core/contract/contract';
import type { ProposalDecision, ProposalView } from '../../../../core/contract/proposalView';
import { useEngineClient } from '../../engine/engineContext';

/** How long S hides a proposal (it still expires on time). */
export const SNOOZE_MINUTES = 5;

const commandPrefix = /^(approveProposal|rejectProposal|modifyProposal|snoozeProposal|setStrategyAutomation): /;

/** A proposal command's failure as the trader reads it: the refusal's code first, then the engine's sentence. */
export function proposalErrorText(error: unknown): string {
  if (!(error instanceof ContractError)) return error instanceof Error ? error.message : String(error);
  const message = error.message.replace(commandPrefix, '');
  if (error.code === 'REFUSED') return `${error.reason ?? 'REFUSED'}: ${message}`;
  if (error.code === 'BAD_REQUEST') return `Not accepted: ${message}`;
  return `${error.code}: ${message}`;
}

/** The engine asks for `confirmed: true` (the underlying moved since the proposal was made). */
export const needsConfirming = (error: unknown): boolean => error instanceof ContractError && error.code === 'REFUSED' && error.reason === 'NOT_CONFIRMED';

/** What the queue says after a decision: placed orders, or the refusal the approval met. */
export function decisionNotice(proposal: ProposalView, decision: ProposalDecision): { kind: 'ok' | 'error'; text: string } {
  if (decision.refusal) return { kind: 'error', text: `${proposal.id} refused — ${decision.refusal.code}: ${decision.refusal.message}` };
  const orders = decision.orderIds.length ? `: order${decision.orderIds.length > 1 ? 's' : ''} #${decision.orderIds.join(', #')}` : '';
  return { kind: 'ok', text: `${proposal.id} ${decision.status}${orders}` };
}

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/** Approve, snooze and the confirmation step, with the last outcome as a notice the panel shows. */
export function useProposalActions() {
  const client = useEngineClient();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** A proposal whose approval waits for the trader's confirmation (the move since it was made). */
  const [confirming, setConfirming] = useState<ProposalView | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const approve = (proposal: ProposalView, confirmed: boolean) =>
    run(async () => {
      if (proposal.needsConfirmation && !confirmed) return setConfirming(proposal);
      setConfirming(null);
      try {
        setNotice(decisionNotice(proposal, await client.call('approveProposal', { id: proposal.id, confirmed })));
      } catch (error) {
        if (needsConfirming(error)) setConfirming(proposal);
        else setNotice({ kind: 'error', text: `Approve ${proposal.id}: ${proposalErrorText(error)}` });
      }
    });

  const snooze = (proposal: ProposalView) =>
    run(async () => {
      try {
        await client.call('snoozeProposal', { id: proposal.id, minutes: SNOOZE_MINUTES });
        setNotice({ kind: 'ok', text: `${proposal.id} snoozed for ${SNOOZE_MINUTES} minutes (it still expires on time)` });
      } catch (error) {
        setNotice({ kind: 'error', text: `Snooze ${proposal.id}: ${proposalErrorText(error)}` });
      }
    });

  return { busy, notice, setNotice, confirming, cancelConfirm: () => setConfirming(null), approve, snooze };
}

import { useState, type KeyboardEvent } from 'react';
import type { ProposalView } from '../../../../core/contract/proposalView';
import { ReasonDialog, useReasonDialog } from '../../dialogs/ReasonDialog';
import { useEngineClient } from '../../engine/engineContext';
import { useFeed } from '../../feeds/useFeed';
import { useNow } from '../../stores/nowStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { ConfirmApprovalDialog, ModifyProposalDialog } from './ModifyProposalDialog';
import { proposalErrorText, SNOOZE_MINUTES, useProposalActions, type Notice } from './proposalActions';
import { instrumentText, queueOrder } from './proposalFormat';
import { ProposalDetail } from './ProposalDetail';
import { DecidedProposalsTable, OpenProposalsTable } from './ProposalTables';

/** The element Alt+Shift+A puts the focus in: the queue's keys work from there. */
export const APPROVAL_QUEUE_ID = 'approval-queue';
const none: readonly ProposalView[] = [];
/** Back to the queue after a dialog, so its keys work again at once. */
const focusQueue = () => document.getElementById(APPROVAL_QUEUE_ID)?.focus();

/** The selected proposal: the one chosen while it is open, else the one now at the same place in the queue. */
function useSelection(queue: readonly ProposalView[]) {
  const [chosen, setChosen] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  let index = queue.findIndex((p) => p.id === chosen.id);
  if (index < 0) index = Math.min(chosen.index, queue.length - 1);
  const selected = index >= 0 ? queue[index]! : null;
  const select = (next: number) => setChosen({ id: queue[next]?.id ?? null, index: next });
  return {
    selected,
    step: (by: number) => queue.length > 0 && select(Math.min(queue.length - 1, Math.max(0, index + by))),
    choose: (id: string) => select(Math.max(0, queue.findIndex((p) => p.id === id))),
  };
}

/**
 * The approval queue, keyboard-first: ↑/↓ select, Enter approves (asking first when the underlying has moved
 * beyond the set amount), M changes size or limit and approves, R rejects with a reason, S snoozes. The selected
 * proposal's reasons, pre-check and its underlying's chart below; the decided ones greyed out with their fate.
 */
export function ApprovalQueuePanel() {
  const client = useEngineClient();
  const feed = useFeed('proposals', {});
  const view = feed.event?.value;
  const queue = queueOrder(view?.open ?? none);
  const decided = view?.decided ?? none;
  const now = useNow();
  const { selected, step, choose } = useSelection(queue);
  const actions = useProposalActions();
  const [modifying, setModifying] = useState<ProposalView | null>(null);
  const [rejecting, setRejecting] = useState<ProposalView | null>(null);
  const reject = useReasonDialog(async (reason) => {
    if (!rejecting) return;
    try {
      await client.call('rejectProposal', { id: rejecting.id, reason });
    } catch (error) {
      throw new Error(proposalErrorText(error), { cause: error });
    }
    actions.setNotice({ kind: 'ok', text: `${rejecting.id} rejected: ${reason}` });
  });
  // The queue changes when a proposal does: judged by connection, not by quiet.
  const freshness = useFreshness({ asOf: feed.event?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(feed.event) });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    const handled = ['ArrowUp', 'ArrowDown', 'Enter', 'M', 'R', 'S'].includes(key);
    if (!handled) return;
    event.preventDefault();
    if (key === 'ArrowUp' || key === 'ArrowDown') return void step(key === 'ArrowUp' ? -1 : 1);
    if (!selected || actions.busy) return;
    if (key === 'Enter') void actions.approve(selected, false);
    else if (key === 'M') setModifying(selected);
    else if (key === 'R') {
      setRejecting(selected);
      reject.ask();
    } else if (key === 'S') void actions.snooze(selected);
  };

  return (
    <div className={`panel approval-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="approval-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="strong" data-testid="approval-open-count">
          {queue.length} open
        </span>
        <span className="muted">↑/↓ select · Enter approve · M modify · R reject · S snooze {SNOOZE_MINUTES} min</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {feed.error && (
        <p className="ticket-error panel-notice" role="alert" data-testid="approval-unavailable">
          {feed.error}
        </p>
      )}
      {actions.notice && <QueueNotice notice={actions.notice} onDismiss={() => actions.setNotice(null)} />}
      <div className="panel-body">
        <div id={APPROVAL_QUEUE_ID} className="approval-queue" tabIndex={0} role="listbox" aria-label="Approval queue" data-testid="approval-queue" data-selected={selected?.id ?? ''} onKeyDown={onKeyDown}>
          {queue.length === 0 ? (
            <p className="empty">{view ? 'No open proposals: the strategies are quiet (see the Strategies panel for why).' : 'Waiting for the proposals…'}</p>
          ) : (
            <OpenProposalsTable proposals={queue} selectedId={selected?.id ?? null} now={now} onSelect={choose} />
          )}
        </div>
        {selected && <ProposalDetail proposal={selected} />}
        <h3 className="section-title">Decided</h3>
        {decided.length === 0 ? <p className="empty">Nothing decided yet.</p> : <DecidedProposalsTable proposals={decided} />}
      </div>
      <ConfirmApprovalDialog
        proposal={actions.confirming}
        busy={actions.busy}
        onConfirm={() => actions.confirming && void actions.approve(actions.confirming, true)}
        onCancel={actions.cancelConfirm}
        onClosed={focusQueue}
      />
      <ModifyProposalDialog
        proposal={modifying}
        onClose={(notice) => {
          setModifying(null);
          if (notice) actions.setNotice(notice);
          focusQueue();
        }}
      />
      <ReasonDialog
        {...reject.dialog}
        onCancel={() => {
          reject.dialog.onCancel();
          focusQueue();
        }}
        name="reject-proposal"
        title={`Reject ${rejecting?.id ?? ''}?`}
        confirmLabel="Reject"
      >
        <p>{rejecting ? `${rejecting.order.side.toUpperCase()} ${rejecting.order.quantity} ${instrumentText(rejecting)}: it leaves the queue, nothing is sent.` : ''}</p>
      </ReasonDialog>
    </div>
  );
}

function QueueNotice({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <p className={`panel-notice ${notice.kind === 'error' ? 'ticket-error' : 'ticket-ok'}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="approval-notice" data-kind={notice.kind}>
      {notice.text}{' '}
      <button type="button" className="btn" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ProposalDecision, ProposalView } from '../../../../core/contract/proposalView';
import { useEngineClient } from '../../engine/engineContext';
import { formatPrice } from '../../format/numbers';
import { decisionNotice, proposalErrorText, type Notice } from './proposalActions';
import { instrumentText, movedText } from './proposalFormat';

/**
 * M: change the size or the entry limit and approve with the change (`modifyProposal` with approve). Enter approves,
 * Esc changes nothing. The dialog shows the move since the proposal, so approving from it confirms that move.
 */
export function ModifyProposalDialog({ proposal, onClose }: { proposal: ProposalView | null; onClose: (notice: Notice | null) => void }) {
  const client = useEngineClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [quantity, setQuantity] = useState('');
  const [limitPrice, setLimitPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (proposal && !dialog.open) {
      setQuantity(String(proposal.order.quantity));
      setLimitPrice(String(proposal.order.limitPrice));
      setError(null);
      dialog.showModal();
    } else if (!proposal && dialog.open) dialog.close();
  }, [proposal]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!proposal || busy) return;
    const newQuantity = Number(quantity);
    const newLimit = Number(limitPrice);
    if (!Number.isInteger(newQuantity) || newQuantity <= 0) return setError('Quantity: a whole number above 0');
    if (!Number.isFinite(newLimit) || newLimit <= 0) return setError('Limit: a price above 0');
    const change = {
      ...(newQuantity !== proposal.order.quantity ? { quantity: newQuantity } : {}),
      ...(newLimit !== proposal.order.limitPrice ? { limitPrice: newLimit } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const decision = Object.keys(change).length
        ? ((await client.call('modifyProposal', { id: proposal.id, ...change, approve: true, confirmed: true })) as ProposalDecision)
        : await client.call('approveProposal', { id: proposal.id, confirmed: true });
      onClose(decisionNotice(proposal, decision));
    } catch (failure) {
      setError(proposalErrorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialogRef} className="release-dialog" data-testid="modify-proposal-dialog" aria-labelledby="modify-proposal-title" onCancel={() => onClose(null)}>
      {proposal && (
        <form method="dialog" onSubmit={(e) => void submit(e)}>
          <h2 id="modify-proposal-title">Modify and approve {proposal.id}</h2>
          <p>
            {proposal.order.side.toUpperCase()} {instrumentText(proposal)}; the underlying moved {movedText(proposal.movedPercent)} since it was proposed.
          </p>
          <label htmlFor="modify-proposal-quantity">Quantity</label>
          <input id="modify-proposal-quantity" className="num" inputMode="numeric" autoFocus value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          <label htmlFor="modify-proposal-limit">Entry limit (was {formatPrice(proposal.order.limitPrice)})</label>
          <input id="modify-proposal-limit" className="num" inputMode="decimal" value={limitPrice} onChange={(e) => setLimitPrice(e.target.value)} />
          {error && (
            <p className="dialog-error" role="alert" data-testid="modify-proposal-error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={() => onClose(null)}>
              Cancel
            </button>
            <button type="submit" className="btn" data-testid="modify-proposal-confirm" disabled={busy}>
              Approve with changes
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/**
 * Enter on a proposal whose underlying moved beyond the set amount: one more Enter approves, Esc does not. `onClosed`
 * runs once the dialog has closed (the page behind it takes focus again only then).
 */
export function ConfirmApprovalDialog({ proposal, busy, onConfirm, onCancel, onClosed }: { proposal: ProposalView | null; busy: boolean; onConfirm: () => void; onCancel: () => void; onClosed?: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const approveRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (proposal && !dialog.open) dialog.showModal();
    else if (!proposal && dialog.open) dialog.close();
  }, [proposal]);
  // showModal focuses the first button (Cancel), and a button cannot take focus while disabled (busy): once the
  // dialog is open and enabled, the focus goes to Approve anyway, so Enter approves.
  useEffect(() => {
    if (proposal && !busy) approveRef.current?.focus();
  }, [proposal, busy]);

  return (
    <dialog ref={dialogRef} className="release-dialog" data-testid="confirm-approval-dialog" aria-labelledby="confirm-approval-title" onCancel={onCancel} onClose={onClosed}>
      {proposal && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) onConfirm();
          }}
        >
          <h2 id="confirm-approval-title">Approve {proposal.id} after the move?</h2>
          <p>
            {proposal.symbol} moved {movedText(proposal.movedPercent)} since the proposal was made (at {formatPrice(proposal.underlyingPrice)}, now{' '}
            {formatPrice(proposal.currentPrice)}). Its entry limit {formatPrice(proposal.order.limitPrice)} was set from the book then.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button ref={approveRef} type="submit" className="btn" data-testid="confirm-approval-confirm" disabled={busy}>
              Approve anyway
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

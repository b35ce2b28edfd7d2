import { useEffect, useRef, useState, type FormEvent } from 'react';

/**
 * Flatten all's confirmation: what it will do, how many positions it closes, and a reason for the audit trail.
 * Only the confirm button sends; Esc or Cancel changes nothing. The engine's refusal is shown as it answered.
 */
export function FlattenDialog({ open, positions, busy, error, onConfirm, onCancel }: { open: boolean; positions: number; busy: boolean; error: string | null; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReason('');
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() && !busy) onConfirm(reason.trim());
  };
  const what = positions === 0 ? 'No position is open: only working orders would be cancelled.' : `${positions} position${positions === 1 ? '' : 's'} will be closed.`;

  return (
    <dialog ref={dialogRef} className="release-dialog" data-testid="flatten-dialog" aria-labelledby="flatten-dialog-title" onCancel={onCancel}>
      {open && (
        <form method="dialog" onSubmit={submit}>
          <h2 id="flatten-dialog-title">Flatten all positions?</h2>
          <p className="strong" data-testid="flatten-dialog-count">
            {what}
          </p>
          <p>Trading goes REDUCING, this engine’s working orders are cancelled, and a closing order is sent for every position through the risk checks.</p>
          <label htmlFor="flatten-reason">Reason (recorded in the audit trail)</label>
          <textarea id="flatten-reason" data-testid="flatten-reason" required maxLength={500} rows={2} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          {error && (
            <p className="dialog-error" role="alert" data-testid="flatten-error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className="btn btn-flatten" data-testid="flatten-confirm" disabled={!reason.trim() || busy}>
              {positions === 0 ? 'Flatten all' : `Flatten ${positions} position${positions === 1 ? '' : 's'}`}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

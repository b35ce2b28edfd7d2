import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

export interface ReasonDialogProps {
  open: boolean;
  /** Names the dialog, its fields and its buttons for tests: `${testId}`, `${testId}-reason`, `-confirm`, `-error`. */
  testId: string;
  title: string;
  /** What the action will do, in the trader's words. */
  children: ReactNode;
  confirmLabel: string;
  confirmClass?: string;
  busy: boolean;
  /** The engine's refusal, shown as it answered. */
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * A confirmed action: says what it will do and asks for a reason for the audit trail. Only the confirm button sends;
 * Esc or Cancel changes nothing.
 */
export function ReasonDialog({ open, testId, title, children, confirmLabel, confirmClass = 'btn', busy, error, onConfirm, onCancel }: ReasonDialogProps) {
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

  return (
    <dialog ref={dialogRef} className="release-dialog" data-testid={testId} aria-labelledby={`${testId}-title`} onCancel={onCancel}>
      {open && (
        <form method="dialog" onSubmit={submit}>
          <h2 id={`${testId}-title`}>{title}</h2>
          {children}
          <label htmlFor={`${testId}-reason`}>Reason (recorded in the audit trail)</label>
          <textarea id={`${testId}-reason`} data-testid={`${testId}-reason`} required maxLength={500} rows={2} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          {error && (
            <p className="dialog-error" role="alert" data-testid={`${testId}-error`}>
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className={confirmClass} data-testid={`${testId}-confirm`} disabled={!reason.trim() || busy}>
              {confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

export interface ReasonDialogProps {
  open: boolean;
  /** Names the parts for tests: `${name}-dialog`, `${name}-reason`, `${name}-confirm`, `${name}-cancel`, `${name}-error`. */
  name: string;
  title: string;
  /** What the action will do, in the trader's words. */
  children: ReactNode;
  confirmLabel: string;
  confirmClass?: string;
  cancelLabel?: string;
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
export function ReasonDialog({ open, name, title, children, confirmLabel, confirmClass = 'btn', cancelLabel = 'Cancel', busy, error, onConfirm, onCancel }: ReasonDialogProps) {
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
    <dialog ref={dialogRef} className="release-dialog" data-testid={`${name}-dialog`} aria-labelledby={`${name}-dialog-title`} onCancel={onCancel}>
      {open && (
        <form method="dialog" onSubmit={submit}>
          <h2 id={`${name}-dialog-title`}>{title}</h2>
          {children}
          <label htmlFor={`${name}-reason`}>Reason (recorded in the audit trail)</label>
          <textarea id={`${name}-reason`} data-testid={`${name}-reason`} required maxLength={500} rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          {error && (
            <p className="dialog-error" role="alert" data-testid={`${name}-error`}>
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" data-testid={`${name}-cancel`} onClick={onCancel}>
              {cancelLabel}
            </button>
            <button type="submit" className={confirmClass} data-testid={`${name}-confirm`} disabled={!reason.trim() || busy}>
              {confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** The state of a confirmed action behind a ReasonDialog: open, busy while the engine answers, its refusal. */
export function useReasonDialog(send: (reason: string) => Promise<unknown>) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async (reason: string) => {
    setBusy(true);
    setError(null);
    try {
      await send(reason);
      setAsking(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return {
    asking,
    busy,
    error,
    ask: () => {
      setError(null);
      setAsking(true);
    },
    dialog: { open: asking, busy, error, onConfirm: (reason: string) => void confirm(reason), onCancel: () => setAsking(false) },
  };
}

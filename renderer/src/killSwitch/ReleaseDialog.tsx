import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useEngineClient } from '../engine/engineContext';
import { formatMarketTimestamp } from '../format/marketTime';
import { useKillSwitchStore } from '../stores/killSwitchStore';
import { useTradingStateStore } from '../stores/tradingStateStore';
import { cancelRelease, confirmRelease } from './killSwitchActions';

const consequences = {
  ACTIVE: 'New orders will be allowed again, subject to the usual risk checks.',
  REDUCING: 'Only orders that reduce exposure will be allowed.',
  HALTED: '',
};

/** Leaving HALTED (or REDUCING) needs a person's confirmed action with a reason; cancelling changes nothing. */
export function ReleaseDialog() {
  const client = useEngineClient();
  const target = useKillSwitchStore((s) => s.releaseTarget);
  const pending = useKillSwitchStore((s) => s.pending);
  const error = useKillSwitchStore((s) => s.error);
  const current = useTradingStateStore((s) => s.current);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      setReason('');
      dialog.showModal();
    } else if (!target && dialog.open) dialog.close();
  }, [target]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) void confirmRelease(client, reason.trim());
  };

  return (
    <dialog
      ref={dialogRef}
      className="release-dialog"
      data-testid="release-dialog"
      aria-labelledby="release-dialog-title"
      onCancel={cancelRelease}
    >
      {target && (
        <form method="dialog" onSubmit={submit}>
          <h2 id="release-dialog-title">
            Leave {current?.state ?? 'the current state'} for {target}?
          </h2>
          {current && (
            <p className="muted" data-testid="release-dialog-current">
              {current.state} since {formatMarketTimestamp(current.changedAt)} by {current.changedBy}: “{current.reason}”
            </p>
          )}
          <p>{consequences[target]}</p>
          <label htmlFor="release-reason">Reason (recorded in the audit trail)</label>
          <textarea
            id="release-reason"
            data-testid="release-reason"
            required
            maxLength={500}
            rows={3}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && (
            <p className="dialog-error" role="alert" data-testid="release-error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" data-testid="release-cancel" onClick={cancelRelease}>
              Cancel — stay {current?.state ?? ''}
            </button>
            <button type="submit" className="btn btn-confirm" data-testid="release-confirm" disabled={!reason.trim() || pending !== null}>
              Confirm {target}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

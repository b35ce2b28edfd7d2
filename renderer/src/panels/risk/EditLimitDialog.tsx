import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RiskLimitView } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { canTurnOff, changeOf, changeQuestion, formatLimitValue, parseLimitInput } from '../../trading/riskLimits';

type Step = { kind: 'edit' } | { kind: 'confirm'; value: number | null };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Changes one limit: the new value and a reason, then a confirmation that says whether it tightens or loosens.
 * Only the confirm button sends (`confirmed: true`); the engine's refusal (e.g. loosening while HALTED) is shown as
 * it answered. Esc or Cancel changes nothing. A change in force but not recorded comes back as a warning.
 */
export function EditLimitDialog({ limit, onClose }: { limit: RiskLimitView | null; onClose: (warning?: string | null) => void }) {
  const client = useEngineClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = limit?.name;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (name && !dialog.open) {
      setText('');
      setReason('');
      setStep({ kind: 'edit' });
      setError(null);
      dialog.showModal();
    } else if (!name && dialog.open) dialog.close();
  }, [name]);

  const review = (event: FormEvent) => {
    event.preventDefault();
    if (!limit) return;
    const parsed = parseLimitInput(text, limit.name);
    if (!parsed.ok) return setError(parsed.error);
    if (changeOf(limit, parsed.value) === 'same') return setError(`${limit.name} is already ${formatLimitValue(limit.value, limit.unit)}.`);
    setError(null);
    setStep({ kind: 'confirm', value: parsed.value });
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!limit || step.kind !== 'confirm' || busy) return;
    setBusy(true);
    try {
      const changed = await client.call('setRiskLimit', { name: limit.name, value: step.value, confirmed: true, reason: reason.trim() });
      onClose((changed as { warning?: string | null }).warning ?? null);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialogRef} className="release-dialog limit-dialog" data-testid="limit-dialog" aria-labelledby="limit-dialog-title" onCancel={() => onClose()}>
      {limit && step.kind === 'edit' && (
        <form method="dialog" onSubmit={review}>
          <h2 id="limit-dialog-title">Change {limit.name}</h2>
          <p className="muted">
            Now {formatLimitValue(limit.value, limit.unit)}
            {limit.setBy ? ` (set by ${limit.setBy.by})` : ' (config.yaml)'}; config.yaml: {formatLimitValue(limit.configured, limit.unit)}.
          </p>
          <label htmlFor="limit-value">
            New value ({limit.unit}){canTurnOff(limit.name) ? ' — empty turns the check off' : ''}
          </label>
          <input id="limit-value" className="num dialog-input" data-testid="limit-new-value" inputMode="decimal" autoFocus value={text} onChange={(e) => setText(e.target.value)} />
          <label htmlFor="limit-reason">Reason (recorded in the audit trail)</label>
          <textarea id="limit-reason" data-testid="limit-reason" required maxLength={500} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {error && (
            <p className="dialog-error" role="alert" data-testid="limit-error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={() => onClose()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-confirm" disabled={!reason.trim()}>
              Review change…
            </button>
          </div>
        </form>
      )}
      {limit && step.kind === 'confirm' && (
        <form method="dialog" onSubmit={(e) => void send(e)}>
          <h2 id="limit-dialog-title" data-testid="limit-question" data-change={changeOf(limit, step.value)}>
            {changeQuestion(limit, step.value)}
          </h2>
          <p className="muted">Reason: “{reason.trim()}”</p>
          {changeOf(limit, step.value) === 'loosen' && <p className="warn">Loosening lets more through. The engine refuses it while trading is HALTED or REDUCING.</p>}
          {error && (
            <p className="dialog-error" role="alert" data-testid="limit-error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            {/* Focus starts on Back: an Enter too many does not change a limit. */}
            <button
              type="button"
              className="btn"
              autoFocus
              onClick={() => {
                setError(null);
                setStep({ kind: 'edit' });
              }}
            >
              Back
            </button>
            <button type="submit" className="btn btn-confirm" data-testid="limit-confirm" disabled={busy}>
              {changeOf(limit, step.value) === 'loosen' ? 'Loosen' : 'Tighten'} {limit.name}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

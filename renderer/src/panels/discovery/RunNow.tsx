import { useState, type FormEvent } from 'react';
import type { DiscoveryProgress } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';

const DEFAULT_REASON = 'run now from the Discovery screen';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The run in progress: its step and how far it is (steps done of all). */
function Progress({ running }: { running: DiscoveryProgress }) {
  return (
    <span className="discovery-progress num" data-testid="discovery-progress" data-run-id={running.id} role="status">
      run #{running.id} ({running.trigger}): {running.step}{' '}
      <progress max={running.total} value={running.done} aria-label="Discovery progress" /> {running.done}/{running.total}
    </span>
  );
}

/**
 * "Run now": asks the engine for a discovery run with the trader's reason. Disabled while a run is in progress (the
 * engine would refuse it) and while discovery is off or unavailable; a refusal or error is shown as the engine said it.
 */
export function RunNow({ running, available }: { running: DiscoveryProgress | null; available: boolean }) {
  const client = useEngineClient();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await client.call('runDiscovery', { reason: reason.trim() || DEFAULT_REASON });
      setReason('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="discovery-run-now" onSubmit={(e) => void run(e)}>
      <input className="discovery-reason" data-testid="discovery-reason" aria-label="Reason for the run" placeholder="reason (optional)" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="btn" data-testid="discovery-run-now" disabled={!available || sending || running !== null} title={!available ? 'Parameter discovery is off or unavailable' : running ? 'A run is in progress' : 'Run parameter discovery now'}>
        {sending ? 'Starting…' : 'Run now'}
      </button>
      {running && <Progress running={running} />}
      {error && (
        <span className="ticket-error" role="alert" data-testid="discovery-run-error">
          Run refused: {error}
        </span>
      )}
    </form>
  );
}

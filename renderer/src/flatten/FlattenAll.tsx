import { useState } from 'react';
import type { FlattenProgress, Position } from '../../../core/contract/contract';
import { useEngineClient } from '../engine/engineContext';
import { useFeed } from '../feeds/useFeed';
import { FlattenDialog } from './FlattenDialog';
import { FlattenProgressView } from './FlattenProgressView';

const none: readonly Position[] = [];
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Flatten all, beside the kill switch: a confirmed action (reason, how many positions) sending `flattenAll`, then
 * its progress until flat or incomplete. A flatten started from another cockpit shows its progress here too.
 */
export function FlattenAll() {
  const client = useEngineClient();
  const positions = useFeed('positions', {}).event?.value ?? none;
  const streamed = useFeed('flatten', {}).event?.value ?? null;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The flatten whose progress is on screen (its start time), until the trader closes it. */
  const [watching, setWatching] = useState<number | null>(null);
  const [answered, setAnswered] = useState<FlattenProgress | null>(null);
  const open = positions.filter((p) => p.quantity !== 0).length;
  const running = streamed?.state === 'running';

  // A running flatten (from here or another cockpit) goes on screen; adjusted during render, not in an effect.
  if (running && streamed.startedAt !== null && streamed.startedAt !== watching) setWatching(streamed.startedAt);

  const confirm = async (reason: string) => {
    setBusy(true);
    setError(null);
    try {
      const started = await client.call('flattenAll', { confirmed: true, reason });
      setAnswered(started);
      setWatching(started.startedAt);
      setAsking(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  // The stream's view once it has caught up with the flatten on screen; until then the command's answer.
  const shown = streamed && streamed.startedAt === watching ? streamed : answered?.startedAt === watching ? answered : null;
  return (
    <>
      <button
        type="button"
        className="btn btn-flatten"
        data-testid="flatten-button"
        title="Close every position at market (asks for confirmation)"
        disabled={running || busy}
        onClick={() => {
          setError(null);
          setAsking(true);
        }}
      >
        {running ? 'Flattening…' : 'Flatten all…'}
      </button>
      <FlattenDialog open={asking} positions={open} busy={busy} error={error} onConfirm={(reason) => void confirm(reason)} onCancel={() => setAsking(false)} />
      {watching !== null && shown && <FlattenProgressView progress={shown} onClose={() => setWatching(null)} />}
    </>
  );
}

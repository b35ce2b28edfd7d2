import { useState } from 'react';
import type { Position } from '../../../core/contract/contract';
import { useEngineClient } from '../engine/engineContext';
import { useFeed } from '../feeds/useFeed';
import { useFlattenStore } from '../stores/flattenStore';
import { FlattenDialog } from './FlattenDialog';

const none: readonly Position[] = [];
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Flatten all: a confirmed action (reason, how many positions) sending `flattenAll`; its progress is the card the
 * shell shows (FlattenProgressCard), so it stays on screen whichever panel is in front.
 */
export function FlattenAll() {
  const client = useEngineClient();
  const positions = useFeed('positions', {}).event?.value ?? none;
  const running = useFeed('flatten', {}).event?.value.state === 'running';
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = positions.filter((p) => p.quantity !== 0).length;

  const confirm = async (reason: string) => {
    setBusy(true);
    setError(null);
    try {
      const started = await client.call('flattenAll', { confirmed: true, reason });
      useFlattenStore.setState({ watching: started.startedAt, answered: started });
      setAsking(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

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
    </>
  );
}

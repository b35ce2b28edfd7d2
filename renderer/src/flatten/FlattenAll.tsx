import type { Position } from '../../../core/contract/contract';
import { useReasonDialog } from '../dialogs/ReasonDialog';
import { useEngineClient } from '../engine/engineContext';
import { useFeed } from '../feeds/useFeed';
import { useFlattenStore } from '../stores/flattenStore';
import { FlattenDialog } from './FlattenDialog';

const none: readonly Position[] = [];

/**
 * Flatten all: a confirmed action (reason, how many positions) sending `flattenAll`; its progress is the card the
 * shell shows (FlattenProgressCard), so it stays on screen whichever panel is in front.
 */
export function FlattenAll() {
  const client = useEngineClient();
  const positions = useFeed('positions', {}).event?.value ?? none;
  const running = useFeed('flatten', {}).event?.value.state === 'running';
  const flatten = useReasonDialog(async (reason) => {
    const started = await client.call('flattenAll', { confirmed: true, reason });
    useFlattenStore.setState({ watching: started.startedAt, answered: started });
  });
  const open = positions.filter((p) => p.quantity !== 0).length;

  return (
    <>
      <button
        type="button"
        className="btn btn-flatten"
        data-testid="flatten-button"
        title="Close every position at market (asks for confirmation)"
        disabled={running || flatten.busy}
        onClick={flatten.ask}
      >
        {running ? 'Flattening…' : 'Flatten all…'}
      </button>
      <FlattenDialog {...flatten.dialog} positions={open} />
    </>
  );
}

import { useEffect } from 'react';
import { useFeed } from '../feeds/useFeed';
import { useFlattenStore } from '../stores/flattenStore';
import { FlattenProgressView } from './FlattenProgressView';

/**
 * Flatten all's progress on every screen, from the `flatten` stream: the run started here, or any run seen running
 * (another cockpit's too), until the trader closes it after it ended.
 */
export function FlattenProgressCard() {
  const streamed = useFeed('flatten', {}).event?.value ?? null;
  const watching = useFlattenStore((s) => s.watching);
  const answered = useFlattenStore((s) => s.answered);
  const runningSince = streamed?.state === 'running' ? streamed.startedAt : null;
  useEffect(() => {
    if (runningSince !== null) useFlattenStore.setState({ watching: runningSince });
  }, [runningSince]);
  if (watching === null) return null;
  // The stream's view once it has caught up with the run on screen; until then flattenAll's answer.
  const shown = streamed?.startedAt === watching ? streamed : answered?.startedAt === watching ? answered : null;
  if (!shown) return null;
  return <FlattenProgressView progress={shown} onClose={() => useFlattenStore.setState({ watching: null, answered: null })} />;
}

import { useEffect, useState } from 'react';
import { useConnectionStore } from '../stores/connectionStore';

/** Longer than the WebSocket transport's largest backoff, so a plain reconnect has had its chance. */
const SUSPECT_AFTER_MS = 6_000;
const PROBE_EVERY_MS = 2_000;

/**
 * Web mode: a restarted engine has a new session token and refuses this page's socket for good. When the socket
 * keeps failing while the engine's /api/health answers, that is the likely cause, and the trader should know.
 */
export function useRestartedEngineProbe(): boolean {
  const status = useConnectionStore((s) => s.status);
  const transport = useConnectionStore((s) => s.transport);
  const [engineAnswers, setEngineAnswers] = useState(false);
  const probing = status === 'reconnecting' && transport === 'websocket';

  useEffect(() => {
    if (!probing) return;
    let cancelled = false;
    const probe = () =>
      fetch('./api/health', { cache: 'no-store' }).then(
        (response) => !cancelled && setEngineAnswers(response.ok),
        () => !cancelled && setEngineAnswers(false),
      );
    const timer = setInterval(probe, PROBE_EVERY_MS);
    const first = setTimeout(probe, SUSPECT_AFTER_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
      clearTimeout(first);
      setEngineAnswers(false);
    };
  }, [probing]);

  return probing && engineAnswers;
}

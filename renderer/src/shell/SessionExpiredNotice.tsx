import { useConnectionStore } from '../stores/connectionStore';
import { useRestartedEngineProbe } from './useRestartedEngineProbe';

/**
 * Shown while the engine refuses this page's connection: with the engine's own reason when it gave one (it serves
 * a limited number of connections), else when it runs again but no longer accepts this page's session token.
 */
export function SessionExpiredNotice() {
  const engineRestarted = useRestartedEngineProbe();
  const closeReason = useConnectionStore((s) => (s.status === 'reconnecting' ? s.closeReason : null));
  if (closeReason) {
    return (
      <div className="session-notice" role="alert" data-testid="connection-refused">
        <strong>▲ The engine closed this page&apos;s connection:</strong> {closeReason}. The page keeps retrying by itself.
      </div>
    );
  }
  if (!engineRestarted) return null;
  return (
    <div className="session-notice" role="alert" data-testid="session-expired">
      <strong>▲ The engine is running again but refuses this page&apos;s session.</strong> It was probably restarted, which issues a
      new session token. Open the new address printed by <code>npm start</code>.
    </div>
  );
}

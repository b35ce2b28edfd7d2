import { useRestartedEngineProbe } from './useRestartedEngineProbe';

/** Shown when the engine runs again but no longer accepts this page's session token. */
export function SessionExpiredNotice() {
  const engineRestarted = useRestartedEngineProbe();
  if (!engineRestarted) return null;
  return (
    <div className="session-notice" role="alert" data-testid="session-expired">
      <strong>▲ The engine is running again but refuses this page&apos;s session.</strong> It was probably restarted, which issues a
      new session token. Open the new address printed by <code>npm start</code>.
    </div>
  );
}

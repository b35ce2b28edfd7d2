import { useConnectionStore, type ConnectionStatus } from '../stores/connectionStore';

const labels: Record<ConnectionStatus, string> = { connecting: 'connecting', connected: 'connected', reconnecting: 'reconnecting' };
const icons: Record<ConnectionStatus, string> = { connecting: '◌', connected: '●', reconnecting: '▲' };

/** Engine link state; flips to "reconnecting" the moment the socket drops. */
export function ConnectionBadge() {
  const status = useConnectionStore((s) => s.status);
  const transport = useConnectionStore((s) => s.transport);
  return (
    <div
      className={`header-item badge conn-${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-label={`Engine connection: ${labels[status]}`}
    >
      <span aria-hidden="true">{icons[status]}</span> Engine {labels[status]}
      {transport && <span className="muted"> · {transport === 'ipc' ? 'IPC' : 'WS'}</span>}
    </div>
  );
}

import { formatMarketTimestamp } from '../format/marketTime';
import { useConnectionStore, type ConnectionStatus } from '../stores/connectionStore';

const labels: Record<ConnectionStatus, string> = { connecting: 'connecting', connected: 'connected', reconnecting: 'reconnecting' };
const icons: Record<ConnectionStatus, string> = { connecting: '◌', connected: '●', reconnecting: '▲' };

type StreamGaps = ReturnType<typeof useConnectionStore.getState>['streamGaps'];

/** "book SPY" for a per-symbol stream, "health" for the others. */
function streamLabel(stream: string, params: unknown): string {
  const symbol = typeof params === 'object' && params !== null && 'symbol' in params ? String(params.symbol) : '';
  return symbol ? `${stream} ${symbol}` : stream;
}

function gapsTooltip({ total, last }: StreamGaps): string {
  if (total === 0 || !last) return 'No stream gaps since this page opened.';
  const what = total === 1 ? '1 stream gap' : `${total} stream gaps`;
  return `${what} since this page opened (a lost update), each resynced: the stream was subscribed again for a fresh value. Last: ${streamLabel(last.stream, last.params)} at ${formatMarketTimestamp(last.at)}.`;
}

/** Engine link state; flips to "reconnecting" the moment the socket drops. Counts the stream gaps it resynced. */
export function ConnectionBadge() {
  const status = useConnectionStore((s) => s.status);
  const transport = useConnectionStore((s) => s.transport);
  const gaps = useConnectionStore((s) => s.streamGaps);
  return (
    <div
      className={`header-item badge conn-${status}`}
      data-testid="connection-status"
      data-status={status}
      data-stream-gaps={gaps.total}
      role="status"
      aria-label={`Engine connection: ${labels[status]}`}
      title={gapsTooltip(gaps)}
    >
      <span aria-hidden="true">{icons[status]}</span> Engine {labels[status]}
      {transport && <span className="muted"> · {transport === 'ipc' ? 'IPC' : 'WS'}</span>}
      {gaps.total > 0 && (
        <span className="muted" data-testid="stream-gaps">
          {' '}
          · ⟳ {gaps.total} {gaps.total === 1 ? 'gap' : 'gaps'} resynced
        </span>
      )}
    </div>
  );
}

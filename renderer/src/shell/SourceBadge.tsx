import { useConnectionStore } from '../stores/connectionStore';

/** Which market the engine is wired to: the embedded simulation or a real IB gateway. */
export function SourceBadge() {
  const source = useConnectionStore((s) => s.session?.source);
  const label = source === 'sim' ? 'SIM' : source === 'ibkr' ? 'IBKR' : '—';
  const title = source === 'sim' ? 'Simulated market' : source === 'ibkr' ? 'Interactive Brokers (TWS / IB Gateway)' : 'Source not known yet';
  return (
    <div className={`header-item badge source-${source ?? 'unknown'}`} data-testid="source" title={title} aria-label={`Data source: ${title}`}>
      {label}
    </div>
  );
}

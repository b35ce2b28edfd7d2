import type { IngestionState } from '../../../../core/contract/contract';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { formatNumber, formatSize } from '../../format/numbers';

/** The IB link: connection, account (client id at endpoint), throughput, reconnects, stale symbols and recent errors. */
export function IbIngestionSection({ state }: { state: IngestionState }) {
  return (
    <section className="health-section" data-testid="health-ib">
      <h3 className="section-title">IB ingestion</h3>
      <div className="kv-row num">
        <span className={`pill ${state.connected ? 'ok' : 'bad'}`} data-testid="health-ib-connection">
          {state.connected ? '● connected' : `✖ ${state.phase}`}
        </span>
        <span>
          {state.endpoint} · client {state.clientId}
        </span>
        <span data-testid="health-ib-rate">{formatNumber(state.metrics.messagesPerSecond, 0)} msg/s</span>
        <span>{formatSize(state.metrics.messagesTotal)} total</span>
        <span className={state.metrics.reconnects > 0 ? 'warn' : ''}>reconnects {state.metrics.reconnects}</span>
        <span>last msg {state.lastMessageAgeMs === null ? '—' : `${formatAge(state.lastMessageAgeMs)} ago`}</span>
        {state.dataInterrupted && <span className="pill bad">{state.dataInterrupted}</span>}
        {state.lastDisconnectReason && <span className="muted">last drop: {state.lastDisconnectReason}</span>}
      </div>
      <div className="kv-row num" data-testid="health-ib-account">
        <span>account {state.account.id ?? '—'}</span>
        {Object.entries(state.account.values).map(([tag, value]) => (
          <span key={tag} className="muted">
            {tag} {value}
          </span>
        ))}
      </div>
      {state.delayedSymbols.length > 0 && (
        <div className="kv-row">
          <span className="pill warn" data-testid="health-ib-delayed">
            DELAYED data (no live subscription): {state.delayedSymbols.join(', ')}
          </span>
        </div>
      )}
      {state.staleSymbols.length > 0 && (
        <div className="kv-row">
          <span className="pill stale" data-testid="health-ib-stale">
            STALE market data: {state.staleSymbols.join(', ')}
          </span>
        </div>
      )}
      <table className="grid-table compact" data-testid="health-ib-errors">
        <thead>
          <tr>
            <th>Time</th>
            <th className="right">Code</th>
            <th>Meaning</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {state.errors.slice(0, 8).map((error, i) => (
            <tr key={`${error.ts}-${error.code}-${i}`} className={`severity-${error.severity}`}>
              <td className="num muted">{formatMarketTime(error.ts)}</td>
              <td className="num right">{error.code}</td>
              <td>{error.meaning}</td>
              <td className="muted">{error.message}</td>
            </tr>
          ))}
          {state.errors.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                no IB errors
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

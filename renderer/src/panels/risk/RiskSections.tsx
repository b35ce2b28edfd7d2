import type { ApprovalView, BreakerView, StaleSymbolView, TradingStateHistoryEntry } from '../../../../core/contract/contract';
import { formatMarketTimestamp } from '../../format/marketTime';
import { ResetBreakerButton, resettable } from './ResetBreaker';
import { TableHead } from '../TableHead';

/** The trading state's changes, newest first: from → to, when, who and why. */
export function StateHistoryTable({ history }: { history: readonly TradingStateHistoryEntry[] }) {
  if (history.length === 0) return <p className="empty">No change of the trading state recorded.</p>;
  return (
    <table className="grid-table compact" aria-label="Trading state history" data-testid="risk-history">
      <TableHead columns={['Time', 'Change', 'By', 'Reason']} left={4} />
      <tbody>
        {history.map((entry) => (
          <tr key={`${entry.at}-${entry.to}`}>
            <td className="num muted">{formatMarketTimestamp(entry.at)}</td>
            <td>
              {entry.from} → <span className={`state-text state-text-${entry.to}`}>{entry.to}</span>
            </td>
            <td>{entry.by}</td>
            <td className="wrap-cell">{entry.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each circuit breaker: what it watches and does, whether it has tripped, when and why. */
export function BreakersTable({ breakers }: { breakers: readonly BreakerView[] }) {
  return (
    <table className="grid-table compact" aria-label="Circuit breakers" data-testid="risk-breakers">
      <thead>
        <tr>
          <th>Breaker</th>
          <th>State</th>
          <th>Tripped at</th>
          <th>Why</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {breakers.map((breaker) => (
          <tr key={breaker.name} data-testid={`breaker-${breaker.name}`} data-tripped={breaker.tripped} className={breaker.tripped ? 'breaker-tripped' : ''}>
            <th scope="row">{breaker.label}</th>
            <td>{breaker.tripped ? <span className="pill bad">✖ TRIPPED</span> : <span className="pill ok">● armed</span>}</td>
            <td className="num muted">{breaker.trippedAt === null ? '—' : formatMarketTimestamp(breaker.trippedAt)}</td>
            <td className="wrap-cell">
              {breaker.reason ?? ''}
              {breaker.symbols && breaker.symbols.length > 0 && <BlockedSymbols symbols={breaker.symbols} />}
            </td>
            <td>{resettable(breaker) && <ResetBreakerButton target={{ name: breaker.name, condition: breaker.resettable === false ? (breaker.condition ?? 'its cause still holds') : null }} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The symbols the stale-data breaker blocks, each with its own Reset. */
function BlockedSymbols({ symbols }: { symbols: readonly StaleSymbolView[] }) {
  return (
    <ul className="blocked-symbols">
      {symbols.map((s) => (
        <li key={s.symbol} data-testid={`stale-${s.symbol}`}>
          <span className="strong">{s.symbol}</span> <span className="muted">since {formatMarketTimestamp(s.trippedAt)}</span>{' '}
          <ResetBreakerButton target={{ name: 'staleData', symbol: s.symbol, condition: s.resettable ? null : (s.condition ?? 'its quote is still stale') }} />
        </li>
      ))}
    </ul>
  );
}

/** Approval of automation's orders and the dead-man rule that falls back to manual. */
export function ApprovalLine({ approval }: { approval: ApprovalView }) {
  return (
    <div className="kv-row" data-testid="risk-approval">
      <span>
        Approval <span className={`pill ${approval.mode === 'auto' ? 'warn' : 'ok'}`}>{approval.mode}</span>
      </span>
      <span className="muted">
        since {formatMarketTimestamp(approval.changedAt)} by {approval.changedBy} — “{approval.reason}”
      </span>
      <span>
        Dead-man <span className="num">{approval.deadManSeconds} s</span>
        {approval.mode === 'auto' ? ' without a cockpit → manual' : ' (applies in auto)'}
      </span>
      <span className={approval.cockpits === 0 ? 'warn' : ''}>
        Cockpits connected <span className="num strong">{approval.cockpits}</span>
      </span>
    </div>
  );
}

import { useState } from 'react';
import type { RiskDenialRecord, RuntimeRiskLimitName } from '../../../../core/contract/contract';
import { FlattenAll } from '../../flatten/FlattenAll';
import { useFeed } from '../../feeds/useFeed';
import { formatSignedPrice } from '../../format/numbers';
import { useTradingStateStore } from '../../stores/tradingStateStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { DenialsTable } from './DenialsTable';
import { EditLimitDialog } from './EditLimitDialog';
import { LimitsTable } from './LimitsTable';
import { ApprovalLine, BreakersTable, StateHistoryTable } from './RiskSections';

const noDenials: readonly RiskDenialRecord[] = [];
const pnlClass = (value: number) => (value > 0 ? 'up' : value < 0 ? 'down' : '');

/**
 * The risk engine at a glance: trading state and its history, each limit with its use (Edit changes it, confirmed
 * and audited), the circuit breakers, approval and the dead-man rule, and the last orders refused with why.
 */
export function RiskPanel() {
  const riskFeed = useFeed('risk', {});
  const denialsFeed = useFeed('riskDenials', {});
  const risk = riskFeed.event?.value ?? null;
  const denials = denialsFeed.event?.value ?? noDenials;
  const state = useTradingStateStore((s) => s.current?.state);
  const [editing, setEditing] = useState<RuntimeRiskLimitName | null>(null);
  // The dialog compares with the value in force now, not the one shown when Edit was clicked.
  const editedLimit = risk?.limits.find((limit) => limit.name === editing) ?? null;
  // The risk view changes when a figure does: judged by connection, not by quiet.
  const freshness = useFreshness({ asOf: riskFeed.event?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(riskFeed.event, denialsFeed.event) });
  const unavailable = riskFeed.error ?? denialsFeed.error;
  const [warning, setWarning] = useState<string | null>(null);

  return (
    <div className={`panel risk-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="risk-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className={`pill state-${state ?? 'unknown'}`} data-testid="risk-trading-state">
          {state ?? 'UNKNOWN'}
        </span>
        {risk && (
          <span className="num" data-testid="risk-day-pnl">
            Day P&amp;L <span className={pnlClass(risk.dayPnl)}>{formatSignedPrice(risk.dayPnl)}</span> <span className="muted">high {formatSignedPrice(risk.dayPnlHigh)}</span>
          </span>
        )}
        <span className="toolbar-spacer" />
        <FlattenAll />
        <FreshnessBadge freshness={freshness} />
      </div>
      {unavailable && (
        <p className="ticket-error panel-notice" role="alert" data-testid="risk-unavailable">
          {unavailable}
        </p>
      )}
      {warning && (
        <p className="ticket-error panel-notice" role="alert" data-testid="risk-warning">
          {warning}{' '}
          <button type="button" className="btn" onClick={() => setWarning(null)}>
            Dismiss
          </button>
        </p>
      )}
      <div className="panel-body">
        {!risk ? (
          <p className="empty">{unavailable ? 'The risk view is not available.' : 'Waiting for the risk view…'}</p>
        ) : (
          <>
            <h3 className="section-title">Limits</h3>
            <LimitsTable limits={risk.limits} onEdit={(limit) => setEditing(limit.name)} />
            <h3 className="section-title">Last denials</h3>
            <DenialsTable denials={denials} />
            <h3 className="section-title">Circuit breakers</h3>
            <BreakersTable breakers={risk.breakers} />
            <h3 className="section-title">Approval</h3>
            <ApprovalLine approval={risk.approval} />
            <h3 className="section-title">Trading state history</h3>
            <StateHistoryTable history={risk.history} />
          </>
        )}
      </div>
      <EditLimitDialog
        limit={editedLimit}
        onClose={(changeWarning) => {
          setEditing(null);
          setWarning(changeWarning ?? null);
        }}
      />
    </div>
  );
}

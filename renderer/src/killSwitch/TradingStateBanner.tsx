import { formatMarketTimestamp } from '../format/marketTime';
import { useTradingStateStore } from '../stores/tradingStateStore';

/** Red while HALTED, amber while REDUCING, on every screen: who, when and why. */
export function TradingStateBanner() {
  const current = useTradingStateStore((s) => s.current);
  if (!current || current.state === 'ACTIVE') return null;
  const halted = current.state === 'HALTED';
  return (
    <div
      className={`trading-banner ${halted ? 'banner-halted' : 'banner-reducing'}`}
      role="alert"
      data-testid="trading-banner"
      data-state={current.state}
    >
      <strong>{halted ? '■ TRADING HALTED' : '▼ REDUCING ONLY'}</strong>
      <span>{halted ? 'Nothing new goes to the market; cancels still pass.' : 'Only exposure-reducing orders pass.'}</span>
      <span data-testid="trading-banner-audit">
        Set by <b>{current.changedBy}</b> at <b className="num">{formatMarketTimestamp(current.changedAt)}</b> — “{current.reason}”
      </span>
      {!current.persisted && <span className="banner-warning">Not yet recorded in Redis (enforced in the engine).</span>}
    </div>
  );
}

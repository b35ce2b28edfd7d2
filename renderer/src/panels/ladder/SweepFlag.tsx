import type { SweepEvent } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';

/** The newest sweep on this symbol, shown while it is recent. */
export function SweepFlag({ sweep }: { sweep: SweepEvent }) {
  const buy = sweep.direction === 'buy';
  return (
    <div className={`sweep-flag ${buy ? 'up' : 'down'}`} data-testid="ladder-sweep" role="status">
      ⚡ SWEEP {buy ? '▲ BUY' : '▼ SELL'} {formatSize(sweep.shares)} · {formatPrice(sweep.fromPrice)} → {formatPrice(sweep.toPrice)} ·{' '}
      {sweep.levels} levels · {sweep.exchanges.join(' ')} <span className="muted">{formatMarketTime(sweep.detectedAt)}</span>
    </div>
  );
}

import { memo } from 'react';
import type { Trade } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';
import { BLOCK_SIZE } from './tapeBuffer';

const sideText = { buy: '▲ B', sell: '▼ S', unknown: '· ?' } as const;
const sideClass = { buy: 'up', sell: 'down', unknown: '' } as const;

/** One print; memoised and keyed by the print, so a redraw lays out only the rows of new prints. */
export const TapeRow = memo(function TapeRow({ trade, sweep }: { trade: Trade; sweep: boolean }) {
  const block = trade.size >= BLOCK_SIZE;
  const millis = String(trade.ts % 1000).padStart(3, '0');
  return (
    <div role="row" className={`tape-row ${sideClass[trade.aggressor]}${block ? ' block' : ''}${sweep ? ' sweep' : ''}`} data-testid="tape-row" data-size={trade.size}>
      <span role="cell" className="tape-time num muted">
        {`${formatMarketTime(trade.ts)}.${millis}`}
      </span>
      <span role="cell" className="tape-price num">
        {formatPrice(trade.price)}
      </span>
      <span role="cell" className="tape-size num size">
        {formatSize(trade.size)}
      </span>
      <span role="cell" className="tape-side side">
        {sideText[trade.aggressor]}
      </span>
      <span role="cell" className="tape-tags">
        {block && <span className="tag block-tag">BLOCK</span>}
        {sweep && <span className="tag sweep-tag">⚡ SWEEP</span>}
      </span>
    </div>
  );
});

import { memo } from 'react';
import type { Trade } from '../../../../core/host/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';
import { BLOCK_SIZE } from './tapeBuffer';

const sideText = { buy: '▲ B', sell: '▼ S', unknown: '· ?' } as const;
const sideClass = { buy: 'up', sell: 'down', unknown: '' } as const;

/** One print; memoised, so a new print adds one row instead of redrawing the tape. */
export const TapeRow = memo(function TapeRow({ trade, sweep }: { trade: Trade; sweep: boolean }) {
  const block = trade.size >= BLOCK_SIZE;
  const millis = String(trade.ts % 1000).padStart(3, '0');
  return (
    <tr className={`tape-row ${sideClass[trade.aggressor]}${block ? ' block' : ''}${sweep ? ' sweep' : ''}`} data-testid="tape-row" data-size={trade.size}>
      <td className="num muted">
        {formatMarketTime(trade.ts)}.{millis}
      </td>
      <td className="num right">{formatPrice(trade.price)}</td>
      <td className="num right size">{formatSize(trade.size)}</td>
      <td className="side">{sideText[trade.aggressor]}</td>
      <td className="tags">
        {block && <span className="tag block-tag">BLOCK</span>}
        {sweep && <span className="tag sweep-tag">⚡ SWEEP</span>}
      </td>
    </tr>
  );
});

import { memo } from 'react';
import { formatPrice, formatSize } from '../../format/numbers';

export interface LadderRowProps {
  side: 'bid' | 'ask';
  price: number;
  size: number;
  /** Size as a share of the largest shown (0..1), drawn as a bar. */
  depthShare: number;
  best: boolean;
  /** The last print's size when it printed at this price. */
  lastSize: number | null;
  swept: boolean;
  /** Per-exchange view: exchange and market maker. */
  venue?: string;
  /** A click on the price puts it in the order ticket as the limit price. */
  onPick: (price: number) => void;
}

/** One price row; memoised so a book update re-renders only the rows whose figures changed. */
export const LadderRow = memo(function LadderRow({ side, price, size, depthShare, best, lastSize, swept, venue, onPick }: LadderRowProps) {
  // The depth bar is the cell's background (its width a background size): no positioned boxes, and a new size
  // repaints the cell without laying anything out.
  const sizeCell = (
    <td className={`num ladder-size ${side}`} style={{ backgroundSize: `${Math.round(depthShare * 100)}% calc(100% - 2px)` }}>
      {formatSize(size)}
    </td>
  );
  return (
    <tr
      className={`ladder-row ${side}${best ? ' best' : ''}${lastSize !== null ? ' last-print' : ''}${swept ? ' swept' : ''}`}
      data-testid={`ladder-${side}-row`}
      data-price={price}
      data-size={size}
    >
      {venue !== undefined && <td className="venue" data-testid="ladder-venue">{venue}</td>}
      {side === 'bid' ? sizeCell : <td className="ladder-size" />}
      <td className="num ladder-price">
        {swept && <span className="sweep-mark" title="swept">⚡</span>}
        <button type="button" className="ladder-pick" aria-label={`Ticket limit price ${formatPrice(price)}`} title="Put this price in the order ticket" onClick={() => onPick(price)}>
          {formatPrice(price)}
        </button>
        {lastSize !== null && (
          <span className="last-mark" data-testid="ladder-last" title="last print">
            ◀ {formatSize(lastSize)}
          </span>
        )}
      </td>
      {side === 'ask' ? sizeCell : <td className="ladder-size" />}
    </tr>
  );
});

import type { SweepEvent } from '../../../../core/contract/contract';
import { formatPrice } from '../../format/numbers';
import type { BookLevel, PriceLevel } from './ladderLevels';
import { LadderRow } from './LadderRow';
import { sweptPrice } from './useRecentSweep';

type Level = PriceLevel | BookLevel;
const isBookLevel = (level: Level): level is BookLevel => 'exchange' in level;
const venueOf = (level: BookLevel) => (level.marketMaker && level.marketMaker !== level.exchange ? `${level.exchange} ${level.marketMaker}` : level.exchange);

interface LadderTableProps {
  asks: readonly Level[];
  bids: readonly Level[];
  byExchange: boolean;
  last: { price: number; size: number } | null;
  sweep: SweepEvent | null;
  spreadText: string;
  onPick: (price: number) => void;
}

/**
 * Asks above (highest first), the spread, bids below. Rows are keyed by their distance from the spread, so a
 * moving book rewrites figures in rows that stay put instead of inserting and removing rows (and relaying out the
 * table); a memoised row whose figures did not change is not redrawn.
 */
export function LadderTable({ asks, bids, byExchange, last, sweep, spreadText, onPick }: LadderTableProps) {
  const maxSize = Math.max(1, ...asks.map((l) => l.size), ...bids.map((l) => l.size));
  const lastSizeAt = (price: number) => (last && Math.abs(last.price - price) < 1e-9 ? last.size : null);
  const row = (side: 'bid' | 'ask', level: Level, index: number, best: boolean) => (
    <LadderRow
      key={`${side}-${index}`}
      side={side}
      price={level.price}
      size={level.size}
      depthShare={level.size / maxSize}
      best={best}
      lastSize={lastSizeAt(level.price)}
      swept={sweptPrice(sweep, side, level.price)}
      venue={byExchange && isBookLevel(level) ? venueOf(level) : undefined}
      onPick={onPick}
    />
  );
  const bestAsk = asks[0]?.price;
  const bestBid = bids[0]?.price;
  return (
    <table className="ladder" data-testid="ladder-table">
      <thead>
        <tr>
          {byExchange && <th>Venue</th>}
          <th className="right">Bid size</th>
          <th className="right">Price</th>
          <th className="right">Ask size</th>
        </tr>
      </thead>
      <tbody>
        {[...asks].reverse().map((level, i) => row('ask', level, asks.length - 1 - i, level.price === bestAsk))}
        <tr className="ladder-spread" data-testid="ladder-spread-row">
          <td colSpan={byExchange ? 4 : 3} className="num">
            spread {spreadText} · mid {bestAsk !== undefined && bestBid !== undefined ? formatPrice((bestAsk + bestBid) / 2, 0.001) : '—'}
          </td>
        </tr>
        {bids.map((level, i) => row('bid', level, i, level.price === bestBid))}
      </tbody>
    </table>
  );
}

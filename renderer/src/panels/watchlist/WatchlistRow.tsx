import { memo } from 'react';
import { quoteChange, quoteSpread } from '../../../../core/contract/quoteFigures';
import { useFeed } from '../../feeds/useFeed';
import { directionOf, formatPrice, formatSignedPercent, formatSignedPrice } from '../../format/numbers';
import { useFreshness } from '../freshness/useFreshness';

/** Twelve symbols at the engine's 20 updates/s would be 240 redraws a second for figures a trader glances at. */
const WATCHLIST_REDRAW_MS = 200;

interface WatchlistRowProps {
  symbol: string;
  etf: boolean;
  level2: boolean;
  selected: boolean;
  onSelect(symbol: string): void;
}

/** One symbol: its own subscriptions, so a tick re-renders this row only. */
export const WatchlistRow = memo(function WatchlistRow({ symbol, etf, level2, selected, onSelect }: WatchlistRowProps) {
  const quote = useFeed('quote', { symbol }, WATCHLIST_REDRAW_MS).event;
  const freshness = useFreshness({ asOf: quote?.asOf ?? null, receivedAt: quote?.receivedAt ?? null, symbol });
  const q = quote?.value;
  const spread = q ? quoteSpread(q) : null;
  const close = q?.close ?? null;
  const change = q ? quoteChange(q) : null;
  const direction = change === null ? 'flat' : directionOf(Number(change.toFixed(2)));
  return (
    <tr
      className={`watch-row${selected ? ' selected' : ''}${freshness.stale ? ' stale' : ''}`}
      data-testid={`watch-row-${symbol}`}
      data-stale={freshness.stale}
      aria-selected={selected}
      onClick={() => onSelect(symbol)}
    >
      <th scope="row">
        {symbol}
        <span className="muted tag-mini">{level2 ? 'L2' : ''}{etf ? ' ETF' : ''}</span>
      </th>
      <td className="num right" data-testid="watch-last" data-quote-ts={q?.ts ?? ''}>
        {formatPrice(q?.last)}
      </td>
      <td className={`num right ${direction}`} data-testid="watch-change">
        {formatSignedPrice(change)}
        <span className="muted" data-testid="watch-change-percent"> {change !== null && close ? formatSignedPercent(change / close, 2) : ''}</span>
      </td>
      <td className="num right">{formatPrice(spread)}</td>
      <td>
        {freshness.stale ? (
          <span className="pill stale" data-testid="stale-badge" title={freshness.why ?? ''}>
            STALE
          </span>
        ) : q?.halted ? (
          <span className="pill bad">HALT</span>
        ) : null}
      </td>
    </tr>
  );
});

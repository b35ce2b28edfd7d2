import type { IDockviewPanelProps } from 'dockview-react';
import { useCallback, useState } from 'react';
import { useFeed } from '../../feeds/useFeed';
import { fillFromLadder } from '../../stores/ticketStore';
import { useSymbolInfo } from '../../feeds/useSessionSymbols';
import { directionOf, formatPrice, formatSignedPercent } from '../../format/numbers';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { bookLevels, exchangeRows, imbalance, spread, topOfBookLevels } from './ladderLevels';
import { LadderTable } from './LadderTable';
import { SweepFlag } from './SweepFlag';
import { useRecentSweep } from './useRecentSweep';

const DEPTH = 15;
const EXCHANGE_ROWS = 30;

/**
 * The order-book ladder: Level 2 depth (consolidated or per venue) or, for standard symbols, top of book. A click
 * on a price fills the order ticket's symbol and limit price.
 */
export function LadderPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const level2 = useSymbolInfo(symbol)?.dataClass === 'level2';
  const [byExchange, setByExchange] = useState(false);
  const quote = useFeed('quote', { symbol }).event;
  const book = useFeed('book', level2 ? { symbol } : null).event;
  const sweep = useRecentSweep(symbol);
  const pickPrice = useCallback((price: number) => fillFromLadder(symbol, price), [symbol]);
  const source = level2 ? book : quote;
  const freshness = useFreshness({ asOf: source?.asOf ?? null, receivedAt: source?.receivedAt ?? null, symbol, resyncedAt: lastResync(quote, book) });

  const sides = level2 ? (book ? bookLevels(book.value, DEPTH) : null) : quote ? topOfBookLevels(quote.value) : null;
  const venues = level2 && byExchange && book ? exchangeRows(book.value, EXCHANGE_ROWS) : null;
  const spreadValue = sides ? spread(sides) : null;
  const imbalanceValue = sides ? imbalance(sides) : null;
  const last = quote?.value.last != null ? { price: quote.value.last, size: quote.value.lastSize ?? 0 } : null;
  const flags = book ? [book.value.crossed && 'CROSSED', book.value.locked && 'LOCKED'].filter(Boolean).join(' ') : '';

  return (
    <div className={`panel ladder-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="ladder-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="pill">{level2 ? 'L2 depth' : 'Top of book'}</span>
        {level2 && (
          <span className="segmented" role="group" aria-label="Book view">
            <button type="button" className={!byExchange ? 'on' : ''} aria-pressed={!byExchange} onClick={() => setByExchange(false)}>
              Consolidated
            </button>
            <button type="button" className={byExchange ? 'on' : ''} aria-pressed={byExchange} onClick={() => setByExchange(true)} data-testid="ladder-by-exchange">
              By exchange
            </button>
          </span>
        )}
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {/* The engine times of what is on screen: the cockpit benchmark measures tick-to-screen from these. */}
      <div className="ladder-stats num" data-testid="ladder-stats" data-quote-ts={quote?.value.ts ?? ''} data-book-ts={book?.value.ts ?? ''}>
        <span data-testid="ladder-spread">Spread {formatPrice(spreadValue)}</span>
        <span data-testid="ladder-imbalance" className={imbalanceValue === null ? '' : directionOf(imbalanceValue)}>
          Imbalance {imbalanceValue === null ? '—' : `${imbalanceValue >= 0 ? '▲' : '▼'} ${formatSignedPercent(imbalanceValue, 0)} ${imbalanceValue >= 0 ? 'bid' : 'ask'}`}
        </span>
        {flags && <span className="pill bad">{flags}</span>}
        {quote?.value.halted && <span className="pill bad">HALTED</span>}
      </div>
      {sweep && <SweepFlag sweep={sweep} />}
      <div className="panel-body">
        {sides ? (
          <LadderTable
            asks={venues ? venues.asks : sides.asks}
            bids={venues ? venues.bids : sides.bids}
            byExchange={venues !== null}
            last={last}
            sweep={sweep}
            spreadText={formatPrice(spreadValue)}
            onPick={pickPrice}
          />
        ) : (
          <p className="empty">Waiting for {level2 ? 'the book' : 'the quote'} of {symbol}…</p>
        )}
      </div>
    </div>
  );
}

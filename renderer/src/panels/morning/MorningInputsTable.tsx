import type { MorningInputs, MorningSymbol } from '../../../../core/contract/contract';
import { formatMarketTimestamp } from '../../format/marketTime';
import { formatNumber, formatPrice, formatSize } from '../../format/numbers';
import { TableHead } from '../TableHead';

const signedPercent = (value: number) => `${value >= 0 ? '+' : ''}${formatNumber(value, 2)}%`;

/** Dollars in millions or billions: "+$1.25B". */
function dollars(value: number | null): string {
  if (value === null) return '—';
  const size = Math.abs(value);
  const text = size >= 1e9 ? `${formatNumber(size / 1e9, 2)}B` : size >= 1e6 ? `${formatNumber(size / 1e6, 1)}M` : formatSize(size);
  return `${value >= 0 ? '+' : '-'}$${text}`;
}

function SymbolRow({ s }: { s: MorningSymbol }) {
  const flip = s.gex ? (s.gex.flip === null ? (s.gex.flipNote ?? 'none') : formatPrice(s.gex.flip)) : '—';
  return (
    <tr data-testid={`morning-input-${s.symbol}`}>
      <td className="strong">{s.symbol}</td>
      <td className="num right" data-testid="morning-input-gap" title={s.gap ? `${formatPrice(s.gap.price)} vs prior close ${formatPrice(s.gap.priorClose)}` : 'no prior close or pre-market price'}>
        {s.gap ? signedPercent(s.gap.percent) : '—'}
      </td>
      <td className="num right" data-testid="morning-input-flip">{flip}</td>
      <td className="num right">{s.gex ? `${formatPrice(s.gex.callWall)} / ${formatPrice(s.gex.putWall)}` : '—'}</td>
      <td className="num right">{dollars(s.gex?.totalGex ?? null)}</td>
      <td className="num right">{s.vpin ? `${formatNumber(s.vpin.vpin, 3)}${s.vpin.toxic ? ' toxic' : ''}` : '—'}</td>
      <td>{s.regime ? `${s.regime.regime} (${formatNumber(s.regime.volatility * 100, 1)}%)` : '—'}</td>
      <td>{s.sentiment ? `${s.sentiment.label} (${s.sentiment.articles})` : '—'}</td>
      <td>{s.technicals.map((t) => `${t.indicator.toUpperCase()}: ${t.signal}`).join(', ') || '—'}</td>
    </tr>
  );
}

/** The data the analysis was written from (and, with a key, sent to the provider): per symbol, then the positions. */
export function MorningInputsTable({ inputs }: { inputs: MorningInputs }) {
  return (
    <div data-testid="morning-inputs">
      <p className="kv-row muted">assembled {formatMarketTimestamp(inputs.assembledAt)} for the session of {inputs.tradingDay}</p>
      <table className="grid-table compact" aria-label="Morning analysis inputs by symbol">
        <TableHead columns={['Symbol', 'Gap', 'GEX flip', 'Call / put wall', 'Total GEX (1%)', 'VPIN', 'Regime', 'Sentiment', 'Technicals']} left={1} />
        <tbody>
          {inputs.symbols.map((s) => (
            <SymbolRow key={s.symbol} s={s} />
          ))}
        </tbody>
      </table>
      <table className="grid-table compact" aria-label="Morning analysis inputs: positions">
        <TableHead columns={['Position', 'Quantity', 'Avg cost', 'Price', 'Unrealized']} left={1} />
        <tbody>
          {inputs.positions.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">no open positions</td>
            </tr>
          ) : (
            inputs.positions.map((p) => (
              <tr key={p.instrument}>
                <td>{p.instrument}</td>
                <td className="num right">{formatSize(p.quantity)}</td>
                <td className="num right">{formatPrice(p.avgCost)}</td>
                <td className="num right">{formatPrice(p.marketPrice)}</td>
                <td className="num right">{dollars(p.unrealizedPnl)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

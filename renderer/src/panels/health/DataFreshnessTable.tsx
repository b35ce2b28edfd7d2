import type { AlphaVantageStatus, IngestionState } from '../../../../core/contract/contract';
import { useSessionSymbols } from '../../feeds/useSessionSymbols';
import { formatAge } from '../../format/age';

const avTypes = ['options', 'sentiment', 'rsi', 'macd', 'bbands', 'atr'] as const;

function Cell({ label, stale, testId }: { label: string; stale: boolean; testId: string }) {
  return (
    <td className={`num ${stale ? 'stale-cell' : ''}`} data-testid={testId} data-stale={stale}>
      {stale ? '⚠ STALE ' : ''}
      {label}
    </td>
  );
}

/** Per symbol: live market data (IB) and each Alpha Vantage data type, with ages; stale cells say STALE. */
export function DataFreshnessTable({ ingestion, alphaVantage }: { ingestion: IngestionState | null; alphaVantage: AlphaVantageStatus | null }) {
  const symbols = useSessionSymbols();
  return (
    <section className="health-section">
      <h3 className="section-title">Data freshness</h3>
      <table className="grid-table compact" data-testid="health-freshness">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Market data</th>
            {avTypes.map((type) => (
              <th key={type}>{type}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {symbols.map(({ symbol, etf }) => {
            const marketStale = ingestion?.staleSymbols.includes(symbol) ?? false;
            return (
              <tr key={symbol}>
                <th scope="row">{symbol}</th>
                <Cell testId={`freshness-${symbol}-market`} stale={marketStale} label={ingestion ? (marketStale ? '' : 'live') : '—'} />
                {avTypes.map((type) => {
                  const entry = alphaVantage?.freshness.find((f) => f.symbol === symbol && f.dataType === type);
                  const age = entry ? (entry.ageMs === null ? 'never' : formatAge(entry.ageMs)) : type === 'sentiment' && etf ? 'n/a (ETF)' : '—';
                  const label = entry?.timeliness === 'behind' ? `end of day · ${age}` : entry?.timeliness === 'previous_session' ? `prev. session · ${age}` : age;
                  return <Cell key={type} testId={`freshness-${symbol}-${type}`} stale={(entry?.stale ?? false) || entry?.timeliness === 'behind'} label={label} />;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

import type { DiscoveredValue, PairCorrelation } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';
import { correlationColour, heatmapRows, heatmapSymbols, pairsProvenance, type HeatmapCell } from './correlationFigures';
import { MethodStatus } from './MethodStatus';

function cellTitle(pair: PairCorrelation): string {
  const r = pair.correlation === null ? `not estimated: ${pair.reason ?? 'no reason given'}` : `r ${pair.correlation.toFixed(3)}`;
  return `${pair.a}/${pair.b}: ${r} · ${formatSize(pair.sampleSize)} aligned returns`;
}

function Cell({ cell }: { cell: HeatmapCell }) {
  if (cell.row === cell.column) return <td className="heatmap-cell heatmap-diagonal">1</td>;
  const { pair } = cell;
  if (!pair) return <td className="heatmap-cell heatmap-missing" title="no estimate for this pair" data-testid="correlation-cell" data-correlation="" />;
  return (
    <td
      className={`heatmap-cell num ${pair.correlation === null ? 'heatmap-missing' : ''}`}
      style={{ background: correlationColour(pair.correlation) }}
      title={cellTitle(pair)}
      data-testid="correlation-cell"
      data-pair={`${cell.row}/${cell.column}`}
      data-correlation={pair.correlation ?? ''}
      data-observations={pair.sampleSize}
    >
      {pair.correlation === null ? 'n/a' : pair.correlation.toFixed(2)}
    </td>
  );
}

/** Pairs with no estimate and why, so a blank cell is never a mystery. */
function MissingPairs({ pairs }: { pairs: readonly PairCorrelation[] }) {
  const missing = pairs.filter((pair) => pair.correlation === null);
  if (missing.length === 0) return null;
  return (
    <ul className="discovery-missing-pairs muted" data-testid="correlation-missing">
      {missing.map((pair) => (
        <li key={`${pair.a}/${pair.b}`}>
          {pair.a}/{pair.b}: {pair.reason}
        </li>
      ))}
    </ul>
  );
}

/** Correlations of every configured symbol's aligned five-second returns, as a colour-scaled matrix. */
export function CorrelationHeatmap({ found, runSymbols }: { found: DiscoveredValue<PairCorrelation[]>; runSymbols: readonly string[] }) {
  const pairs = found.value ?? [];
  const symbols = heatmapSymbols(runSymbols, pairs);
  const rows = heatmapRows(symbols, pairs);
  return (
    <section className="discovery-section" aria-label="Correlations">
      <h3 className="section-title">Correlations · all symbols</h3>
      <MethodStatus found={{ value: pairsProvenance(pairs), refusal: found.refusal }} unit="aligned returns or more a pair" testId="status-correlations" />
      {pairs.length > 0 && (
        <table className="heatmap" data-testid="correlation-heatmap" data-cells={pairs.length} aria-label="Correlation matrix">
          <thead>
            <tr>
              <th />
              {symbols.map((symbol) => (
                <th key={symbol} scope="col">
                  {symbol}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={symbols[index]}>
                <th scope="row">{symbols[index]}</th>
                {row.map((cell) => (
                  <Cell key={cell.column} cell={cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MissingPairs pairs={pairs} />
    </section>
  );
}

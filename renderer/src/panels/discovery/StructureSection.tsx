import { useMemo, useState } from 'react';
import type { SymbolDiscovery, TemporalStructure } from '../../../../core/contract/contract';
import { formatNumber } from '../../format/numbers';
import { CorrelogramBars } from './CorrelogramBars';
import { MethodStatus } from './MethodStatus';

type Series = 'returns' | 'signedVolume';

const SERIES_LABEL: Record<Series, string> = { returns: '5-second returns', signedVolume: 'signed volume' };

function StructureFigures({ structure }: { structure: TemporalStructure }) {
  const { ljungBox } = structure;
  return (
    <p className="kv-row num" data-testid="discovery-structure-figures">
      <span>
        lookback <b className="discovery-figure" data-testid="discovery-lookback">{structure.lookbackBars}</b> bars
      </span>
      <span data-testid="discovery-significant-lags">significant lags {structure.significantLags.length ? structure.significantLags.join(', ') : 'none'}</span>
      <span title="Bartlett 95% band, 1.96/√N">band ±{formatNumber(structure.band, 4)}</span>
      <span data-testid="discovery-ljung-box" title="Ljung–Box test of the first h lags: a small p-value says the series is not white noise">
        Ljung–Box Q {formatNumber(ljungBox.q, 1)} (h {ljungBox.lags}) p {ljungBox.pValue < 0.0001 ? '< 0.0001' : formatNumber(ljungBox.pValue, 4)}
      </span>
    </p>
  );
}

/** ACF and PACF of five-second returns or of signed volume, with the band, the significant lags and the lookback. */
export function StructureSection({ symbol }: { symbol: SymbolDiscovery }) {
  const [series, setSeries] = useState<Series>('returns');
  const found = series === 'returns' ? symbol.returnStructure : symbol.signedVolumeStructure;
  const structure = found.value;
  const acf = useMemo(() => (structure ? { values: structure.acf, band: structure.band, lookbackBars: structure.lookbackBars } : null), [structure]);
  const pacf = useMemo(() => (structure ? { values: structure.pacf, band: structure.band, lookbackBars: structure.lookbackBars } : null), [structure]);
  return (
    <section className="discovery-section" aria-label="Temporal structure">
      <h3 className="section-title">
        Lookback · temporal structure of{' '}
        <select data-testid="discovery-structure-series" aria-label="Series" value={series} onChange={(e) => setSeries(e.target.value as Series)}>
          {(Object.keys(SERIES_LABEL) as Series[]).map((key) => (
            <option key={key} value={key}>
              {SERIES_LABEL[key]}
            </option>
          ))}
        </select>
      </h3>
      <MethodStatus found={found} unit="bars" testId="status-structure" />
      {structure && <StructureFigures structure={structure} />}
      <div className="discovery-pair">
        <CorrelogramBars kind="acf" view={acf} />
        <CorrelogramBars kind="pacf" view={pacf} />
      </div>
    </section>
  );
}

import type { DiscoveredValue, Regime, VolatilityRegime } from '../../../../core/contract/contract';
import { formatFraction } from './discoveryFormat';
import { MethodStatus } from './MethodStatus';
import { VolatilityHistory } from './VolatilityHistory';

const REGIME_PILL: Record<Regime, string> = { LOW: 'ok', NORMAL: '', HIGH: 'bad' };

/** The volatility regime: the latest realized volatility against thresholds from its own history, over time. */
export function VolatilitySection({ found }: { found: DiscoveredValue<VolatilityRegime> }) {
  const regime = found.value;
  return (
    <section className="discovery-section" aria-label="Volatility regime">
      <h3 className="section-title">Volatility regime</h3>
      <MethodStatus found={found} unit="bars" testId="status-volatility" />
      {regime && (
        <p className="kv-row num">
          <span className={`pill ${REGIME_PILL[regime.regime]}`} data-testid="discovery-regime" data-regime={regime.regime}>
            {regime.regime}
          </span>
          <span data-testid="discovery-volatility">
            RV <b className="discovery-figure">{formatFraction(regime.volatility, 2)}</b> a year
          </span>
          <span>
            LOW below {formatFraction(regime.thresholds.low, 2)} · HIGH above {formatFraction(regime.thresholds.high, 2)}
          </span>
          <span className="muted">
            {regime.historyWindows} windows of {regime.windowBars} bars
          </span>
        </p>
      )}
      <VolatilityHistory regime={regime} />
    </section>
  );
}

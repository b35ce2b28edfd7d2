import type { VolatilityRegime } from '../../../../core/contract/contract';
import { useCanvasChart } from './useCanvasChart';
import { VolatilityChart } from './volatilityChart';

const create = (canvas: HTMLCanvasElement) => new VolatilityChart(canvas);
const draw = (chart: VolatilityChart, regime: VolatilityRegime) => chart.show(regime);

/** Realized volatility over time with the regime thresholds; `data-points` says how many windows it drew. */
export function VolatilityHistory({ regime }: { regime: VolatilityRegime | null }) {
  const { canvasRef, drawn } = useCanvasChart(create, regime, draw);
  return (
    <div className="discovery-chart" data-testid="volatility-chart" data-points={drawn}>
      <canvas ref={canvasRef} role="img" aria-label={regime ? `Realized volatility over ${drawn} windows` : 'Realized volatility, no data'} />
    </div>
  );
}

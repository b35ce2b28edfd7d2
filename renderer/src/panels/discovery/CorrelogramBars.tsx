import { CorrelogramChart, type CorrelogramView } from './correlogramChart';
import { useCanvasChart } from './useCanvasChart';

const createAcf = (canvas: HTMLCanvasElement) => new CorrelogramChart(canvas, 'ACF');
const createPacf = (canvas: HTMLCanvasElement) => new CorrelogramChart(canvas, 'PACF');
const draw = (chart: CorrelogramChart, view: CorrelogramView) => chart.show(view);

/** ACF or PACF bars by lag with the band and the lookback; `data-bars` says how many lags it drew. */
export function CorrelogramBars({ kind, view }: { kind: 'acf' | 'pacf'; view: CorrelogramView | null }) {
  const { canvasRef, drawn } = useCanvasChart(kind === 'acf' ? createAcf : createPacf, view, draw);
  const name = kind === 'acf' ? 'Autocorrelation' : 'Partial autocorrelation';
  return (
    <div className="discovery-chart discovery-chart-half" data-testid={`${kind}-chart`} data-bars={drawn} data-lookback={view?.lookbackBars ?? ''}>
      <canvas ref={canvasRef} role="img" aria-label={view ? `${name} by lag, ${drawn} lags` : `${name}, no data`} />
    </div>
  );
}

import type { TradeSizeClusters } from '../../../../core/contract/contract';
import { TradeSizeChart } from './tradeSizeChart';
import { useCanvasChart } from './useCanvasChart';

const create = (canvas: HTMLCanvasElement) => new TradeSizeChart(canvas);
const draw = (chart: TradeSizeChart, found: TradeSizeClusters) => chart.show(found);

/** The log-scale trade-size histogram; `data-bars` and `data-bucket` say what it drew (the e2e test reads them). */
export function TradeSizeHistogram({ found }: { found: TradeSizeClusters | null }) {
  const { canvasRef, drawn } = useCanvasChart(create, found, draw);
  return (
    <div className="discovery-chart" data-testid="trade-size-chart" data-bars={drawn} data-clusters={found?.clusters.length ?? 0} data-bucket={found?.bucketVolume ?? ''}>
      <canvas ref={canvasRef} role="img" aria-label={found ? `Trade-size histogram, ${drawn} bins, ${found.clusters.length} clusters` : 'Trade-size histogram, no data'} />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { GexChart, type GexChartView } from './gexChart';

/** The Chart.js canvas; `data-bars` says how many bars it drew (the e2e test reads it; the canvas's label says it too). */
export function GexBarChart({ view }: { view: GexChartView | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<GexChart | null>(null);
  const [barsDrawn, setBarsDrawn] = useState(0);

  useEffect(() => {
    const chart = new GexChart(canvasRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (view && chartRef.current) setBarsDrawn(chartRef.current.show(view));
  }, [view]);

  return (
    <div className="gex-chart" data-testid="gex-chart" data-bars={barsDrawn} data-computed-at={view?.gex.computedAt ?? ''}>
      <canvas ref={canvasRef} role="img" aria-label={view ? `GEX by strike, ${barsDrawn} bars` : 'GEX by strike, waiting for data'} />
    </div>
  );
}

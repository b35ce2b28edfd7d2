import { useEffect, useRef, useState } from 'react';

interface CanvasChart {
  clear(): void;
  dispose(): void;
}

function redraw<C extends CanvasChart, V>(chart: C, view: V | null, draw: (chart: C, view: V) => number): number {
  if (view !== null) return draw(chart, view);
  chart.clear();
  return 0;
}

/**
 * A Chart.js chart on a canvas for the component's life: `create` once (a module-level function, stable), then
 * `draw` with each new view (cleared while there is none). Returns the canvas ref and what the last draw counted
 * (bars or points), which the chart's data attribute and label report.
 */
export function useCanvasChart<C extends CanvasChart, V>(create: (canvas: HTMLCanvasElement) => C, view: V | null, draw: (chart: C, view: V) => number) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<C | null>(null);
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    const chart = create(canvasRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, [create]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    setDrawn(redraw(chart, view, draw));
  }, [view, draw]);

  return { canvasRef, drawn };
}

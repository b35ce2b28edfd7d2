import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { AnnotatedChart } from './annotatedChart';
import type { VolatilityRegime } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { axis, COLOURS, markLine } from './chartStyle';
import { formatFraction } from './discoveryFormat';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, annotationPlugin);

type Point = { x: number; y: number };

/** Annualized realized volatility (%) of each history window over time, with the LOW and HIGH thresholds. */
export class VolatilityChart extends AnnotatedChart<'line', Point> {
  constructor(canvas: HTMLCanvasElement) {
    super(new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: { ...axis('window end (New York)'), ticks: { ...axis('').ticks, maxTicksLimit: 6, callback: (value) => formatMarketTime(Number(value)).slice(0, 5) } },
          y: { ...axis('RV, % a year'), beginAtZero: true },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => formatMarketTime(items[0]?.parsed.x ?? 0), label: (item) => `RV ${formatFraction((item.parsed.y ?? NaN) / 100, 2)}` } },
          annotation: { annotations: {} },
        },
      },
    }));
  }

  /** Draws the series; returns the number of points. */
  show(regime: VolatilityRegime): number {
    const data = regime.series.map((point) => ({ x: point.end, y: point.volatility * 100 }));
    this.chart.data.datasets = [{ data, borderColor: COLOURS.bar, backgroundColor: COLOURS.bar, borderWidth: 1.5, pointRadius: 0, pointHitRadius: 4 }];
    const { low, high, lowPercentile, highPercentile } = regime.thresholds;
    this.chart.options.plugins!.annotation!.annotations = {
      low: markLine('y', low * 100, COLOURS.low, `LOW < ${formatFraction(low, 2)} (p${Math.round(lowPercentile * 100)})`, { dashed: true, position: 'end' }),
      high: markLine('y', high * 100, COLOURS.high, `HIGH > ${formatFraction(high, 2)} (p${Math.round(highPercentile * 100)})`, { dashed: true }),
    };
    this.chart.update('none');
    return data.length;
  }
}

import { BarController, BarElement, Chart, LinearScale, Tooltip } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { AnnotatedChart } from './annotatedChart';
import { formatNumber } from '../../format/numbers';
import { axis, COLOURS, markLine } from './chartStyle';

Chart.register(BarController, BarElement, LinearScale, Tooltip, annotationPlugin);

type Point = { x: number; y: number };
const LAG_TICKS = [1, 10, 20, 30, 40, 50, 60];

export interface CorrelogramView {
  /** Index k−1 holds lag k. */
  values: readonly number[];
  /** Half-width of the 95% band. */
  band: number;
  lookbackBars: number;
}

/** The coefficients by lag as bars (beyond the band: orange), the ±band lines and the chosen lookback. */
export class CorrelogramChart extends AnnotatedChart<'bar', Point> {
  constructor(canvas: HTMLCanvasElement, label: string) {
    super(new Chart<'bar', Point[]>(canvas, {
      type: 'bar',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            ...axis('lag, bars'),
            min: 0.5,
            max: 60.5,
            afterBuildTicks: (scale) => {
              scale.ticks = LAG_TICKS.map((value) => ({ value }));
            },
          },
          y: { ...axis(label), suggestedMin: -0.1, suggestedMax: 0.1 },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => `lag ${items[0]?.parsed.x ?? ''}`, label: (item) => `${label} ${formatNumber(item.parsed.y, 4)}` } },
          annotation: { annotations: {} },
        },
      },
    }));
  }

  /** Draws the coefficients; returns the number of bars. */
  show(view: CorrelogramView): number {
    const data = view.values.map((value, index) => ({ x: index + 1, y: value }));
    const colours = data.map((point) => (Math.abs(point.y) > view.band ? COLOURS.significant : COLOURS.bar));
    this.chart.data.datasets = [{ data, backgroundColor: colours, barPercentage: 0.8, categoryPercentage: 1 }];
    this.chart.options.plugins!.annotation!.annotations = {
      upper: markLine('y', view.band, COLOURS.band, `+${formatNumber(view.band, 3)}`, { dashed: true, position: 'end' }),
      lower: markLine('y', -view.band, COLOURS.band, `−${formatNumber(view.band, 3)}`, { dashed: true, position: 'end' }),
      lookback: markLine('x', view.lookbackBars, COLOURS.lookback, `lookback ${view.lookbackBars}`, { position: 'start' }),
    };
    this.chart.update('none');
    return data.length;
  }
}

import { BarController, BarElement, Chart, LinearScale, Tooltip } from 'chart.js';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import { AnnotatedChart } from './annotatedChart';
import type { TradeSizeClusters } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';
import { axis, COLOURS, markLine } from './chartStyle';
import { formatShares, logTickLabel, sizeBars, sizeMarks, type SizeBar, type SizeMark } from './tradeSizeFigures';

Chart.register(BarController, BarElement, LinearScale, Tooltip, annotationPlugin);

type Point = { x: number; y: number; bar: SizeBar };

const MARK_COLOUR: Record<SizeMark['kind'], string> = { boundary: COLOURS.boundary, bucket: COLOURS.chosen, paper: COLOURS.paper };

function barColour(bar: SizeBar, chosen: number): string {
  if (bar.cluster === null) return COLOURS.other;
  return bar.cluster === chosen ? COLOURS.chosen : COLOURS.bar;
}

/**
 * The trade-size histogram on a log axis (x = log10 shares, ticks at powers of ten), bars coloured by cluster (the
 * chosen cluster green), with each cluster's edges, the chosen bucket and the paper's ADV/50 as lines.
 */
export class TradeSizeChart extends AnnotatedChart<'bar', Point> {
  constructor(canvas: HTMLCanvasElement) {
    super(new Chart<'bar', Point[]>(canvas, {
      type: 'bar',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            ...axis('trade size, shares (log scale)'),
            // A tick every bin edge (four a decade), labelled and gridded at the powers of ten only.
            ticks: { ...axis('').ticks, stepSize: 0.25, autoSkip: false, callback: (value) => logTickLabel(Number(value)) },
            grid: { color: (context) => (Number.isInteger(context.tick?.value) ? COLOURS.grid : 'transparent') },
          },
          y: { ...axis('trades'), beginAtZero: true },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const bar = (items[0]?.raw as Point | undefined)?.bar;
                return bar ? `${formatShares(bar.low)}–${formatShares(bar.high)} shares` : '';
              },
              label: (item) => `${formatSize((item.raw as Point).y)} trades`,
            },
          },
          annotation: { annotations: {} },
        },
      },
    }));
  }

  /** Draws the clusters; returns the number of bars. */
  show(found: TradeSizeClusters): number {
    const bars = sizeBars(found);
    const data = bars.map((bar) => ({ x: bar.x, y: bar.count, bar }));
    this.chart.data.datasets = [{ data, backgroundColor: bars.map((bar) => barColour(bar, found.chosenCluster)), barPercentage: 1, categoryPercentage: 0.95 }];
    const x = this.chart.options.scales!.x!;
    x.min = bars.length ? Math.floor(bars[0]!.x * 4) / 4 : 0;
    x.max = bars.length ? Math.ceil(bars.at(-1)!.x * 4) / 4 : 1;
    const lines: Record<string, AnnotationOptions> = {};
    for (const mark of sizeMarks(found)) {
      lines[mark.id] = markLine('x', mark.x, MARK_COLOUR[mark.kind], mark.label, { dashed: mark.kind !== 'bucket', position: mark.kind === 'paper' ? 'center' : 'start' });
    }
    this.chart.options.plugins!.annotation!.annotations = lines;
    this.chart.update('none');
    return bars.length;
  }
}

import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import type { OptionsFlowReading } from '../../../../core/contract/contract';

type ExpiryVol = OptionsFlowReading['termStructure'][number];

// Only what this chart draws: lines with points on two linear axes, the tooltip, the legend and one annotation.
Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend, annotationPlugin);

const IV_COLOUR = '#4ea1ff';
const SKEW_COLOUR = '#f5a623';
const TEXT = '#a3adbb';
const GRID = '#1b212b';
type Point = { x: number; y: number };
const points = (expiries: readonly ExpiryVol[], value: (e: ExpiryVol) => number | null): Point[] =>
  expiries.flatMap((e) => {
    const v = value(e);
    return v === null ? [] : [{ x: e.days, y: v * 100 }];
  });

/**
 * The term structure on a days-to-expiry axis: ATM IV (%) per expiry on the left scale and the 25-delta risk
 * reversal (vol points) per expiry on the right, with the ATM target maturity marked.
 */
export class TermStructureChart {
  private readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement) {
    const datasets: Array<ChartDataset<'line', Point[]>> = [
      { label: 'ATM IV %', data: [], borderColor: IV_COLOUR, backgroundColor: IV_COLOUR, yAxisID: 'iv', pointRadius: 2, borderWidth: 2 },
      { label: '25Δ RR (vol pts)', data: [], borderColor: SKEW_COLOUR, backgroundColor: SKEW_COLOUR, yAxisID: 'skew', pointRadius: 2, borderWidth: 1, borderDash: [4, 3] },
    ];
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'days to expiry', color: TEXT }, ticks: { color: TEXT }, grid: { color: GRID } },
          iv: { type: 'linear', position: 'left', title: { display: true, text: 'ATM IV %', color: IV_COLOUR }, ticks: { color: TEXT }, grid: { color: GRID } },
          skew: { type: 'linear', position: 'right', title: { display: true, text: '25Δ RR', color: SKEW_COLOUR }, ticks: { color: TEXT }, grid: { display: false } },
        },
        plugins: {
          legend: { labels: { color: TEXT, boxWidth: 10, font: { size: 10 } } },
          tooltip: { callbacks: { title: (items) => `${items[0]?.parsed.x ?? ''} days` } },
          annotation: { annotations: {} },
        },
      },
    });
  }

  show(expiries: readonly ExpiryVol[], targetDays: number): void {
    const [iv, skew] = this.chart.data.datasets;
    iv!.data = points(expiries, (e) => e.atmIv);
    skew!.data = points(expiries, (e) => e.riskReversal25);
    this.chart.options.plugins!.annotation!.annotations = {
      target: { type: 'line', xMin: targetDays, xMax: targetDays, borderColor: '#5c6675', borderWidth: 1, borderDash: [2, 2], label: { display: true, content: `${targetDays} d`, position: 'start', color: TEXT, backgroundColor: 'transparent', font: { size: 10 } } },
    };
    this.chart.update('none');
  }

  dispose(): void {
    this.chart.destroy();
  }
}

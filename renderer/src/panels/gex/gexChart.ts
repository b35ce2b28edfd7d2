import { BarController, BarElement, Chart, LinearScale, Tooltip, type ChartDataset } from 'chart.js';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import type { GammaExposureUpdate, StrikeExposure } from '../../../../core/contract/analyticsView';
import { formatUsdCompact } from './gexFigures';

// Only what this chart draws, so the bundle carries no other chart types.
Chart.register(BarController, BarElement, LinearScale, Tooltip, annotationPlugin);

const COLOURS = { call: '#2ecc71', put: '#ff4d4f', text: '#d5dbe5', muted: '#7d8796', grid: '#252c38', spot: '#4ea1ff', flip: '#f5a623', wall: '#c9a0ff' };
const FONT = { family: "'JetBrains Mono', 'DejaVu Sans Mono', monospace", size: 10 };

export type GexBars = 'net' | 'callPut';

export interface GexChartView {
  gex: GammaExposureUpdate;
  rows: StrikeExposure[];
  window: { low: number; high: number } | null;
  bars: GexBars;
}

type Bar = { x: number; y: number };
const colourBySign = (rows: Bar[]) => rows.map((row) => (row.y >= 0 ? COLOURS.call : COLOURS.put));

function datasets(view: GexChartView): ChartDataset<'bar', Bar[]>[] {
  if (view.bars === 'net') {
    const data = view.rows.map((row) => ({ x: row.strike, y: row.gex }));
    return [{ label: 'net GEX', data, backgroundColor: colourBySign(data), barPercentage: 0.9, categoryPercentage: 1 }];
  }
  return [
    { label: 'call GEX', data: view.rows.map((row) => ({ x: row.strike, y: row.callGex })), backgroundColor: COLOURS.call, barPercentage: 0.9, categoryPercentage: 1 },
    { label: 'put GEX', data: view.rows.map((row) => ({ x: row.strike, y: row.putGex })), backgroundColor: COLOURS.put, barPercentage: 0.9, categoryPercentage: 1 },
  ];
}

function line(value: number, colour: string, text: string, position: 'start' | 'end' | `${number}%`, dashed: boolean): AnnotationOptions<'line'> {
  return {
    type: 'line',
    scaleID: 'x',
    value,
    borderColor: colour,
    borderWidth: dashed ? 1 : 1.5,
    borderDash: dashed ? [4, 3] : [],
    label: { display: true, content: text, position, color: colour, backgroundColor: 'rgba(11,14,19,0.85)', font: FONT, padding: 2 },
  };
}

function annotations(view: GexChartView): Record<string, AnnotationOptions> {
  const { gex } = view;
  const lines: Record<string, AnnotationOptions> = { spot: line(gex.spot, COLOURS.spot, `spot ${gex.spot.toFixed(2)}`, 'start', false) };
  if (gex.flip.level !== null) lines.flip = line(gex.flip.level, COLOURS.flip, `flip ${gex.flip.level.toFixed(2)}`, 'end', false);
  if (gex.callWall !== null && gex.callWall === gex.putWall) lines.walls = line(gex.callWall, COLOURS.wall, `call & put wall ${gex.callWall}`, '35%', true);
  else {
    if (gex.callWall !== null) lines.callWall = line(gex.callWall, COLOURS.wall, `call wall ${gex.callWall}`, '30%', true);
    if (gex.putWall !== null) lines.putWall = line(gex.putWall, COLOURS.wall, `put wall ${gex.putWall}`, '55%', true);
  }
  return lines;
}

/** GEX by strike as bars on a price axis, with the spot, flip and wall lines; redrawn in place on each update. */
export class GexChart {
  private readonly chart: Chart<'bar', Bar[]>;

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new Chart<'bar', Bar[]>(canvas, {
      type: 'bar',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          x: { type: 'linear', ticks: { color: COLOURS.muted, font: FONT, precision: 0, maxRotation: 0 }, grid: { color: COLOURS.grid }, title: { display: true, text: 'strike', color: COLOURS.muted, font: FONT } },
          y: {
            type: 'linear',
            ticks: { color: COLOURS.muted, font: FONT, callback: (value) => formatUsdCompact(Number(value)) },
            grid: { color: COLOURS.grid },
            title: { display: true, text: 'GEX, USD per 1% move', color: COLOURS.muted, font: FONT },
          },
        },
        plugins: {
          tooltip: { callbacks: { title: (items) => `strike ${items[0]?.parsed.x ?? ''}`, label: (item) => `${item.dataset.label}: ${formatUsdCompact(item.parsed.y)}` } },
          annotation: { annotations: {} },
        },
      },
    });
  }

  /** Draws the view; returns the number of bars drawn. */
  show(view: GexChartView): number {
    const { chart } = this;
    chart.data.datasets = datasets(view);
    const x = chart.options.scales!.x!;
    const pad = view.rows.length > 1 ? (view.rows[1]!.strike - view.rows[0]!.strike) / 2 : 1;
    x.min = view.window ? view.window.low : (view.rows[0]?.strike ?? view.gex.spot) - pad;
    x.max = view.window ? view.window.high : (view.rows.at(-1)?.strike ?? view.gex.spot) + pad;
    chart.options.plugins!.annotation!.annotations = annotations(view);
    chart.update('none');
    return chart.data.datasets.reduce((count, dataset) => count + dataset.data.length, 0);
  }

  dispose(): void {
    this.chart.destroy();
  }
}

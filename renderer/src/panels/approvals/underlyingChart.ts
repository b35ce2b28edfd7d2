import { ColorType, createChart, createSeriesMarkers, LineSeries, LineStyle, type IChartApi, type IPriceLine, type ISeriesApi, type ISeriesMarkersPluginApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { Bar } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';

const LINE = '#4ea1ff';
const ENTRY = '#f5a623';
const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;
const marketTime = (time: Time) => formatMarketTime((time as number) * 1000);

/** The underlying's recent 5-second closes as a line, with the price and moment the proposal was made marked. */
export class UnderlyingChart {
  private readonly chart: IChartApi;
  private readonly closes: ISeriesApi<'Line'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private entryLine: IPriceLine | null = null;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#11151c' }, textColor: '#a3adbb', fontSize: 10 },
      grid: { vertLines: { visible: false }, horzLines: { color: '#1b212b' } },
      rightPriceScale: { borderColor: '#252c38' },
      timeScale: { borderColor: '#252c38', timeVisible: true, secondsVisible: false, tickMarkFormatter: marketTime },
      localization: { timeFormatter: marketTime },
      crosshair: { mode: 0 },
      handleScroll: false,
      handleScale: false,
    });
    this.closes = this.chart.addSeries(LineSeries, { color: LINE, lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } });
    this.markers = createSeriesMarkers(this.closes, []);
  }

  /** Shows these bars (oldest first) and marks `entry`: the underlying's price when proposed, at that time. */
  show(bars: readonly Bar[], entry: { price: number; at: number }): void {
    const points: Array<{ time: UTCTimestamp; value: number }> = [];
    for (const bar of bars) {
      const time = seconds(bar.time);
      const last = points.at(-1);
      if (last && time <= last.time) continue;
      points.push({ time, value: bar.close });
    }
    this.closes.setData(points);
    if (this.entryLine) this.closes.removePriceLine(this.entryLine);
    this.entryLine = this.closes.createPriceLine({ price: entry.price, color: ENTRY, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: 'proposed' });
    // The marker sits on the bar the proposal was made in (or the newest one, when it is newer than every bar).
    const at = seconds(entry.at);
    const bar = [...points].reverse().find((p) => p.time <= at) ?? points.at(-1);
    this.markers.setMarkers(bar ? [{ time: bar.time, position: 'aboveBar', color: ENTRY, shape: 'arrowDown', text: 'proposed' }] : []);
    this.chart.timeScale().fitContent();
  }

  dispose(): void {
    this.chart.remove();
  }
}

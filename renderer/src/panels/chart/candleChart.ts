import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';

const UP = '#2ecc71';
const DOWN = '#ff4d4f';
const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;
const marketTime = (time: Time) => formatMarketTime((time as number) * 1000);
const candleOf = (bar: Bar) => ({ time: seconds(bar.time), open: bar.open, high: bar.high, low: bar.low, close: bar.close });
const volumeOf = (bar: Bar) => ({
  time: seconds(bar.time),
  value: bar.volume,
  color: bar.close >= bar.open ? 'rgba(46,204,113,0.45)' : 'rgba(255,77,79,0.45)',
});

/** A candlestick chart with volume underneath; bars only ever go in through update() after the first load. */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private lastTime = -1;
  barCount = 0;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#11151c' }, textColor: '#a3adbb', fontSize: 11 },
      grid: { vertLines: { color: '#1b212b' }, horzLines: { color: '#1b212b' } },
      rightPriceScale: { borderColor: '#252c38' },
      timeScale: { borderColor: '#252c38', timeVisible: true, secondsVisible: true, tickMarkFormatter: marketTime, rightOffset: 3 },
      localization: { timeFormatter: marketTime },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
      priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
    });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  /** Takes the stream's newest bars: the first call loads them, later ones add or amend only newer bars. */
  apply(bars: readonly Bar[]): void {
    for (const bar of bars) {
      const time = seconds(bar.time);
      if (time < this.lastTime) continue;
      this.candles.update(candleOf(bar));
      this.volume.update(volumeOf(bar));
      if (time > this.lastTime) this.barCount++;
      this.lastTime = time;
    }
  }

  /** Start of the oldest bar held, epoch ms; null while empty. */
  get firstBarTime(): number | null {
    const first = this.candles.data()[0];
    return first ? (first.time as number) * 1000 : null;
  }

  /** Puts bars older than the oldest held in front of it, keeping the view on the bars it showed; returns how many. */
  prepend(older: readonly Bar[]): number {
    const first = this.firstBarTime;
    const fresh = first === null ? [] : older.filter((bar) => bar.time < first);
    if (fresh.length === 0) return 0;
    const range = this.chart.timeScale().getVisibleLogicalRange();
    this.candles.setData([...fresh.map(candleOf), ...this.candles.data()]);
    this.volume.setData([...fresh.map(volumeOf), ...this.volume.data()]);
    if (range) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + fresh.length, to: range.to + fresh.length });
    this.barCount += fresh.length;
    return fresh.length;
  }

  /** Calls `handler` whenever the view comes within `bars` of the oldest bar held (scrolled back); returns unsubscribe. */
  onNearStart(bars: number, handler: () => void): () => void {
    const listener = (range: { from: number } | null) => range && range.from < bars && handler();
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(listener);
    return () => this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(listener);
  }

  reset(): void {
    this.candles.setData([]);
    this.volume.setData([]);
    this.lastTime = -1;
    this.barCount = 0;
  }

  dispose(): void {
    this.chart.remove();
  }
}

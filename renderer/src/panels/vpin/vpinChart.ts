import { ColorType, createChart, LineSeries, LineStyle, type IChartApi, type IPriceLine, type ISeriesApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { VpinReading } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';

const VPIN_COLOUR = '#4ea1ff';
const CDF_COLOUR = '#f5a623';
const ALERT_COLOUR = '#ff4d4f';
/** Up to this many points the chart shows them all, across the whole width. */
const FIT_UNTIL_POINTS = 150;
const marketTime = (time: Time) => formatMarketTime((time as number) * 1000);

/**
 * One point per second, the second's last reading: small buckets can fill several times a second, and the chart's
 * time axis takes one value per time.
 */
function perSecond(readings: readonly VpinReading[], value: (reading: VpinReading) => number | null): Array<{ time: UTCTimestamp; value: number }> {
  const points: Array<{ time: UTCTimestamp; value: number }> = [];
  for (const reading of readings) {
    const v = value(reading);
    if (v === null) continue;
    const time = Math.floor(reading.time / 1000) as UTCTimestamp;
    const last = points.at(-1);
    if (last && last.time === time) last.value = v;
    else if (!last || time > last.time) points.push({ time, value: v });
  }
  return points;
}

/** VPIN and its CDF (both 0..1) over time, with the alert level drawn across the CDF. */
export class VpinChart {
  private readonly chart: IChartApi;
  private readonly vpin: ISeriesApi<'Line'>;
  private readonly cdf: ISeriesApi<'Line'>;
  private alertLine: IPriceLine | null = null;
  pointCount = 0;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#11151c' }, textColor: '#a3adbb', fontSize: 11 },
      grid: { vertLines: { color: '#1b212b' }, horzLines: { color: '#1b212b' } },
      rightPriceScale: { borderColor: '#252c38', scaleMargins: { top: 0.06, bottom: 0.04 } },
      timeScale: { borderColor: '#252c38', timeVisible: true, secondsVisible: true, tickMarkFormatter: marketTime, rightOffset: 2 },
      localization: { timeFormatter: marketTime },
      crosshair: { mode: 0 },
    });
    const format = { type: 'price' as const, precision: 3, minMove: 0.001 };
    // Both lines always on the full 0..1 scale, so a level reads the same at every moment.
    this.cdf = this.chart.addSeries(LineSeries, { color: CDF_COLOUR, lineWidth: 1, title: 'CDF', priceFormat: format, autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 1 } }) });
    this.vpin = this.chart.addSeries(LineSeries, { color: VPIN_COLOUR, lineWidth: 2, title: 'VPIN', priceFormat: format, autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 1 } }) });
  }

  /** The view's readings replace what is drawn (at most 500: cheap to set whole). */
  show(readings: readonly VpinReading[], alertLevel: number): void {
    const vpin = perSecond(readings, (r) => r.vpin);
    this.vpin.setData(vpin);
    this.cdf.setData(perSecond(readings, (r) => r.cdf));
    // A short history fills the width; a longer one keeps the trader's zoom and scroll.
    if (vpin.length <= FIT_UNTIL_POINTS) this.chart.timeScale().fitContent();
    this.pointCount = vpin.length;
    if (this.alertLine?.options().price !== alertLevel) {
      if (this.alertLine) this.cdf.removePriceLine(this.alertLine);
      this.alertLine = this.cdf.createPriceLine({ price: alertLevel, color: ALERT_COLOUR, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: 'alert' });
    }
  }

  dispose(): void {
    this.chart.remove();
  }
}

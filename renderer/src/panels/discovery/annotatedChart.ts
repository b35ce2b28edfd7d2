import type { Chart, ChartType } from 'chart.js';

/** A Chart.js chart with annotation lines that the Discovery panel draws a view into, clears and disposes. */
export abstract class AnnotatedChart<T extends ChartType, D> {
  protected constructor(protected readonly chart: Chart<T, D[]>) {}

  clear(): void {
    this.chart.data.datasets = [];
    const annotation = this.chart.options?.plugins?.annotation;
    if (annotation) annotation.annotations = {};
    this.chart.update('none');
  }

  dispose(): void {
    this.chart.destroy();
  }
}

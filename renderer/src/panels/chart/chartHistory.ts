import type { Bar } from '../../../../core/contract/contract';
import type { CandleChart } from './candleChart';

/** How close (in bars) the view may come to the oldest bar held before older ones are asked for. */
export const HISTORY_EDGE_BARS = 10;

/**
 * Scrolling back past what the chart holds: asks the engine for the bars before the oldest one (what Redis keeps,
 * the last hour) and puts them in front. One request at a time; once the engine has nothing older, it stops asking.
 */
export class ChartHistory {
  private loading = false;
  private exhausted = false;
  private disposed = false;

  constructor(
    private readonly chart: CandleChart,
    private readonly fetchBefore: (before: number) => Promise<readonly Bar[]>,
    private readonly onLoaded: () => void,
  ) {}

  async loadOlder(): Promise<void> {
    const first = this.chart.firstBarTime;
    if (this.loading || this.exhausted || this.disposed || first === null) return;
    this.loading = true;
    try {
      const older = await this.fetchBefore(first);
      if (this.disposed) return;
      if (this.chart.prepend(older) === 0) this.exhausted = true;
      this.onLoaded();
    } catch {
      // The engine could not answer (connection lost): the next scroll back asks again.
    } finally {
      this.loading = false;
    }
  }

  dispose(): void {
    this.disposed = true;
  }
}

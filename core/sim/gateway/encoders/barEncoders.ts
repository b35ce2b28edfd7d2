import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';
import type { HistoricalBarView } from '../protocol/wireTypes';

export interface RealTimeBarView {
  reqId: number;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export function encodeRealTimeBar(w: FrameWriter, _v: number, b: RealTimeBarView): void {
  w.begin(IN.REAL_TIME_BARS).int(3).int(b.reqId).int(b.time);
  w.num(b.open).num(b.high).num(b.low).num(b.close).num(b.volume).num(b.wap).int(b.count).end();
}

/** No version field and no hasGaps since v124; the bar list ends the response (no separate END before v196). */
export function encodeHistoricalData(
  w: FrameWriter,
  _v: number,
  m: { reqId: number; start: string; end: string; bars: HistoricalBarView[] },
): void {
  w.begin(IN.HISTORICAL_DATA).int(m.reqId).str(m.start).str(m.end).int(m.bars.length);
  for (const b of m.bars) {
    w.str(b.date).num(b.open).num(b.high).num(b.low).num(b.close).num(b.volume).num(b.wap).int(b.count);
  }
  w.end();
}

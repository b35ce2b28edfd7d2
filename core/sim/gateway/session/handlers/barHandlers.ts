import type { SimBar, MarketFeed } from '../../../market/marketFeed';
import { encodeHistoricalData, encodeRealTimeBar } from '../../encoders/barEncoders';
import { aggregateBars, barSizeSeconds, durationSeconds, historicalBarView } from '../../market/history';
import { ERR, messageFor } from '../../protocol/errorCodes';
import type { Request } from '../../requests/requestTypes';
import { twsDateTime } from '../../wire/twsTime';
import type { Session } from '../session';
import { reject, resolveOrReject } from './resolve';

type Req<K extends Request['type']> = Extract<Request, { type: K }>;

const MAX_HISTORY_BARS_5S = 50_000;

interface WithHistory {
  historicalBars(symbol: string, barSeconds: number, count: number): SimBar[];
}

function hasHistory(feed: MarketFeed): feed is MarketFeed & WithHistory {
  return typeof (feed as Partial<WithHistory>).historicalBars === 'function';
}

/** The model's own history (which reaches back before it started) when it has one, else its recent 5-second bars. */
function historyOf(feed: MarketFeed, symbol: string, barSeconds: number, durationS: number): SimBar[] {
  const count = Math.ceil(durationS / barSeconds);
  const supported = barSeconds === 5 || barSeconds === 86_400 || (barSeconds % 60 === 0 && barSeconds <= 3600);
  if (hasHistory(feed) && supported) return feed.historicalBars(symbol, barSeconds, count);
  return aggregateBars(feed.bars(symbol, Math.min(Math.ceil(durationS / 5), MAX_HISTORY_BARS_5S)), barSeconds).slice(-count);
}

export function reqRealTimeBars(s: Session, r: Req<'reqRealTimeBars'>): void {
  const { ctx } = s;
  const i = resolveOrReject(s, r.reqId, r.contract);
  if (!i) return;
  if (i.kind !== 'stock') return reject(s, r.reqId, ERR.RT_BARS_PACING, 'Invalid Real-time Query:real-time bars are only available for stocks here');
  if (s.subs.has('bars', r.reqId)) return reject(s, r.reqId, ERR.DUPLICATE_TICKER);
  if (ctx.faults.pacing) {
    const violation = ctx.realTimeBarPacing.check(`${s.clientId}|${i.spec.conId}|${r.whatToShow}|${r.useRTH}`, String(i.spec.conId));
    if (violation) return reject(s, r.reqId, ERR.RT_BARS_PACING, `Invalid Real-time Query:${violation}`);
  }
  const listener = {
    symbol: i.spec.symbol,
    onBar: (b: SimBar) => {
      const w = s.mdWriter();
      if (!w) return;
      encodeRealTimeBar(w, s.version, { reqId: r.reqId, ...b });
      s.mdDone();
    },
  };
  ctx.hub.addBars(listener);
  s.subs.add('bars', r.reqId, listener, () => ctx.hub.removeBars(listener));
}

export function cancelRealTimeBars(s: Session, r: Req<'cancelRealTimeBars'>): void {
  s.subs.remove('bars', r.reqId);
}

export function reqHistoricalData(s: Session, r: Req<'reqHistoricalData'>): void {
  const { ctx } = s;
  if (!ctx.upstream.historicalFarm) return reject(s, r.reqId, ERR.HIST_PACING, messageFor(ERR.HIST_PACING, 'HMDS data farm connection is broken:ushmds'));
  const i = resolveOrReject(s, r.reqId, r.contract);
  if (!i) return;
  if (i.kind !== 'stock') return reject(s, r.reqId, ERR.HIST_PACING, messageFor(ERR.HIST_PACING, 'No historical data query found for this option'));
  const barSeconds = barSizeSeconds(r.barSize);
  const duration = durationSeconds(r.duration);
  if (!barSeconds || !duration) {
    return reject(s, r.reqId, ERR.VALIDATION, `Error validating request: invalid bar size "${r.barSize}" or duration "${r.duration}"`);
  }
  if (ctx.faults.pacing) {
    const key = `${i.spec.conId}|${r.endDateTime}|${r.duration}|${r.barSize}|${r.whatToShow}|${r.useRTH}`;
    const violation = ctx.historicalPacing.check(key, `${i.spec.conId}|${r.whatToShow}`);
    if (violation) return reject(s, r.reqId, ERR.HIST_PACING, messageFor(ERR.HIST_PACING, violation));
  }
  const bars = historyOf(ctx.feed, i.spec.symbol, Math.max(5, barSeconds), duration);
  if (bars.length === 0) return reject(s, r.reqId, ERR.HIST_PACING, messageFor(ERR.HIST_PACING, 'HMDS query returned no data'));
  const daily = barSeconds >= 86_400;
  const endMs = ctx.feed.now();
  s.send(encodeHistoricalData, {
    reqId: r.reqId,
    start: twsDateTime(endMs - duration * 1000),
    end: twsDateTime(endMs),
    bars: bars.map((b) => historicalBarView(b, r.formatDate, daily)),
  });
}

/** History is answered in one message, so there is nothing left to cancel. */
export function cancelHistoricalData(_s: Session, _r: Req<'cancelHistoricalData'>): void {}

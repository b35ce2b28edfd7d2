import { symbolOf } from '../../contracts/catalog';
import { encodeMarketDataType, encodeMktDepthExchanges, encodeTickReqParams, encodeTickSnapshotEnd } from '../../encoders/systemEncoders';
import { DepthStream } from '../../market/depthStream';
import { OptionTicker } from '../../market/optionTicker';
import { StockTicker } from '../../market/stockTicker';
import { ERR, messageFor } from '../../protocol/errorCodes';
import type { Request } from '../../requests/requestTypes';
import { depthRequestsInUse, tickerLinesInUse } from '../gatewayContext';
import type { Session } from '../session';
import { reject, resolveOrReject } from './resolve';

type Req<K extends Request['type']> = Extract<Request, { type: K }>;

const DEPTH_EXCHANGES = ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX'];

export function reqMktData(s: Session, r: Req<'reqMktData'>): void {
  const { ctx } = s;
  if (s.subs.has('mkt', r.reqId)) return reject(s, r.reqId, ERR.DUPLICATE_TICKER);
  const i = resolveOrReject(s, r.reqId, r.contract);
  if (!i) return;
  if (ctx.faults.lacksPermission(symbolOf(i))) return reject(s, r.reqId, ERR.NOT_SUBSCRIBED);
  const limit = ctx.faults.maxTickerLines;
  if (!r.snapshot && limit > 0 && tickerLinesInUse(ctx) >= limit) return reject(s, r.reqId, ERR.MAX_TICKERS);
  const delayed = ctx.faults.delayedData;
  const minTick = i.kind === 'stock' ? i.spec.minTick : 0.01;
  s.send(encodeTickReqParams, { tickerId: r.reqId, minTick, bboExchange: i.kind === 'stock' ? '9c0001' : 'a60001', snapshotPermissions: 3 });
  if (delayed) s.error(r.reqId, ERR.DELAYED_DATA);
  s.send(encodeMarketDataType, { reqId: r.reqId, type: delayed ? 3 : s.marketDataType === 2 ? 2 : 1 });
  if (i.kind === 'stock') {
    const ticker = new StockTicker(s, r.reqId, i.spec.symbol, r.genericTicks, delayed);
    ticker.snapshot(ctx.feed.quote(i.spec.symbol), ctx.feed.previousClose?.(i.spec.symbol));
    if (r.snapshot) return s.send(encodeTickSnapshotEnd, r.reqId);
    ctx.hub.addStock(ticker);
    s.subs.add('mkt', r.reqId, ticker, () => ctx.hub.removeStock(ticker));
    return;
  }
  const ticker = new OptionTicker(s, r.reqId, i.spec.conId, i.spec.underlying, delayed);
  ticker.update(ctx.feed.option(i.spec.conId));
  if (r.snapshot) return s.send(encodeTickSnapshotEnd, r.reqId);
  ctx.hub.addOption(ticker);
  s.subs.add('mkt', r.reqId, ticker, () => ctx.hub.removeOption(ticker));
}

export function cancelMktData(s: Session, r: Req<'cancelMktData'>): void {
  s.subs.remove('mkt', r.reqId);
}

export function reqMktDepth(s: Session, r: Req<'reqMktDepth'>): void {
  const { ctx } = s;
  if (s.subs.has('depth', r.reqId)) return reject(s, r.reqId, ERR.DUPLICATE_TICKER);
  const i = resolveOrReject(s, r.reqId, r.contract);
  if (!i) return;
  if (i.kind !== 'stock' || !i.spec.level2) {
    return reject(s, r.reqId, 10092, 'Deep market data is not supported for this combination of security type/exchange');
  }
  if (ctx.faults.lacksPermission(i.spec.symbol)) return reject(s, r.reqId, ERR.NOT_SUBSCRIBED);
  const limit = ctx.faults.maxDepthRequests;
  if (limit > 0 && depthRequestsInUse(ctx) >= limit) return reject(s, r.reqId, ERR.MAX_DEPTH, messageFor(ERR.MAX_DEPTH, limit));
  const rows = Math.max(1, Math.min(r.numRows || 10, 50));
  const stream = new DepthStream(s, r.reqId, i.spec.symbol, rows, r.isSmartDepth, r.contract.exchange);
  if (r.isSmartDepth) s.error(r.reqId, 2152, `Exchanges - Depth: ${DEPTH_EXCHANGES.join('; ')}; Top: BYX; BEX; MEMX; LTSE; Need additional market data permissions - Depth: NYSE`);
  const book = ctx.feed.depth(i.spec.symbol);
  if (book) stream.update(book);
  ctx.hub.addDepth(stream);
  s.subs.add('depth', r.reqId, stream, () => ctx.hub.removeDepth(stream));
}

export function cancelMktDepth(s: Session, r: Req<'cancelMktDepth'>): void {
  s.subs.remove('depth', r.reqId);
}

export function reqMarketDataType(s: Session, r: Req<'reqMarketDataType'>): void {
  if (r.marketDataType < 1 || r.marketDataType > 4) return reject(s, -1, ERR.VALIDATION, `Error validating request: invalid market data type ${r.marketDataType}`);
  s.marketDataType = r.marketDataType;
}

export function reqMktDepthExchanges(s: Session): void {
  s.send(
    encodeMktDepthExchanges,
    DEPTH_EXCHANGES.map((exchange) => ({ exchange, secType: 'STK', listingExch: '', serviceDataType: 'Deep2', aggGroup: 1 })),
  );
}

import { OrderAction, OptionType, SecType, type Contract, type Execution, type Order, type OrderType as IbOrderType, type TimeInForce as IbTimeInForce } from '@stoqey/ib';
import type { VenueOrderDescription } from '../../../bus/catalogue';
import { etToUtc } from '../../../market/newYorkTime';
import { occSymbol, orderTypes, timesInForce, type Fill, type Instrument, type OrderRecord } from '../../../market/order';

/** Options one cancels the others: a fill of one cancels its siblings (TWS ocaType 1, with block). */
const OCA_CANCEL_WITH_BLOCK = 1;

/** The contract TWS routes: stocks by symbol through SMART; options by conId when known, else by OCC symbol and fields. */
export function ibContract(i: Instrument): Contract {
  if (i.kind === 'stock') return { symbol: i.symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
  if (i.conId) return { conId: i.conId, exchange: 'SMART' };
  return {
    symbol: i.symbol,
    secType: SecType.OPT,
    lastTradeDateOrContractMonth: i.expiry.replaceAll('-', ''),
    strike: i.strike,
    right: i.right === 'call' ? OptionType.Call : OptionType.Put,
    multiplier: 100,
    localSymbol: occSymbol(i),
    exchange: 'SMART',
    currency: 'USD',
  };
}

/** The order as placeOrder sends it; orderRef carries the client order key so a fill names its submission. */
export function ibOrder(record: OrderRecord, transmit: boolean): Order {
  const order: Order = {
    orderId: record.orderId,
    action: record.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: record.quantity,
    orderType: record.type as IbOrderType,
    tif: record.tif as IbTimeInForce,
    outsideRth: record.outsideRth,
    transmit,
    orderRef: record.clientOrderKey,
  };
  if (record.limitPrice !== null) order.lmtPrice = record.limitPrice;
  if (record.stopPrice !== null) order.auxPrice = record.stopPrice;
  if (record.parentId !== null) order.parentId = record.parentId;
  if (record.ocaGroup) Object.assign(order, { ocaGroup: record.ocaGroup, ocaType: OCA_CANCEL_WITH_BLOCK });
  return order;
}

/** What an openOrder (or a completed order) says about the order; null when it is nothing this engine can show. */
export function describeIbOrder(contract: Contract, order: Order): VenueOrderDescription | null {
  const instrument = instrumentOf(contract);
  const type = knownOf(orderTypes, order.orderType);
  if (!instrument || !type || !order.action || order.totalQuantity === undefined) return null;
  return {
    instrument,
    side: order.action === OrderAction.BUY ? 'buy' : 'sell',
    quantity: order.totalQuantity,
    type,
    limitPrice: priceOrNull(order.lmtPrice),
    stopPrice: priceOrNull(order.auxPrice),
    tif: knownOf(timesInForce, order.tif) ?? 'DAY',
    outsideRth: order.outsideRth === true,
    ocaGroup: order.ocaGroup || null,
    parentId: order.parentId ? order.parentId : null,
  };
}

export function instrumentOf(contract: Contract): Instrument | null {
  if (!contract.symbol) return null;
  if (contract.secType === SecType.STK) return { kind: 'stock', symbol: contract.symbol };
  if (contract.secType !== SecType.OPT) return null;
  const expiry = contract.lastTradeDateOrContractMonth ?? contract.lastTradeDate ?? '';
  if (!/^\d{8}$/.test(expiry) || !(contract.strike! > 0)) return null;
  const right = String(contract.right ?? '').toUpperCase();
  if (right !== 'C' && right !== 'CALL' && right !== 'P' && right !== 'PUT') return null;
  return {
    kind: 'option',
    symbol: contract.symbol,
    expiry: `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}`,
    strike: contract.strike!,
    right: right.startsWith('C') ? 'call' : 'put',
    ...(contract.conId ? { conId: contract.conId } : {}),
  };
}

/** A fill from execDetails; null when it names nothing this engine trades. */
export function fillOf(contract: Contract, execution: Execution): Fill | null {
  const instrument = instrumentOf(contract);
  const time = executionTime(execution.time);
  if (!instrument || !execution.execId || execution.orderId === undefined || !(execution.shares! > 0) || !(execution.price! > 0) || time === null) return null;
  return {
    execId: execution.execId,
    orderId: execution.orderId,
    instrument,
    side: execution.side === 'SLD' ? 'sell' : 'buy',
    quantity: execution.shares!,
    price: execution.price!,
    exchange: execution.exchange ?? '',
    time,
    commission: null,
  };
}

/**
 * TWS's execution times: "20250106 09:30:01 US/Eastern" (TWS's zone named), "20250106-14:30:01" (UTC), or
 * "20250106  09:30:01" (no zone: TWS's local zone, taken as New York, where this workstation trades).
 */
export function executionTime(text: string | undefined): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(-| +)(\d{2}):(\d{2}):(\d{2})(?: (\S+))?$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [, y, mo, d, sep, h, mi, s, zone] = m;
  if (sep === '-' || zone === 'UTC' || zone === 'GMT') return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  if (zone && !/^(US\/Eastern|America\/New_York|EST|EDT|EST5EDT)$/.test(zone)) return null;
  return etToUtc(`${y}-${mo}-${d}`, +h!, +mi!, +s!);
}

/** The time filter reqExecutions takes: UTC with a dash ("yyyymmdd-hh:mm:ss"). */
export function executionFilterTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}`;
}

function priceOrNull(price: number | undefined): number | null {
  return price !== undefined && Number.isFinite(price) && price > 0 && price < Number.MAX_VALUE / 2 ? price : null;
}

function knownOf<T extends string>(known: readonly T[], value: unknown): T | null {
  return known.includes(value as T) ? (value as T) : null;
}


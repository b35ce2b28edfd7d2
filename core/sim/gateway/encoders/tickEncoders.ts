import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';

/** attrMask bit 0 canAutoExecute, bit 1 pastLimit, bit 2 preOpen. */
export function encodeTickPrice(w: FrameWriter, tickerId: number, tickType: number, price: number, size: number | undefined, attrMask: number): void {
  w.begin(IN.TICK_PRICE).int(6).int(tickerId).int(tickType).num(price).num(size).int(attrMask).end();
}

export function encodeTickSize(w: FrameWriter, tickerId: number, tickType: number, size: number): void {
  w.begin(IN.TICK_SIZE).int(6).int(tickerId).int(tickType).num(size).end();
}

export function encodeTickString(w: FrameWriter, tickerId: number, tickType: number, value: string): void {
  w.begin(IN.TICK_STRING).int(6).int(tickerId).int(tickType).str(value).end();
}

export function encodeTickGeneric(w: FrameWriter, tickerId: number, tickType: number, value: number): void {
  w.begin(IN.TICK_GENERIC).int(6).int(tickerId).int(tickType).num(value).end();
}

/** Greeks; use -1 (iv, prices) and -2 (delta, gamma, vega, theta) for "not computed". */
export interface OptionComputationView {
  tickAttrib: number;
  impliedVol: number;
  delta: number;
  optPrice: number;
  pvDividend: number;
  gamma: number;
  vega: number;
  theta: number;
  undPrice: number;
}

/** No version field since v156 (PRICE_BASED_VOLATILITY), so the layout is the same for every version served. */
export function encodeTickOptionComputation(w: FrameWriter, tickerId: number, tickType: number, c: OptionComputationView): void {
  w.begin(IN.TICK_OPTION_COMPUTATION).int(tickerId).int(tickType).int(c.tickAttrib);
  w.num(c.impliedVol).num(c.delta).num(c.optPrice).num(c.pvDividend).num(c.gamma).num(c.vega).num(c.theta).num(c.undPrice);
  w.end();
}

/** RTVolume text: "price;size;timeMs;totalVolume;vwap;singleTrade"; price/size empty on volume-only updates. */
export function rtVolumeText(price: number | undefined, size: number | undefined, timeMs: number, totalVolume: number, vwap: number, single: boolean): string {
  const p = price === undefined ? '' : String(price);
  const s = size === undefined ? '' : String(size);
  return `${p};${s};${timeMs};${totalVolume};${roundTo(vwap, 6)};${single}`;
}

function roundTo(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';

export const WIRE_DEPTH_OP = { INSERT: 0, UPDATE: 1, DELETE: 2 } as const;
export const WIRE_DEPTH_SIDE = { ASK: 0, BID: 1 } as const;

export function encodeMarketDepth(w: FrameWriter, tickerId: number, position: number, op: number, side: number, price: number, size: number): void {
  w.begin(IN.MARKET_DEPTH).int(1).int(tickerId).int(position).int(op).int(side).num(price).num(size).end();
}

/** isSmartDepth is written for every version served (SMART_DEPTH = 146). */
export function encodeMarketDepthL2(
  w: FrameWriter,
  tickerId: number,
  position: number,
  marketMaker: string,
  op: number,
  side: number,
  price: number,
  size: number,
  isSmartDepth: boolean,
): void {
  w.begin(IN.MARKET_DEPTH_L2).int(1).int(tickerId).int(position).str(marketMaker).int(op).int(side).num(price).num(size).bool(isSmartDepth).end();
}

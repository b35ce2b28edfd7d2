import net from 'node:net';

/** One write towards the gateway: when (performance.now(), ms) and what. */
export interface GatewayWrite {
  at: number;
  chunk: unknown;
}

/**
 * Times the writes to the gateway's socket from this process: the moment bytes leave the engine (`net.Socket#write`
 * on a socket whose remote port is the gateway's). `next(match)` resolves with the first write after the call that
 * `match` accepts (any write without one).
 */
export function watchGatewayWrites(port: number): { next(match?: (chunk: unknown) => boolean): Promise<GatewayWrite> } {
  let waiting: { match: (chunk: unknown) => boolean; resolve: (write: GatewayWrite) => void } | null = null;
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<typeof write>) {
    if (waiting && this.remotePort === port && waiting.match(args[0])) {
      const { resolve } = waiting;
      waiting = null;
      resolve({ at: performance.now(), chunk: args[0] });
    }
    return write.apply(this, args);
  } as typeof write;
  return { next: (match = () => true) => new Promise((resolve) => (waiting = { match, resolve })) };
}

/** TWS API message id of placeOrder, client → gateway. */
const PLACE_ORDER = '3';

/**
 * The order id of a placeOrder message as @stoqey/ib writes it (one message a write: a 4-byte length, then
 * NUL-separated fields: the message id, the order id for server versions with order containers), else null.
 */
export function placedOrderId(chunk: unknown): number | null {
  if (!Buffer.isBuffer(chunk) || chunk.length < 8) return null;
  const fields = chunk.subarray(4, Math.min(chunk.length, 40)).toString('latin1').split('\0');
  return fields[0] === PLACE_ORDER && fields[1] !== undefined && /^\d+$/.test(fields[1]) ? Number(fields[1]) : null;
}

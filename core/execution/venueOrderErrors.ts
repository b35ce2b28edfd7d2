/**
 * What an error the gateway gives for an order id means for that order (TWS codes, see
 * /work/shared/reference/tws-api-wire.md §10.5 and core/sim/gateway/protocol/errorCodes.ts). The connection's own
 * table (venues/ibkr/connection/ibErrorTable.ts) classifies codes for the socket and the data; this one classifies
 * them for the order they name.
 */
export type OrderErrorEffect =
  /** The order is dead: Rejected, with the gateway's reason. */
  | 'rejected'
  /** The cancel was done (TWS's cancel acknowledgement). */
  | 'cancelled'
  /**
   * A new order was refused (Rejected); for an order already working it is its modification that was refused, and
   * the order works on as it was (the message is kept).
   */
  | 'refusedIfNew'
  /** A warning, or a refused cancel or modification: the message is kept, the status stays. */
  | 'note';

interface OrderErrorClass {
  effect: OrderErrorEffect;
  meaning: string;
}

const ROWS: Array<[code: number, effect: OrderErrorEffect, meaning: string]> = [
  [103, 'refusedIfNew', 'duplicate order id'],
  [104, 'note', 'a filled order cannot be modified'],
  [110, 'refusedIfNew', 'the price is not on the minimum tick'],
  [135, 'note', 'the gateway cannot find the order'],
  [161, 'note', 'the order is not in a state that can be cancelled'],
  [200, 'refusedIfNew', 'no security definition for the contract'],
  [201, 'rejected', 'order rejected'],
  [202, 'cancelled', 'order cancelled'],
  [321, 'refusedIfNew', 'the gateway refused the request as invalid'],
  [399, 'note', 'order warning'],
  [2109, 'note', 'outside-regular-hours flag ignored'],
  [10147, 'note', 'the order to cancel was not found'],
  [10148, 'note', 'the order cannot be cancelled in its state'],
];

const TABLE = new Map<number, OrderErrorClass>(ROWS.map(([code, effect, meaning]) => [code, { effect, meaning }]));

/** Unlisted codes are kept as a message: the status then comes from the gateway's next report or reconciliation. */
export function classifyOrderError(code: number): OrderErrorClass {
  return TABLE.get(code) ?? { effect: 'note', meaning: 'gateway message' };
}

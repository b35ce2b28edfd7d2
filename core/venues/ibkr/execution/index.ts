/**
 * IBKR order execution: empty until the execution issue lands, and deliberately so — nothing here can send an order.
 *
 * What will live here: the handlers of the bus's order commands (submitOrder, cancelOrder, cancelAll, declared in
 * core/bus/catalogue.ts) after risk has passed them, placing and cancelling orders on the same IB connection the data
 * side uses (venues/ibkr/connection: one socket, one owner, one request pacer), and publishing what the venue reports
 * back (order status, fills) as events. Until then the bus refuses those commands by name (CommandUnavailableError).
 */
export {};

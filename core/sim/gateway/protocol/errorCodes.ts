/** The TWS error/info codes the gateway emits, with TWS's wording. */
export const ERR = {
  RATE_EXCEEDED: 100,
  MAX_TICKERS: 101,
  DUPLICATE_TICKER: 102,
  DUPLICATE_ORDER_ID: 103,
  MODIFY_FILLED: 104,
  TICK_SIZE: 110,
  HIST_PACING: 162,
  NO_SECURITY_DEF: 200,
  ORDER_REJECTED: 201,
  ORDER_CANCELLED: 202,
  MAX_DEPTH: 309,
  DEPTH_RESET: 317,
  READ_ERROR: 320,
  VALIDATION: 321,
  DUPLICATE_CLIENT_ID: 326,
  NOT_SUBSCRIBED: 354,
  UNSUPPORTED_ORDER_TYPE: 387,
  ORDER_WARNING: 399,
  RT_BARS_PACING: 420,
  CONNECTIVITY_LOST: 1100,
  RESTORED_DATA_LOST: 1101,
  RESTORED_DATA_KEPT: 1102,
  MD_FARM_BROKEN: 2103,
  MD_FARM_OK: 2104,
  HMDS_FARM_BROKEN: 2105,
  HMDS_FARM_OK: 2106,
  ORDER_EVENT_WARNING: 2109,
  SECDEF_FARM_OK: 2158,
  CANCEL_NOT_FOUND: 10147,
  CANCEL_NOT_CANCELLABLE: 10148,
  DELAYED_DATA: 10167,
} as const;

export const MESSAGES: Record<number, string> = {
  [ERR.RATE_EXCEEDED]: 'Max rate of messages per second has been exceeded:max=%s rec=%s (543)',
  [ERR.MAX_TICKERS]: 'Max number of tickers has been reached',
  [ERR.DUPLICATE_TICKER]: 'Duplicate ticker ID',
  [ERR.DUPLICATE_ORDER_ID]: 'Duplicate order id',
  [ERR.MODIFY_FILLED]: "Can't modify a filled order",
  [ERR.TICK_SIZE]: 'The price does not conform to the minimum price variation for this contract.',
  [ERR.HIST_PACING]: 'Historical Market Data Service error message:%s',
  [ERR.NO_SECURITY_DEF]: 'No security definition has been found for the request',
  [ERR.ORDER_CANCELLED]: 'Order Canceled - reason:',
  [ERR.MAX_DEPTH]: 'Max number (%s) of market depth requests has been reached',
  [ERR.DEPTH_RESET]: 'Market depth data has been RESET. Please empty deep book contents before applying any new entries.',
  [ERR.DUPLICATE_CLIENT_ID]: 'Unable to connect as the client id is already in use. Retry with a unique client id.',
  [ERR.NOT_SUBSCRIBED]: 'Requested market data is not subscribed.',
  [ERR.UNSUPPORTED_ORDER_TYPE]: 'Unsupported order type for this exchange and security type.',
  [ERR.RT_BARS_PACING]: 'Invalid Real-time Query:Historical data request pacing violation',
  [ERR.CONNECTIVITY_LOST]: 'Connectivity between IB and Trader Workstation has been lost.',
  [ERR.RESTORED_DATA_LOST]: 'Connectivity between IB and TWS has been restored- data lost.',
  [ERR.RESTORED_DATA_KEPT]: 'Connectivity between IB and TWS has been restored- data maintained.',
  [ERR.MD_FARM_BROKEN]: 'Market data farm connection is broken:usfarm',
  [ERR.MD_FARM_OK]: 'Market data farm connection is OK:usfarm',
  [ERR.HMDS_FARM_BROKEN]: 'HMDS data farm connection is broken:ushmds',
  [ERR.HMDS_FARM_OK]: 'HMDS data farm connection is OK:ushmds',
  [ERR.ORDER_EVENT_WARNING]:
    "Order Event Warning:Attribute 'Outside Regular Trading Hours' is ignored based on the order type and destination. PlaceOrder is now being processed.",
  [ERR.SECDEF_FARM_OK]: 'Sec-def data farm connection is OK:secdefnj',
  [ERR.CANCEL_NOT_FOUND]: 'OrderId %s that needs to be cancelled is not found.',
  [ERR.CANCEL_NOT_CANCELLABLE]: 'OrderId %s that needs to be cancelled cannot be cancelled, state: %s.',
  [ERR.DELAYED_DATA]: 'Requested market data is not subscribed. Displaying delayed market data.',
};

/** TWS's text for a code, with %s filled in order. */
export function messageFor(code: number, ...args: Array<string | number>): string {
  let text = MESSAGES[code] ?? `Error ${code}`;
  for (const a of args) text = text.replace('%s', String(a));
  return text;
}

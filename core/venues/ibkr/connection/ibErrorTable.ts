/**
 * Every IB error/info code the ingestion reacts to, classified once. The connection owner and the data
 * handlers switch on `action`; the Health panel and monitoring:ibkr:errors show `meaning`.
 */
export type IbErrorAction =
  | 'connectivityLost' // 1100: data interrupted, the socket stays
  | 'restoredDataLost' // 1101: resubscribe everything
  | 'restoredDataKept' // 1102: subscriptions continue
  | 'farmDown' // data stops for a while: mark stale, keep the socket
  | 'farmUp'
  | 'clientIdInUse' // 326: reconnect with another client id
  | 'depthReset' // 317: empty the book, the venue re-sends it
  | 'decodeError' // 505 and friends: count and continue
  | 'connectFailed' // the socket could not be opened or broke
  | 'pacing' // we sent too much: slow down, never resend in a loop
  | 'requestRefused' // the subscription will not deliver (no contract, no permission, limits)
  | 'delayedData' // advisory: delayed ticks follow on the same request
  | 'info'
  | 'unknown';

export type IbErrorSeverity = 'info' | 'warning' | 'error';

export interface IbErrorClass {
  code: number;
  meaning: string;
  action: IbErrorAction;
  severity: IbErrorSeverity;
}

type Row = [code: number, action: IbErrorAction, severity: IbErrorSeverity, meaning: string];

const ROWS: Row[] = [
  [100, 'pacing', 'error', 'more than 50 messages per second sent to TWS'],
  [101, 'requestRefused', 'error', 'max number of market-data lines reached'],
  [102, 'requestRefused', 'warning', 'duplicate ticker id'],
  [162, 'pacing', 'warning', 'historical data pacing violation'],
  [200, 'requestRefused', 'error', 'no security definition for the contract'],
  [309, 'requestRefused', 'error', 'max number of market-depth requests reached'],
  [316, 'info', 'warning', 'market depth halted'],
  [317, 'depthReset', 'warning', 'market depth reset: book emptied, venue re-sends it'],
  [320, 'decodeError', 'warning', 'TWS could not read a request'],
  [321, 'requestRefused', 'error', 'TWS refused a request as invalid'],
  [322, 'requestRefused', 'error', 'TWS could not process a request (duplicate id)'],
  [326, 'clientIdInUse', 'error', 'client id already in use: retrying with another one'],
  [354, 'requestRefused', 'error', 'no market-data permission for the symbol'],
  [420, 'pacing', 'warning', 'real-time bars pacing violation'],
  [502, 'connectFailed', 'error', 'could not connect to TWS / IB Gateway'],
  [504, 'connectFailed', 'warning', 'not connected'],
  [505, 'decodeError', 'warning', 'message could not be decoded (skipped, counted)'],
  [508, 'decodeError', 'warning', 'bad message from TWS'],
  [1100, 'connectivityLost', 'error', 'connectivity between IB and TWS lost: data interrupted'],
  [1101, 'restoredDataLost', 'warning', 'connectivity restored, data lost: resubscribing'],
  [1102, 'restoredDataKept', 'info', 'connectivity restored, data maintained'],
  [2103, 'farmDown', 'warning', 'market-data farm disconnected: data marked stale'],
  [2104, 'farmUp', 'info', 'market-data farm connection OK'],
  [2105, 'farmDown', 'warning', 'historical-data farm disconnected'],
  [2106, 'farmUp', 'info', 'historical-data farm connection OK'],
  [2107, 'info', 'info', 'historical-data farm inactive but available on demand'],
  [2108, 'info', 'info', 'market-data farm inactive but available on demand'],
  [2110, 'connectivityLost', 'error', 'connectivity between TWS and server broken'],
  [2152, 'info', 'info', 'depth exchanges listed for SMART depth'],
  [2157, 'farmDown', 'warning', 'sec-def data farm disconnected'],
  [2158, 'farmUp', 'info', 'sec-def data farm connection OK'],
  [10089, 'requestRefused', 'warning', 'additional market-data subscription needed'],
  [10090, 'requestRefused', 'warning', 'part of the requested market data is not subscribed'],
  [10167, 'delayedData', 'warning', 'live data not subscribed: showing delayed data'],
  [10168, 'requestRefused', 'error', 'delayed market data not enabled'],
  [10182, 'farmDown', 'warning', 'failed to request live updates (farm disconnected)'],
  [10197, 'requestRefused', 'warning', 'no market data during a competing live session'],
];

const TABLE = new Map<number, IbErrorClass>(ROWS.map(([code, action, severity, meaning]) => [code, { code, action, severity, meaning }]));

/** The class of an IB code; unknown codes in TWS's 2100–2999 warning band are informational. */
export function classifyIbCode(code: number): IbErrorClass {
  const known = TABLE.get(code);
  if (known) return known;
  if (code >= 2100 && code <= 2999) return { code, action: 'info', severity: 'info', meaning: 'TWS warning' };
  return { code, action: 'unknown', severity: 'error', meaning: 'unclassified IB error' };
}

/** Codes the table knows (documentation and tests). */
export function knownIbCodes(): number[] {
  return [...TABLE.keys()];
}

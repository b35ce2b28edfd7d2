/**
 * What the real service answers REALTIME_OPTIONS with for a key below the 600 calls/min plan (the demo key, a free
 * key, a 75 or 150 calls/min plan): HTTP 200, the normal envelope, a message other than "success" that names the
 * plan needed, and one artificial row (XXYYZZ, expiring 2099-99-99). Not an `Information` answer.
 */
export const NOT_ENTITLED_MESSAGE =
  'This is a premium endpoint. The sample response schema below is artificial and for illustration only. To access realtime US options data, please subscribe to the 600 requests per minute or 1200 requests per minute premium plan at https://www.alphavantage.co/premium/';

export function notEntitledOptionsBody(withGreeks: boolean): unknown {
  const row: Record<string, string> = {
    contractID: 'XXYYZZ999999C00020000', symbol: 'XXYYZZ', expiration: '2099-99-99', strike: '200.00', type: 'call',
    last: '0.00', mark: '0.00', bid: '0.00', bid_size: '0', ask: '0.00', ask_size: '0', volume: '0', open_interest: '0', date: '2049-99-99',
  };
  const greeks = withGreeks
    ? { implied_volatility: '0.00000', delta: '0.00000', gamma: '0.00000', theta: '0.00000', vega: '0.00000', rho: '0.00000' }
    : {};
  return { endpoint: 'Realtime Options', message: NOT_ENTITLED_MESSAGE, data: [{ ...row, ...greeks }] };
}

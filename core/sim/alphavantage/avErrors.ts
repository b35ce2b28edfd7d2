/** The bodies Alpha Vantage answers with when something is wrong; all arrive with HTTP 200. */

const DOCS = 'https://www.alphavantage.co/documentation/';

/** A request the endpoint refuses; the message becomes the `Error Message` body. */
export class QueryError extends Error {}

export function invalidCall(fn: string): QueryError {
  return new QueryError(`Invalid API call. Please retry or visit the documentation (${DOCS}) for ${fn}.`);
}

export function unknownFunction(fn: string): QueryError {
  return new QueryError(`This API function (${fn}) does not exist.`);
}

export function missingFunction(): QueryError {
  return new QueryError(`the parameter function is invalid or missing. Please retry or visit the documentation (${DOCS}).`);
}

export const BAD_KEY_BODY = {
  'Error Message':
    'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
};

export type ThrottleStyle = 'Information' | 'Note';

/**
 * A premium plan's per-minute limit, as the real service words it (newer answers under `Information`, older ones
 * under `Note`). It mentions premium@alphavantage.co, yet it is throttling, not an entitlement refusal.
 */
export function throttleBody(style: ThrottleStyle): Record<string, string> {
  return { [style]: 'Thank you for using Alpha Vantage! Please contact premium@alphavantage.co if you are targeting a higher API call volume.' };
}

/** A free key's daily cap. The real service echoes the caller's key in it: the ingestion must never log it as it is. */
export function dailyCapBody(apiKey: string, callsPerDay: number): Record<string, string> {
  return {
    Information: `We have detected your API key as ${apiKey} and our standard API rate limit is ${callsPerDay} requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.`,
  };
}

/** Premium functions other than REALTIME_OPTIONS (MACD, VWAP) on a key without a premium plan. */
export const PREMIUM_BODY = {
  Information:
    'Thank you for using Alpha Vantage! This is a premium endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium endpoints',
};

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

export function throttleBody(style: ThrottleStyle, callsPerMinute: number): Record<string, string> {
  if (style === 'Note') {
    return {
      Note: `Thank you for using Alpha Vantage! Our standard API call frequency is ${callsPerMinute} calls per minute. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.`,
    };
  }
  return {
    Information: `Thank you for using Alpha Vantage! You have reached the API rate limit of ${callsPerMinute} requests per minute for your plan. Please consider spreading out your free API requests more sparingly or visit https://www.alphavantage.co/premium/ to upgrade.`,
  };
}

export const PREMIUM_BODY = {
  Information:
    'Thank you for using Alpha Vantage! This is a premium endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium endpoints',
};

import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

/** X's OAuth 1.0a User Context keys (the app's API Key and Secret, the account's Access Token and Secret). */
export interface XOAuth1Keys {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/**
 * How the engine signs in to X: OAuth 1.0a keys (they do not expire) or an OAuth 2.0 user-context access token
 * (it expires two hours after it was issued).
 */
export type XCredentials = { kind: 'oauth1'; keys: XOAuth1Keys } | { kind: 'oauth2'; userToken: string };

export const X_OAUTH1_VARIABLES = ['X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET'] as const;

/**
 * The Authorization header of one request. OAuth 1.0a signs the method, the URL and the oauth_* parameters (RFC 5849,
 * HMAC-SHA1); a JSON body is not part of the signature.
 */
export function xAuthorization(credentials: XCredentials, request: { method: string; url: string }): string {
  if (credentials.kind === 'oauth2') return `Bearer ${credentials.userToken}`;
  const { apiKey, apiSecret, accessToken, accessTokenSecret } = credentials.keys;
  const oauth = new OAuth({
    consumer: { key: apiKey, secret: apiSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  return oauth.toHeader(oauth.authorize({ ...request }, { key: accessToken, secret: accessTokenSecret })).Authorization;
}

/** What a 401 from X means for these credentials, and what to do about it (names variables, never their values). */
export function xUnauthorizedAdvice(credentials: XCredentials): string {
  return credentials.kind === 'oauth2'
    ? 'X refused X_USER_TOKEN: an OAuth 2.0 token expires two hours after it is issued, or it was revoked. '
      + `Set X's OAuth 1.0a keys instead, which do not expire (${X_OAUTH1_VARIABLES.join(', ')} in .env; README, Distribution)`
    : `X refused the OAuth 1.0a keys (${X_OAUTH1_VARIABLES.join(', ')}): `
      + "check them against the app's Keys and tokens page (regenerating a key or token voids the old one) and this computer's clock";
}

import { createHmac } from 'node:crypto';

/**
 * RFC 5849 HMAC-SHA1 signatures, written here from the RFC on purpose (not with the library the engine signs with), so
 * the fake X checks the engine's signing against a second implementation.
 */

/** RFC 3986 percent-encoding of everything but the unreserved characters (RFC 5849 3.6). */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The signature of a request: `params` are the request's parameters (the query's, a form body's, the oauth_* ones but
 * oauth_signature and realm), decoded; the URL without its query.
 */
export function oauth1Signature(request: { method: string; baseUrl: string; params: Array<[string, string]> }, consumerSecret: string, tokenSecret: string): string {
  const normalized = request.params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)])
    .sort(([ka, va], [kb, vb]) => (ka! < kb! ? -1 : ka! > kb! ? 1 : va! < vb! ? -1 : va! > vb! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [request.method.toUpperCase(), percentEncode(request.baseUrl), percentEncode(normalized)].join('&');
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest('base64');
}

/** The parameters of an `Authorization: OAuth k="v", …` header, decoded; null for any other header. */
export function oauthHeaderParams(header: string | undefined): Map<string, string> | null {
  if (!header?.startsWith('OAuth ')) return null;
  const params = new Map<string, string>();
  for (const part of header.slice('OAuth '.length).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    params.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
  }
  return params;
}

import { AvError } from './avError';

export type AvAnswer = Record<string, unknown>;

const RATE_LIMIT = /rate limit|call frequency|spreading out|requests per (minute|day)|higher api call volume/i;
const PREMIUM = /premium/i;

/** At most this much of an AV message goes into an error, so a huge answer never floods the log. */
function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Parses an answer body and turns Alpha Vantage's in-band failures (all HTTP 200) into AvErrors:
 * `Note` and rate-limit `Information` are throttling (retry later), `Information` about premium endpoints and
 * `Error Message` are not retryable. `call` names the request ("REALTIME_OPTIONS SPY") in every message.
 */
export function readAnswer(body: string, call: string): AvAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new AvError('malformed', `${call}: the answer is not valid JSON (${body.length} bytes; ${(error as Error).message})`, false);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AvError('malformed', `${call}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`, false);
  }
  const answer = parsed as AvAnswer;
  const errorMessage = answer['Error Message'];
  if (typeof errorMessage === 'string') throw new AvError('api_error', `${call}: Alpha Vantage refused the call: ${clip(errorMessage)}`, false);
  const note = answer.Note;
  if (typeof note === 'string') throw new AvError('throttled', `${call}: throttled by Alpha Vantage: ${clip(note)}`, true);
  const information = answer.Information;
  if (typeof information === 'string') {
    if (RATE_LIMIT.test(information)) throw new AvError('throttled', `${call}: throttled by Alpha Vantage: ${clip(information)}`, true);
    if (PREMIUM.test(information)) throw new AvError('premium', `${call}: needs a premium key: ${clip(information)}`, false);
    throw new AvError('information', `${call}: Alpha Vantage answered with information instead of data: ${clip(information)}`, false);
  }
  return answer;
}

/** Names the keys an answer has, for a "wrong shape" message. */
export function describeKeys(answer: AvAnswer): string {
  const names = Object.keys(answer);
  return names.length === 0 ? 'an empty object' : `keys ${names.slice(0, 6).map((k) => JSON.stringify(k)).join(', ')}`;
}

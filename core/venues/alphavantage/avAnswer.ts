import { AvError, type AvErrorKind } from './avError';

export type AvAnswer = Record<string, unknown>;

/** What an answer is, read from its in-band text (all of Alpha Vantage's failures arrive with HTTP 200). */
export type AnswerClass = { kind: 'data' } | { kind: 'no_data' } | { kind: AvErrorKind; text: string; retryable: boolean };

/** "… 25 requests per day …", "… 5 calls per minute and 500 calls per day …": a daily cap, not cured by slowing down. */
const DAILY_CAP = /\b\d[\d,]*\s+(requests|calls)\s+per\s+day\b/i;
/** A per-minute limit; the premium plans' text names premium@alphavantage.co and "higher API call volume". */
const RATE_LIMIT = /rate limit|call frequency|spreading out|requests per minute|higher api call volume/i;
/** NEWS_SENTIMENT for a ticker the feed does not cover. */
const NOT_COVERED = /^\s*invalid inputs\b/i;
const PREMIUM = /premium/i;

/** At most this much of an AV message goes into an error, so a huge answer never floods the log. */
function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function classifyText(text: string, fallback: AvErrorKind): AnswerClass {
  if (DAILY_CAP.test(text)) return { kind: 'daily_cap', text, retryable: false };
  if (RATE_LIMIT.test(text)) return { kind: 'throttled', text, retryable: true };
  if (NOT_COVERED.test(text)) return { kind: 'not_covered', text, retryable: false };
  if (PREMIUM.test(text)) return { kind: 'premium', text, retryable: false };
  return { kind: fallback, text, retryable: fallback === 'throttled' };
}

/**
 * What a parsed answer is. Order matters: a daily cap names "premium plans", and the premium plans' per-minute text
 * names premium@alphavantage.co, yet neither is a premium refusal. An empty object is "no data" (keep what is held).
 */
export function classifyAnswer(answer: AvAnswer): AnswerClass {
  const errorMessage = answer['Error Message'];
  if (typeof errorMessage === 'string') return { kind: 'api_error', text: errorMessage, retryable: false };
  if (typeof answer.Note === 'string') return classifyText(answer.Note, 'throttled');
  if (typeof answer.Information === 'string') return classifyText(answer.Information, 'information');
  if (Object.keys(answer).length === 0) return { kind: 'no_data' };
  return { kind: 'data' };
}

const DESCRIBE: Partial<Record<AvErrorKind, string>> = {
  api_error: 'Alpha Vantage refused the call',
  throttled: 'throttled by Alpha Vantage',
  daily_cap: "Alpha Vantage's daily limit for this API key is used up",
  not_covered: "not covered by Alpha Vantage's news feed",
  premium: 'needs a premium Alpha Vantage plan',
  information: 'Alpha Vantage answered with information instead of data',
};

/**
 * Parses an answer body and turns Alpha Vantage's in-band failures into AvErrors (see classifyAnswer). `call`
 * names the request ("REALTIME_OPTIONS SPY") in every message. The text may echo the API key: the fetcher redacts
 * every error before it goes anywhere.
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
  const found = classifyAnswer(answer);
  if (found.kind === 'data' || found.kind === 'no_data') return answer;
  throw new AvError(found.kind, `${call}: ${DESCRIBE[found.kind] ?? found.kind}: ${clip(found.text)}`, found.retryable);
}

/** `{}`: some functions' way of saying "nothing for this symbol now". Not an error; the previous data stays and ages. */
export function isNoData(answer: AvAnswer): boolean {
  return classifyAnswer(answer).kind === 'no_data';
}

/** Bodies at most this big are screened by parsing them; a real chain is far larger, the XXYYZZ sample far smaller. */
const SCREEN_LIMIT = 64 * 1024;
const ARTIFICIAL = 'XXYYZZ';

/**
 * Screens an options answer before the chain reader sees it. A key below the 600 calls/min plan gets HTTP 200, the
 * normal envelope, a `message` other than "success" and one artificial XXYYZZ row: a permanent entitlement problem,
 * not a chain of another symbol (throws `entitlement`). `{}` is "no data". Anything else goes to the chain reader.
 */
export function screenOptionsAnswer(body: string | Buffer, call: string): 'chain' | 'no_data' {
  if (body.length > SCREEN_LIMIT) return 'chain';
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return 'chain'; // the reader reports it, with its size
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'chain';
  const answer = parsed as AvAnswer;
  if (Object.keys(answer).length === 0) return 'no_data';
  const { message, data } = answer;
  const artificial = Array.isArray(data) && data.some((row) => isArtificialRow(row));
  if (typeof message === 'string' && message !== 'success' && (artificial || PREMIUM.test(message))) {
    throw new AvError('entitlement', `${call}: your Alpha Vantage plan does not include realtime options: ${clip(message, 300)}`, false);
  }
  if (artificial && Array.isArray(data) && data.every((row) => isArtificialRow(row))) {
    throw new AvError('entitlement', `${call}: Alpha Vantage answered only its artificial sample row (${ARTIFICIAL}): the plan does not include realtime options`, false);
  }
  return 'chain';
}

function isArtificialRow(row: unknown): boolean {
  if (typeof row !== 'object' || row === null) return false;
  const { symbol, contractID } = row as Record<string, unknown>;
  return symbol === ARTIFICIAL || (typeof contractID === 'string' && contractID.startsWith(ARTIFICIAL));
}

/** Names the keys an answer has, for a "wrong shape" message. */
export function describeKeys(answer: AvAnswer): string {
  const names = Object.keys(answer);
  return names.length === 0 ? 'an empty object' : `keys ${names.slice(0, 6).map((k) => JSON.stringify(k)).join(', ')}`;
}

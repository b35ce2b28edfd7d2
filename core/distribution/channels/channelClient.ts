import axios, { type AxiosResponse } from 'axios';
import type { ChannelName } from '../../contract/distributionView';

/** One outbound channel: formats a rendered text as the channel takes it, and posts it. */
export interface ChannelClient {
  readonly name: ChannelName;
  /** The text exactly as it will be posted (escaped, cut to the channel's limit), with the channel's length measure. */
  format(text: string): { text: string; length: number; limit: number; truncated: boolean };
  /** Posts an already formatted text; resolves with the channel's id for it, or rejects with a ChannelSendError. */
  send(text: string): Promise<{ remoteId: string | null }>;
}

/**
 * A send that did not go through. retryAfterMs: the channel said when to try again (a 429); permanent: trying again
 * cannot help (a refused token, a malformed message). The message never holds a secret: it is built from the status
 * and the channel's own error words, never from the request (whose URL may carry a token).
 */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly options: { status: number | null; retryAfterMs: number | null; permanent: boolean },
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

/** Each send waits at most this long for an answer; a slow channel then counts as a failed attempt. */
export const SEND_TIMEOUT_MS = 15_000;

/**
 * POSTs JSON and answers the response whatever its status. Network errors become a ChannelSendError naming only the
 * error code: an axios error carries the request's URL and headers (the bot token, the bearer token).
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<AxiosResponse> {
  try {
    return await axios.post(url, body, {
      headers: { 'content-type': 'application/json', ...headers },
      timeout: SEND_TIMEOUT_MS,
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ChannelSendError(`no answer: ${typeof code === 'string' ? code : 'network error'}`, { status: null, retryAfterMs: null, permanent: false });
  }
}

/** A status the channel answered with: 5xx and 408 may pass on retry, any other 4xx will not. */
export function failureOf(status: number, words: string, retryAfterMs: number | null = null): ChannelSendError {
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new ChannelSendError(`HTTP ${status}: ${words}`.slice(0, 300), { status, retryAfterMs, permanent });
}

/** A 429's wait when the answer gives none we can read: a minute, not a hammering. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

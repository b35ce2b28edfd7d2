/**
 * A client of an OpenAI-compatible chat-completions API (POST {baseUrl}/chat/completions): one request, bounded
 * retries with backoff on 429, 5xx and lost connections, honouring the provider's retry-after, and a timeout per
 * attempt. Its errors are plain ChatCompletionErrors whose messages never hold the API key: axios errors carry the
 * request's headers (Authorization: Bearer …), so none is ever passed on or logged.
 */
import axios, { type AxiosResponse } from 'axios';
import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import type { ChatMessage } from './morningPrompt';
import { redactor } from '../../distribution/redact';

export interface ChatCompletionsOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  temperature?: number;
  /** The first backoff wait; it doubles per retry (default 1 s). */
  backoffMs?: number;
  /** A retry-after longer than this is not waited for: the call fails at once (default 60 s). */
  maxRetryAfterMs?: number;
}

export interface ChatAnswer {
  id: string;
  model: string;
  content: string;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  /** Attempts made, the successful one included. */
  attempts: number;
}

export type ChatFailureKind = 'http' | 'timeout' | 'network' | 'answer';

export class ChatCompletionError extends Error {
  constructor(
    readonly kind: ChatFailureKind,
    message: string,
    readonly status: number | null = null,
    /** How long the provider asked to wait (429 / 503), ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ChatCompletionError';
  }

  get retryable(): boolean {
    if (this.kind === 'network') return true;
    return this.kind === 'http' && this.status !== null && (this.status === 429 || this.status >= 500);
  }
}

const answerSchema = z.object({
  id: z.string(),
  model: z.string(),
  choices: z.array(z.object({
    message: z.object({ role: z.string(), content: z.string().nullable() }),
    finish_reason: z.string().nullable().optional(),
  })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).nullable().optional(),
});

/** The provider's error body: {error: {message, type, code}}. */
const errorSchema = z.object({ error: z.object({ message: z.string(), type: z.string().nullable().optional(), code: z.union([z.string(), z.number()]).nullable().optional() }) });

/** retry-after in seconds (or an HTTP date); else OpenAI's x-ratelimit-reset-requests ("1s", "6m0s", "20ms"). */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number | null {
  const after = headers['retry-after'];
  if (typeof after === 'string' && after.trim() !== '') {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = headers['x-ratelimit-reset-requests'];
  if (typeof reset !== 'string') return null;
  const parts = [...reset.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0) return null;
  const unit = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
  return parts.reduce((ms, [, n, u]) => ms + Number(n) * unit[u as keyof typeof unit], 0);
}


function failureOf(response: AxiosResponse): ChatCompletionError {
  const parsed = errorSchema.safeParse(response.data);
  const said = parsed.success ? `${parsed.data.error.message}${parsed.data.error.code ? ` (${parsed.data.error.code})` : ''}` : `${String(response.statusText || 'no message')}`;
  const wait = retryAfterMs(response.headers as Record<string, unknown>);
  return new ChatCompletionError('http', `HTTP ${response.status}: ${said}`, response.status, wait);
}

function answerOf(response: AxiosResponse, attempts: number): ChatAnswer {
  const parsed = answerSchema.safeParse(response.data);
  if (!parsed.success) throw new ChatCompletionError('answer', `the answer is not a chat completion: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  const choice = parsed.data.choices[0]!;
  const content = choice.message.content?.trim() ?? '';
  if (content === '') throw new ChatCompletionError('answer', `the answer has no text (finish_reason ${choice.finish_reason ?? 'none'})`);
  const u = parsed.data.usage;
  return {
    id: parsed.data.id, model: parsed.data.model, content, finishReason: choice.finish_reason ?? null, attempts,
    usage: u ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, totalTokens: u.total_tokens } : null,
  };
}

/** One attempt; any failure becomes a ChatCompletionError built only from the status, the body and the code. */
async function attempt(options: ChatCompletionsOptions, messages: ChatMessage[], attempts: number): Promise<ChatAnswer> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let response: AxiosResponse;
  try {
    response = await axios.post(url, { model: options.model, messages, temperature: options.temperature ?? 0.2 }, {
      headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' },
      timeout: options.timeoutMs,
      validateStatus: () => true,
      responseType: 'json',
    });
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') throw new ChatCompletionError('timeout', `no answer within ${options.timeoutMs / 1000} s`);
    throw new ChatCompletionError('network', `${url} could not be reached (${code})`);
  }
  if (response.status < 200 || response.status >= 300) throw failureOf(response);
  return answerOf(response, attempts);
}

/** Asks for a completion; rejects with a ChatCompletionError (key-free message) after the retries are spent. */
export async function requestChatCompletion(options: ChatCompletionsOptions, messages: ChatMessage[]): Promise<ChatAnswer> {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts++;
        try {
          return await attempt(options, messages, attempts);
        } catch (error) {
          const failure = error as ChatCompletionError;
          const tooLong = failure.retryAfterMs !== null && failure.retryAfterMs > maxRetryAfterMs;
          if (!failure.retryable || tooLong) throw new AbortError(failure);
          throw failure;
        }
      },
      {
        retries: options.maxRetries,
        minTimeout: options.backoffMs ?? 1_000,
        factor: 2,
        randomize: true,
        unref: true,
        // The provider's own wait first: p-retry's backoff follows it.
        onFailedAttempt: async ({ error, retriesLeft }) => {
          const wait = (error as ChatCompletionError).retryAfterMs;
          if (retriesLeft > 0 && wait !== null && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
        },
      },
    );
  } catch (error) {
    const failure = error instanceof ChatCompletionError ? error : new ChatCompletionError('network', 'the request failed');
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    throw new ChatCompletionError(failure.kind, redactor([options.apiKey])(`${failure.message}${tries}`), failure.status, failure.retryAfterMs);
  }
}

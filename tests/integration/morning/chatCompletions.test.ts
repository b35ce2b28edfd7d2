import { afterEach, describe, expect, it } from 'vitest';
import { ChatCompletionError, requestChatCompletion, retryAfterMs, type ChatCompletionsOptions } from '../../../core/app/morning/chatCompletions';
import { rateLimited, startFakeChatCompletions, type FakeChatCompletions } from '../../support/fakeChatCompletions';

const KEY = 'sk-test-7f3a9c2e1b-never-shown';
const MESSAGES = [{ role: 'system' as const, content: 'brief' }, { role: 'user' as const, content: 'SPY flip 598.50' }];
let fake: FakeChatCompletions | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function options(overrides: Partial<ChatCompletionsOptions> = {}): ChatCompletionsOptions {
  return { baseUrl: fake!.baseUrl, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 3, backoffMs: 20, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<ChatCompletionError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatCompletionError);
  return error as ChatCompletionError;
}

describe('the chat-completions client against a real HTTP server', () => {
  it('posts the model, the messages and the bearer key to {baseUrl}/chat/completions and reads the answer', async () => {
    fake = await startFakeChatCompletions([{ content: '# Note\n\nQuiet open.' }]);
    const answer = await requestChatCompletion(options({ temperature: 0.3 }), MESSAGES);
    expect(answer).toMatchObject({ content: '# Note\n\nQuiet open.', model: 'gpt-4o-mini', finishReason: 'stop', attempts: 1, usage: { totalTokens: 1052 } });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: MESSAGES, temperature: 0.3 } });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('waits as long as a 429 asks (retry-after) and then gets the answer', async () => {
    fake = await startFakeChatCompletions([rateLimited(1), { content: 'after the wait' }]);
    const answer = await requestChatCompletion(options(), MESSAGES);
    expect(answer.content).toBe('after the wait');
    expect(answer.attempts).toBe(2);
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('retries a 500 and a 503 with backoff and succeeds on the third attempt', async () => {
    fake = await startFakeChatCompletions([{ status: 500, error: { message: 'The server had an error' } }, { status: 503, error: { message: 'overloaded' } }, { content: 'third time' }]);
    expect((await requestChatCompletion(options(), MESSAGES)).attempts).toBe(3);
  });

  it('gives up after maxRetries on repeated 500s, with the status and the provider\'s message', async () => {
    fake = await startFakeChatCompletions([{ status: 500, error: { message: 'The server had an error while processing your request' } }]);
    const error = await failureOf(requestChatCompletion(options({ maxRetries: 2 }), MESSAGES));
    expect(fake.requests).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(error.message).toContain('HTTP 500: The server had an error while processing your request');
    expect(error.message).toContain('after 3 attempts');
  });

  it('does not retry a 401, and the key the provider echoes is redacted from the error', async () => {
    fake = await startFakeChatCompletions([{ status: 401, error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }]);
    const error = await failureOf(requestChatCompletion(options(), MESSAGES));
    expect(fake.requests).toHaveLength(1);
    expect(error.status).toBe(401);
    expect(error.message).toContain('invalid_api_key');
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(String(error.stack)).not.toContain(KEY);
  });

  it('fails at once when a 429 asks for a longer wait than it would accept', async () => {
    fake = await startFakeChatCompletions([rateLimited(3_600)]);
    const error = await failureOf(requestChatCompletion(options({ maxRetryAfterMs: 60_000 }), MESSAGES));
    expect(fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
  });

  it('times out a provider slower than timeoutMs', async () => {
    fake = await startFakeChatCompletions([{ content: 'too late', delayMs: 3_000 }]);
    const error = await failureOf(requestChatCompletion(options({ timeoutMs: 300, maxRetries: 0 }), MESSAGES));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('no answer within 0.3 s');
  });

  it('reports an answer that is not a chat completion', async () => {
    fake = await startFakeChatCompletions([{ rawBody: '{"id":"x","choices":[]}' }]);
    expect((await failureOf(requestChatCompletion(options(), MESSAGES))).kind).toBe('answer');
  });

  it('retries a provider that cannot be reached, then says so', async () => {
    fake = await startFakeChatCompletions();
    const baseUrl = fake.baseUrl;
    await fake.close();
    fake = await startFakeChatCompletions();
    const error = await failureOf(requestChatCompletion(options({ baseUrl, maxRetries: 1 }), MESSAGES));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('could not be reached');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after seconds, an HTTP date, and OpenAI\'s reset header', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
    expect(retryAfterMs({ 'x-ratelimit-reset-requests': '1m2.5s' })).toBe(62_500);
    expect(retryAfterMs({ 'x-ratelimit-reset-requests': '20ms' })).toBe(20);
    expect(retryAfterMs({})).toBeNull();
  });
});

import { FakeHttpApi, type Answer } from './fakeHttpApi';

/**
 * A Discord webhook on 127.0.0.1 (Execute Webhook, ?wait=true): 200 with the created message {id, content, …};
 * 429 {"message","retry_after","global"} with a Retry-After header; 400/404 {"message","code"}.
 */
export async function startFakeDiscord(): Promise<FakeDiscord> {
  return new FakeDiscord().listen();
}

export const WEBHOOK_PATH = '/api/webhooks/1234567890/discord-webhook-secret-token';

export class FakeDiscord extends FakeHttpApi {
  constructor() {
    super((request, count) => {
      if (!request.path.startsWith(WEBHOOK_PATH)) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      const content = (request.body as { content?: unknown }).content;
      if (typeof content !== 'string' || content.length === 0 || content.length > 2000) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
      return { status: 200, body: { id: `9000${count}`, type: 0, content, channel_id: '42' } };
    });
  }

  get webhookUrl(): string {
    return `${this.url}${WEBHOOK_PATH}`;
  }

  /** Discord's rate limit answer. */
  static rateLimited(retryAfterSeconds: number): Answer {
    return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false }, headers: { 'retry-after': String(Math.ceil(retryAfterSeconds)) } };
  }

  /** The contents posted, in order. */
  contents(): string[] {
    return this.received.map((r) => (r.body as { content: string }).content);
  }
}

import { FakeHttpApi, type Answer } from './fakeHttpApi';

export const X_TOKEN = 'x-user-context-secret-token';

/**
 * X API v2 on 127.0.0.1: POST /2/tweets {text} with Authorization: Bearer <user token> answers 201
 * {"data":{"id","text","edit_history_tweet_ids"}}; a wrong token 401 problem JSON; text over 280 403 problem JSON
 * (X refuses an over-long post); 429 with x-rate-limit-reset (epoch seconds).
 */
export class FakeX extends FakeHttpApi {
  constructor(token = X_TOKEN) {
    super((request, count) => {
      if (request.path !== '/2/tweets') return { status: 404, body: { title: 'Not Found Error', detail: 'no such route', type: 'about:blank', status: 404 } };
      if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
      const text = (request.body as { text?: unknown }).text;
      if (typeof text !== 'string' || [...text].length > 280) return FakeX.forbidden('Your Tweet text is too long.');
      const id = `17${String(count).padStart(8, '0')}`;
      return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
    });
  }

  static forbidden(detail: string): Answer {
    return { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail } };
  }

  static rateLimited(resetEpochSeconds: number): Answer {
    return {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpochSeconds) },
    };
  }

  texts(): string[] {
    return this.received.map((r) => (r.body as { text: string }).text);
  }
}

export async function startFakeX(token = X_TOKEN): Promise<FakeX> {
  return new FakeX(token).listen();
}

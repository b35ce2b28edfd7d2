import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { etParts, pad } from '../../core/market/newYorkTime';

/** What the fake answers one request with; answers are used in order, the last one repeats. */
export interface ScriptedAnswer {
  status?: number;
  /** A chat completion with this text (status 200), or an error body {error: {message, type, code}}. */
  content?: string;
  error?: { message: string; type?: string; code?: string | null };
  headers?: Record<string, string>;
  /** Held this long before answering (a slow provider: the client's timeout). */
  delayMs?: number;
  /** Answered as is (a malformed body). */
  rawBody?: string;
}

export interface ReceivedRequest {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: { model?: string; messages?: Array<{ role: string; content: string }>; temperature?: number } & Record<string, unknown>;
}

export interface FakeChatCompletions {
  /** The base URL a client is configured with ({baseUrl}/chat/completions). */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Replaces the answers still to come. */
  script(answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

function completion(model: string, content: string): unknown {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 812, completion_tokens: 240, total_tokens: 1052 },
  };
}

/**
 * An OpenAI chat-completions API on 127.0.0.1 (a real HTTP server): POST /v1/chat/completions answers as scripted,
 * with the real answer and error shapes, status codes and rate-limit headers. Every request is recorded.
 */
export async function startFakeChatCompletions(answers: ScriptedAnswer[] = [{ content: '# Morning note\n\nAll quiet.' }]): Promise<FakeChatCompletions> {
  let script = [...answers];
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      let body: ReceivedRequest['body'] = {};
      try {
        body = JSON.parse(text) as ReceivedRequest['body'];
      } catch {
        // recorded as empty: the test sees it
      }
      requests.push({ at: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = (script.length > 1 ? script.shift() : script[0]) ?? { content: 'ok' };
      const send = () => {
        if (res.destroyed) return;
        if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `Unknown request URL: ${req.method} ${req.url}`, type: 'invalid_request_error', code: 'unknown_url' } }));
          return;
        }
        const status = answer.status ?? (answer.error ? 500 : 200);
        const payload = answer.rawBody ?? JSON.stringify(answer.error ? { error: { type: 'server_error', code: null, ...answer.error } } : completion(body.model ?? 'unknown', answer.content ?? ''));
        res.writeHead(status, { 'content-type': 'application/json', ...answer.headers }).end(payload);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (next) => (script = [...next]),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A 429 as OpenAI sends it, asking to wait `seconds`. */
export function rateLimited(seconds: number): ScriptedAnswer {
  return {
    status: 429,
    error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
    headers: { 'retry-after': String(seconds), 'x-ratelimit-reset-requests': `${seconds}s` },
  };
}

/** A morningAnalysis.time twelve hours away (New York): a test's own runs are never joined by a scheduled one. */
export function timeFarFromNow(now = Date.now()): string {
  const { hour, minute } = etParts(now + 12 * 3_600_000);
  return `${pad(hour)}:${pad(minute)}`;
}

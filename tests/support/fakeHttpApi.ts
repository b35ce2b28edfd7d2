import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake API received, with the time it arrived. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Holds the answer back this long (a slow channel). */
  delayMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 for an API beyond this machine: it records every request and answers with the
 * scripted answers in order (`script`), then with `ok(request)`. The API modules (fakeDiscord, fakeTelegram, fakeX)
 * give it each API's format.
 */
export class FakeHttpApi {
  readonly received: Received[] = [];
  private readonly scripted: Answer[] = [];
  private readonly server: http.Server;

  constructor(private readonly ok: (request: Received, count: number) => Answer) {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() };
        this.received.push(request);
        const answer = this.scripted.shift() ?? this.ok(request, this.received.length);
        const reply = () => {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next requests get these answers, in order. */
  script(...answers: Answer[]): void {
    this.scripted.push(...answers);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

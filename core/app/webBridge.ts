import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ContractServer } from './contractServer';
import { listenFailure } from '../runtime/listenFailure';
import type { Health } from '../contract/contract';
import type { OutboxTransport } from './outbox';

export interface WebBridgeOptions {
  port: number;
  rendererDir: string;
  contract: ContractServer;
  health: () => Health;
  reportBadInput: (source: string, problem: string) => void;
}

const MAX_MESSAGE_BYTES = 1 << 20;

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Serves the cockpit and the contract on 127.0.0.1 for web mode: static renderer files, GET /api/health, and
 * the contract over a WebSocket at /ws that needs this launch's token and an Origin of this very server.
 */
export class WebBridge {
  readonly token = randomBytes(24).toString('hex');
  private server: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private boundPort = 0;

  constructor(private readonly options: WebBridgeOptions) {}

  get port(): number {
    return this.boundPort;
  }

  /** The address to open, carrying the session token (as Jupyter does). */
  get url(): string {
    return `http://127.0.0.1:${this.boundPort}/?token=${this.token}`;
  }

  get clientCount(): number {
    return this.wss?.clients.size ?? 0;
  }

  async start(): Promise<void> {
    const statics = fs.existsSync(this.options.rendererDir) ? sirv(this.options.rendererDir, { single: true, dev: false, etag: true }) : null;
    this.server = http.createServer((req, res) => this.handleHttp(req, res, statics));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    this.server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', (error) => reject(listenFailure(error, this.options.port, 'choose another with --port (0 = any free port)')));
      this.server!.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port;
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    this.wss?.close();
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    // close() waits for every connection to end; a browser's idle keep-alive connections never would.
    this.server?.closeAllConnections();
    await closed;
  }

  private handleHttp(req: http.IncomingMessage, res: http.ServerResponse, statics: ReturnType<typeof sirv> | null): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(this.boundPort));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/health') {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify(this.options.health()));
      return;
    }
    if (!statics) {
      res.statusCode = 503;
      res.end(`The cockpit is not built (${path.relative(process.cwd(), this.options.rendererDir)} is missing): run npm start or npm run build.`);
      return;
    }
    statics(req, res);
  }

  private refuse(socket: import('node:stream').Duplex, status: number, reason: string): void {
    this.options.reportBadInput('websocket', `connection refused: ${reason}`);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
  }

  private handleUpgrade(req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return this.refuse(socket, 404, 'Not Found');
    const allowed = [`http://127.0.0.1:${this.boundPort}`, `http://localhost:${this.boundPort}`];
    if (!allowed.includes(req.headers.origin ?? '')) return this.refuse(socket, 403, 'Forbidden origin');
    const token = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(this.token);
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) return this.refuse(socket, 401, 'Bad token');
    this.wss!.handleUpgrade(req, socket, head, (ws) => this.options.contract.serve(this.transportFor(ws), 'websocket'));
  }

  private transportFor(ws: WebSocket): OutboxTransport {
    return {
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      backlog: () => ws.bufferedAmount,
      onMessage: (listener) =>
        ws.on('message', (data, isBinary) => {
          if (isBinary) return listener({ binary: true });
          try {
            listener(JSON.parse(data.toString()));
          } catch {
            listener({ unparseable: data.toString().slice(0, 200) });
          }
        }),
      onClose: (listener) => ws.on('close', listener),
    };
  }
}


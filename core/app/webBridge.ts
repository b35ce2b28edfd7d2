import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ContractServer } from './contractServer';
import { listenFailure } from '../runtime/listenFailure';
import type { Health } from '../contract/contract';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_CONNECTIONS } from './contractLimits';
import type { OutboxTransport } from './outbox';
import { UnreadableMessage } from '../contract/protocol';

export interface WebBridgeOptions {
  port: number;
  rendererDir: string;
  contract: ContractServer;
  health: () => Health;
  reportBadInput: (source: string, problem: string) => void;
}

/** WebSocket close code "Try Again Later": the engine already serves MAX_CONNECTIONS. */
const CLOSE_TRY_AGAIN_LATER = 1013;

/** What was wrong with the frame that made ws close a connection, in words. */
function frameProblem(error: Error & { code?: string }): string {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return `a message over the ${MAX_CLIENT_MESSAGE_BYTES}-byte limit (code 1009)`;
  if (error.code === 'WS_ERR_INVALID_UTF8') return 'a text frame that is not UTF-8 (code 1007)';
  return error.message;
}

/** Only these names may address the server: a DNS-rebinding page reaches 127.0.0.1 under a name of its own. */
function isLoopbackHost(host: string | undefined): boolean {
  try {
    return ['127.0.0.1', 'localhost'].includes(new URL(`http://${host ?? ''}`).hostname);
  } catch {
    return false;
  }
}

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
  /** Connections the contract serves (refused ones still closing are not counted). */
  private served = 0;

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
    // One client message per event-loop turn: a burst of thousands in one TCP read cannot hold up the kill switch.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, allowSynchronousEvents: false });
    this.wss.on('wsClientError', (error, socket) => this.refuse(socket, 400, `Bad Request (${error.message})`));
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
    if (!isLoopbackHost(req.headers.host)) {
      return this.refuseHttp(res, 403, `Forbidden host ${JSON.stringify(req.headers.host ?? '')}: this server answers only as 127.0.0.1 or localhost`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.refuseHttp(res, 405, `Method ${req.method} not allowed: only GET and HEAD`);
    }
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

  private refuseHttp(res: http.ServerResponse, status: number, problem: string): void {
    this.options.reportBadInput('http', `request refused: ${problem}`);
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(problem);
  }

  private refuse(socket: Duplex, status: number, reason: string): void {
    this.options.reportBadInput('websocket', `connection refused: ${reason}`);
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  }

  private handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    // The HTTP server stops watching a socket it hands over for an upgrade: a reset peer must not crash the engine.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return this.refuse(socket, 404, 'Not Found');
    const allowed = [`http://127.0.0.1:${this.boundPort}`, `http://localhost:${this.boundPort}`];
    if (!allowed.includes(req.headers.origin ?? '')) return this.refuse(socket, 403, 'Forbidden origin');
    const token = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(this.token);
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) return this.refuse(socket, 401, 'Bad token');
    this.wss!.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    // A frame over the size limit or text that is not UTF-8: ws closes the connection itself, with code 1009 or 1007.
    ws.on('error', (error) => this.options.reportBadInput('websocket', `connection closed: ${frameProblem(error)}`));
    if (this.served >= MAX_CONNECTIONS) {
      this.options.reportBadInput('websocket', `connection refused: ${MAX_CONNECTIONS} connections open, the most the engine serves`);
      ws.close(CLOSE_TRY_AGAIN_LATER, `too many connections: the engine serves at most ${MAX_CONNECTIONS}; close another cockpit tab`);
      return;
    }
    this.served++;
    ws.once('close', () => this.served--);
    this.options.contract.serve(this.transportFor(ws), 'websocket');
  }

  private transportFor(ws: WebSocket): OutboxTransport {
    return {
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      sendJson: (json) => {
        if (ws.readyState === ws.OPEN) ws.send(json);
      },
      backlog: () => ws.bufferedAmount,
      onMessage: (listener) =>
        ws.on('message', (data, isBinary) => {
          if (isBinary) return listener(new UnreadableMessage('a binary frame; the contract is JSON text'));
          const text = data.toString();
          let message: unknown;
          try {
            message = JSON.parse(text);
          } catch (error) {
            return listener(new UnreadableMessage(`not JSON (${(error as Error).message})`));
          }
          listener(message);
        }),
      onClose: (listener) => ws.on('close', listener),
    };
  }
}


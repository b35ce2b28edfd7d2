/** A reconnecting WebSocket client transport. Browser-safe: the WebSocket class is passed in. */
import type { ClientTransport } from './contractClient';
import type { ClientMessage, ServerMessage } from './protocol';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WsClientTransport extends ClientTransport {
  /** Stops reconnecting and closes the socket. */
  dispose(): void;
}

const OPEN = 1;

/** A frame that is not JSON is dropped (the server never sends one; a proxy or a bug might). */
function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as ServerMessage;
  } catch {
    return null;
  }
}

/** Close code "Try Again Later": the server serves as many connections as it will. */
const TRY_AGAIN_LATER = 1013;

/** The code and reason text a server gave when it closed the socket, if any. */
function closeInfo(event: unknown): { code?: number; reason?: string } {
  const { code, reason } = (event ?? {}) as { code?: unknown; reason?: unknown };
  return { code: typeof code === 'number' ? code : undefined, reason: typeof reason === 'string' && reason.length > 0 ? reason : undefined };
}

/** Reconnects with capped exponential backoff and jitter after every close. */
export function createWsClientTransport(url: string, WebSocketImpl: WebSocketConstructor, maxBackoffMs = 5_000): WsClientTransport {
  const messageListeners: Array<(m: ServerMessage) => void> = [];
  const openListeners: Array<() => void> = [];
  const closeListeners: Array<(reason?: string) => void> = [];
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (disposed) return;
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      openListeners.forEach((l) => l());
    };
    ws.onmessage = (event) => {
      const message = parseServerMessage(event.data);
      if (message) messageListeners.forEach((l) => l(message));
    };
    ws.onerror = () => undefined;
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      const { code, reason } = closeInfo(event);
      closeListeners.forEach((l) => l(reason));
      if (disposed) return;
      const backoff = code === TRY_AGAIN_LATER ? maxBackoffMs : Math.min(maxBackoffMs, 200 * 2 ** attempt++);
      const delay = backoff * (0.5 + Math.random() / 2);
      timer = setTimeout(connect, delay);
    };
  };
  connect();

  return {
    get isOpen() {
      return socket?.readyState === OPEN;
    },
    send(message: ClientMessage) {
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onOpen: (listener) => void openListeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    dispose() {
      disposed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}

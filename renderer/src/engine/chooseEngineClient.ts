import { bridgeEngineClient } from './bridgeEngineClient';
import type { EngineClient } from './engineClient';
import { takeSessionToken } from './sessionToken';
import { webSocketEngineClient } from './webSocketEngineClient';

export type Startup = { kind: 'ready'; client: EngineClient } | { kind: 'noToken' };

/** Picks the transport once at start-up: the Electron preload's bridge if present, else the web bridge. */
export function chooseEngineClient(): Startup {
  if (window.alphatrader) return { kind: 'ready', client: bridgeEngineClient(window.alphatrader) };
  const token = takeSessionToken();
  return token ? { kind: 'ready', client: webSocketEngineClient(token) } : { kind: 'noToken' };
}

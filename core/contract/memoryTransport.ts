/** An in-memory transport pair: the whole contract path in one process, for contract tests. */
import type { ClientTransport } from './contractClient';
import type { ClientMessage, ServerMessage, Transport } from './protocol';

type Listener<T> = (message: T) => void;

export interface MemoryPair {
  client: ClientTransport;
  server: Transport<unknown, ServerMessage>;
  close(): void;
}

/** Messages are structured-cloned and delivered on a later microtask, as they would be across a process boundary. */
export function createMemoryPair(): MemoryPair {
  const toServer = new Set<Listener<unknown>>();
  const toClient = new Set<Listener<ServerMessage>>();
  const closeListeners: Array<() => void> = [];
  let open = true;
  const deliver = <T>(listeners: Set<Listener<T>>, message: T) => {
    const copy = structuredClone(message);
    queueMicrotask(() => open && listeners.forEach((l) => l(copy)));
  };
  const client: ClientTransport = {
    get isOpen() {
      return open;
    },
    send: (message: ClientMessage) => deliver(toServer, message),
    onMessage: (listener) => toClient.add(listener),
    onOpen: () => undefined,
    onClose: (listener) => closeListeners.push(listener),
  };
  const server: Transport<unknown, ServerMessage> = {
    send: (message) => deliver(toClient, message),
    onMessage: (listener) => toServer.add(listener),
    onClose: (listener) => closeListeners.push(listener),
  };
  const close = () => {
    if (!open) return;
    open = false;
    closeListeners.forEach((l) => l());
  };
  return { client, server, close };
}

import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { MAX_CLIENT_MESSAGE_BYTES } from '../core/app/contractLimits';
import type { Engine } from '../core/app/engine';
import { readableMessage, type ServerMessage, type Transport } from '../core/contract/protocol';
import { CONTRACT_CHANNEL } from './ipcChannel';

interface IpcConnection {
  deliver(message: unknown): void;
  close(): void;
}

/**
 * Binds the contract to ipcMain on one channel: one ContractServer connection per webContents (closed when the
 * page reloads, crashes or is destroyed), and every message's sender checked first. Returns an unbind function.
 */
export function bindContractToIpc(engine: Engine, isTrusted: (event: IpcMainEvent) => boolean): () => void {
  const connections = new Map<WebContents, IpcConnection>();

  const open = (contents: WebContents): IpcConnection => {
    const messageListeners: Array<(message: unknown) => void> = [];
    const closeListeners: Array<() => void> = [];
    let closed = false;
    const transport: Transport<unknown, ServerMessage> = {
      send: (message) => {
        if (!closed && !contents.isDestroyed()) contents.send(CONTRACT_CHANNEL, message);
      },
      onMessage: (listener) => void messageListeners.push(listener),
      onClose: (listener) => void closeListeners.push(listener),
    };
    const close = () => {
      if (closed) return;
      closed = true;
      connections.delete(contents);
      contents.removeListener('did-navigate', close);
      contents.removeListener('render-process-gone', close);
      contents.removeListener('destroyed', close);
      closeListeners.forEach((listener) => listener());
    };
    // A reloaded page starts its subscription ids again from 1: the old page's subscriptions must end with it.
    contents.once('did-navigate', close);
    contents.once('render-process-gone', close);
    contents.once('destroyed', close);
    engine.contract.serve(transport, 'ipc');
    const connection = { deliver: (message: unknown) => messageListeners.forEach((listener) => listener(message)), close };
    connections.set(contents, connection);
    return connection;
  };

  const receive = (event: IpcMainEvent, message: unknown) => {
    if (!isTrusted(event)) {
      engine.badInput.report('ipc', `message from an untrusted sender dropped (${event.senderFrame?.url ?? 'no frame'})`);
      return;
    }
    (connections.get(event.sender) ?? open(event.sender)).deliver(readableMessage(message, MAX_CLIENT_MESSAGE_BYTES));
  };

  ipcMain.on(CONTRACT_CHANNEL, receive);
  return () => {
    ipcMain.removeListener(CONTRACT_CHANNEL, receive);
    [...connections.values()].forEach((connection) => connection.close());
  };
}

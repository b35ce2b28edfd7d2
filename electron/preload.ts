/**
 * Runs sandboxed before the cockpit loads. Exposes exactly one typed client as `window.alphatrader`: the contract
 * over IPC. The page never sees ipcRenderer, only these functions, and only plain data crosses the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ContractError } from '../core/contract/contract';
import { ContractClient, type ClientTransport } from '../core/contract/contractClient';
import type { ServerMessage } from '../core/contract/protocol';
import type { AlphaTraderBridge, BridgeError } from '../renderer/src/engine/alphatraderBridge';
import { CONTRACT_CHANNEL } from './ipcChannel';

/** Plain data only: a refused order keeps its denial code (`reason`) across the bridge. */
const toBridgeError = (error: unknown): BridgeError => {
  if (!(error instanceof ContractError)) return { code: 'INTERNAL', message: String(error) };
  return error.reason ? { code: error.code, message: error.message, reason: error.reason } : { code: error.code, message: error.message };
};

// IPC lives exactly as long as the page, so the transport is open from the start and never reopens.
const transport: ClientTransport = {
  isOpen: true,
  send: (message) => ipcRenderer.send(CONTRACT_CHANNEL, message),
  onMessage: (listener) => void ipcRenderer.on(CONTRACT_CHANNEL, (_event, message: ServerMessage) => listener(message)),
  onOpen: () => undefined,
  onClose: () => undefined,
};
const client = new ContractClient(transport);

const bridge: AlphaTraderBridge = {
  call: (command, input) =>
    client.call(command, input).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: toBridgeError(error) }),
    ),
  subscribe: (stream, params, listener, onError) =>
    client.subscribe(stream, params, listener, onError && ((error) => onError({ code: error.code, message: error.message }))),
  onConnectionChange: (listener) => client.onConnectionChange(listener),
  onStreamGap: (listener) => client.onStreamGap(listener),
  isConnected: () => client.connected,
};

contextBridge.exposeInMainWorld('alphatrader', bridge);

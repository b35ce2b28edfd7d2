import { ContractClient } from '../../../core/contract/contractClient';
import { createWsClientTransport, type WebSocketConstructor } from '../../../core/contract/wsClientTransport';
import type { EngineClient } from './engineClient';

/** Web mode: the contract over the web bridge's loopback WebSocket, reconnecting by itself. */
export function webSocketEngineClient(token: string): EngineClient {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  const client = new ContractClient(createWsClientTransport(url, WebSocket as unknown as WebSocketConstructor));
  return {
    transport: 'websocket',
    call: (command, input) => client.call(command, input),
    subscribe: (stream, params, listener, onError) => client.subscribe(stream, params, listener, onError),
    onConnectionChange: (listener) => client.onConnectionChange(listener),
    onStreamGap: (listener) => client.onStreamGap(listener),
    isConnected: () => client.connected,
  };
}

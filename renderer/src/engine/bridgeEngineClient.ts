import { ContractError } from '../../../core/contract/contract';
import type { AlphaTraderBridge } from './alphatraderBridge';
import type { EngineClient } from './engineClient';

/** Electron mode: the preload's typed client, with results turned back into ContractErrors. */
export function bridgeEngineClient(bridge: AlphaTraderBridge): EngineClient {
  return {
    transport: 'ipc',
    async call(command, input) {
      const result = await bridge.call(command, input);
      if (result.ok) return result.value;
      throw new ContractError(result.error.code, result.error.message, result.error.reason);
    },
    subscribe: (stream, params, listener, onError) =>
      bridge.subscribe(stream, params, listener, onError && ((error) => onError(new ContractError(error.code, error.message)))),
    onConnectionChange: (listener) => bridge.onConnectionChange(listener),
    onStreamGap: (listener) => bridge.onStreamGap(listener),
    isConnected: () => bridge.isConnected(),
  };
}

/**
 * The API the Electron preload exposes as `window.alphatrader`. Only plain data and functions cross the
 * contextBridge (class instances lose their prototype and errors lose their code), so calls resolve to a result
 * object instead of rejecting.
 */
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ContractErrorCode,
  DenialCode,
  StreamEvent,
  StreamName,
  StreamParams,
  StreamValue,
} from '../../../core/contract/contract';
import type { StreamGapListener } from '../../../core/contract/contractClient';

export interface BridgeError {
  code: ContractErrorCode;
  message: string;
  /** A refused order's denial code (HALTED, …). */
  reason?: DenialCode;
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export interface AlphaTraderBridge {
  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<BridgeResult<CommandOutput<C>>>;
  subscribe<S extends StreamName>(
    stream: S,
    params: StreamParams<S>,
    listener: (event: StreamEvent<StreamValue<S>>) => void,
    onError?: (error: BridgeError) => void,
  ): () => void;
  onConnectionChange(listener: (connected: boolean, reason?: string) => void): () => void;
  /** Told of every sequence gap, after the client subscribed to that stream again. */
  onStreamGap(listener: StreamGapListener): () => void;
  isConnected(): boolean;
}

import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ContractError,
  StreamEvent,
  StreamName,
  StreamParams,
  StreamValue,
} from '../../../core/contract/contract';
import type { StreamGapListener } from '../../../core/contract/contractClient';

export type TransportName = 'ipc' | 'websocket';

/** What the cockpit needs from the engine, whichever transport carries it. Calls reject with ContractError. */
export interface EngineClient {
  readonly transport: TransportName;
  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  subscribe<S extends StreamName>(
    stream: S,
    params: StreamParams<S>,
    listener: (event: StreamEvent<StreamValue<S>>) => void,
    onError?: (error: ContractError) => void,
  ): () => void;
  /** `reason`: why the engine closed the connection, when it said so (e.g. too many connections). */
  onConnectionChange(listener: (connected: boolean, reason?: string) => void): () => void;
  /** Told of every sequence gap in a stream, after the client subscribed to that stream again (fresh value). */
  onStreamGap(listener: StreamGapListener): () => void;
  isConnected(): boolean;
}

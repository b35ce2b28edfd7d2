import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ContractError,
  StreamEvent,
  StreamName,
  StreamParams,
  StreamValue,
} from '../../../core/host/contract';

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
  isConnected(): boolean;
}

import { describeIssues } from '../config/configError';
import {
  ContractError,
  commands,
  streams,
  type CommandName,
  type CommandOutput,
  type ParsedCommandInput,
  type ParsedStreamParams,
  type StreamName,
  type StreamValue,
} from '../contract/contract';
import { moduleLogger } from '../runtime/logger';
import { Outbox, type DroppedEventReporter, type OutboxTransport } from './outbox';
import { clientMessageSchema, type ClientMessage, type ServerMessage, type Transport, type WireError } from '../contract/protocol';
import type { StreamSource } from '../runtime/topic';

export interface CallContext {
  /** Which bridge the call came through, for the audit trail and bad-input counts. */
  transport: string;
}

export type CommandHandlers = {
  [C in CommandName]: (input: ParsedCommandInput<C>, context: CallContext) => Promise<CommandOutput<C>> | CommandOutput<C>;
};
export type StreamHandlers = {
  [S in StreamName]: (params: ParsedStreamParams<S>) => StreamSource<StreamValue<S>>;
};

/** Called for every input the engine refused: counted in monitoring. */
export type BadInputReporter = (source: string, problem: string) => void;

const log = moduleLogger('contract');

/** Streams whose every value is a distinct event (not a newer state replacing the last): never skipped. */
const eventStreams: ReadonlySet<StreamName> = new Set<StreamName>(['sweeps']);

function hasKey<T extends object>(object: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function toWireError(error: unknown): WireError {
  if (error instanceof ContractError) return { code: error.code, message: error.message };
  log.error({ err: error }, 'command handler failed');
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Serves the contract on any number of connections, each over its own transport. */
export class ContractServer {
  constructor(
    private readonly commandHandlers: CommandHandlers,
    private readonly streamHandlers: StreamHandlers,
    private readonly reportBadInput: BadInputReporter,
    private readonly reportDropped: DroppedEventReporter = () => undefined,
  ) {}

  serve(transport: OutboxTransport, transportName: string): void {
    const subscriptions = new Map<number, () => void>();
    const outbox = new Outbox(transport, this.reportDropped);
    transport.onClose(() => {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      outbox.close();
    });
    transport.onMessage((raw) => {
      const parsed = clientMessageSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) {
        const message = `malformed message: ${describeIssues(parsed.error.issues, raw).join('; ')}`;
        this.reportBadInput(transportName, message);
        transport.send({ t: 'protocolError', error: { code: 'BAD_REQUEST', message } });
        return;
      }
      this.handle(parsed.data, transport, outbox, subscriptions, { transport: transportName });
    });
  }

  private handle(message: ClientMessage, transport: Transport<unknown, ServerMessage>, outbox: Outbox, subs: Map<number, () => void>, context: CallContext): void {
    if (message.t === 'call') {
      void this.call(message.command, message.input, context).then(
        (value) => transport.send({ t: 'result', id: message.id, ok: true, value }),
        (error: unknown) => transport.send({ t: 'result', id: message.id, ok: false, error: toWireError(error) }),
      );
    } else if (message.t === 'subscribe') {
      try {
        subs.get(message.id)?.();
        subs.delete(message.id);
        subs.set(message.id, this.subscribe(message.stream, message.params, message.id, outbox, context));
      } catch (error) {
        transport.send({ t: 'streamError', id: message.id, error: toWireError(error) });
      }
    } else {
      subs.get(message.id)?.();
      subs.delete(message.id);
      outbox.drop(message.id);
    }
  }

  /** Validates and runs one command; refusals are ContractErrors with a readable message. */
  async call(name: string, input: unknown, context: CallContext): Promise<unknown> {
    if (!hasKey(commands, name)) {
      this.reportBadInput(context.transport, `unknown command ${JSON.stringify(name)}`);
      throw new ContractError('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(name)}; known: ${Object.keys(commands).join(', ')}`);
    }
    const parsed = commands[name].input.safeParse(input ?? {}, { reportInput: true });
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, input ?? {}).join('; ');
      this.reportBadInput(context.transport, `${name}: ${problems}`);
      throw new ContractError('BAD_REQUEST', `${name}: ${problems}`);
    }
    const handler = this.commandHandlers[name] as (input: unknown, context: CallContext) => unknown;
    return await handler(parsed.data, context);
  }

  private subscribe(name: string, params: unknown, id: number, outbox: Outbox, context: CallContext): () => void {
    if (!hasKey(streams, name)) {
      this.reportBadInput(context.transport, `unknown stream ${JSON.stringify(name)}`);
      throw new ContractError('UNKNOWN_STREAM', `unknown stream ${JSON.stringify(name)}; known: ${Object.keys(streams).join(', ')}`);
    }
    const parsed = streams[name].params.safeParse(params ?? {}, { reportInput: true });
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, params ?? {}).join('; ');
      this.reportBadInput(context.transport, `${name}: ${problems}`);
      throw new ContractError('BAD_REQUEST', `${name}: ${problems}`);
    }
    const source = (this.streamHandlers[name] as (p: unknown) => StreamSource<unknown>)(parsed.data);
    outbox.open(id, name, !eventStreams.has(name));
    const unsubscribe = source.subscribe((value, asOf) => outbox.push(id, asOf, value));
    return () => {
      unsubscribe();
      outbox.drop(id);
    };
  }
}

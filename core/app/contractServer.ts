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
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, MESSAGE_BURST, MESSAGES_PER_SECOND } from './contractLimits';
import { EncodeScheduler } from './encodeScheduler';
import { moduleLogger } from '../runtime/logger';
import { MessageRate } from './clientMessageRate';
import { Outbox, type DroppedEventReporter, type OutboxTransport } from './outbox';
import { clientMessageSchema, UnreadableMessage, type ClientMessage, type ServerMessage, type Transport, type WireError } from '../contract/protocol';
import { SharedEncodings } from './sharedEncodings';
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

/** The kill switch and unsubscribing (which only lightens the load) are never refused for rate. */
const exemptFromRate = (message: ClientMessage): boolean =>
  message.t === 'unsubscribe' || (message.t === 'call' && message.command === 'setTradingState');

/** One connection's state: its subscriptions (id -> unsubscribe), outgoing events and message rate. */
interface Connection {
  transport: Transport<unknown, ServerMessage>;
  subscriptions: Map<number, () => void>;
  outbox: Outbox;
  rate: MessageRate;
  context: CallContext;
}

function toWireError(error: unknown): WireError {
  if (error instanceof ContractError) return error.reason ? { code: error.code, message: error.message, reason: error.reason } : { code: error.code, message: error.message };
  log.error({ err: error }, 'command handler failed');
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Serves the contract on any number of connections, each over its own transport. */
export class ContractServer {
  /** Shared by all connections: each large value read once, and the time for encoding shared out fairly. */
  private readonly encodings = new SharedEncodings();
  private readonly encodeScheduler = new EncodeScheduler();
  /** Connections open now (cockpits, over either transport): the dead-man rule reads it. */
  connections = 0;

  constructor(
    private readonly commandHandlers: CommandHandlers,
    private readonly streamHandlers: StreamHandlers,
    private readonly reportBadInput: BadInputReporter,
    private readonly reportDropped: DroppedEventReporter = () => undefined,
  ) {}

  serve(transport: OutboxTransport, transportName: string): void {
    const connection: Connection = {
      transport,
      subscriptions: new Map(),
      outbox: new Outbox(transport, this.reportDropped, this.encodings, this.encodeScheduler),
      rate: new MessageRate(MESSAGES_PER_SECOND, MESSAGE_BURST),
      context: { transport: transportName },
    };
    this.connections++;
    transport.onClose(() => {
      this.connections--;
      for (const unsubscribe of connection.subscriptions.values()) unsubscribe();
      connection.subscriptions.clear();
      connection.outbox.close();
    });
    transport.onMessage((raw) => this.receive(raw, connection));
  }

  private receive(raw: unknown, connection: Connection): void {
    if (raw instanceof UnreadableMessage) return this.refuseUnreadable(`unreadable message: ${raw.reason}`, connection);
    const parsed = clientMessageSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) return this.refuseUnreadable(`malformed message: ${describeIssues(parsed.error.issues, raw).join('; ')}`, connection);
    if (!connection.rate.take() && !exemptFromRate(parsed.data)) return this.refuseForRate(parsed.data, connection);
    this.handle(parsed.data, connection);
  }

  private refuseUnreadable(message: string, { transport, context }: Connection): void {
    this.reportBadInput(context.transport, message);
    transport.send({ t: 'protocolError', error: { code: 'BAD_REQUEST', message } });
  }

  private refuseForRate(message: ClientMessage, { transport, context }: Connection): void {
    const what = message.t === 'call' ? message.command : message.t === 'subscribe' ? `subscribe ${message.stream}` : message.t;
    const problem = `${what} refused: more than ${MESSAGES_PER_SECOND} messages a second (bursts of ${MESSAGE_BURST}) on this connection; slow down`;
    this.reportBadInput(context.transport, problem);
    const error: WireError = { code: 'LIMIT_REACHED', message: problem };
    if (message.t === 'call') transport.send({ t: 'result', id: message.id, ok: false, error });
    else transport.send({ t: 'streamError', id: message.id, error });
  }

  private handle(message: ClientMessage, connection: Connection): void {
    const { transport, outbox, subscriptions: subs, context } = connection;
    if (message.t === 'call') {
      void this.call(message.command, message.input, context).then(
        (value) => transport.send({ t: 'result', id: message.id, ok: true, value }),
        (error: unknown) => transport.send({ t: 'result', id: message.id, ok: false, error: toWireError(error) }),
      );
    } else if (message.t === 'subscribe') {
      try {
        subs.get(message.id)?.();
        subs.delete(message.id);
        if (subs.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) this.refuseSubscription(message.stream, context);
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

  private refuseSubscription(stream: string, context: CallContext): never {
    const problem =
      `subscribe ${stream} refused: subscription limit reached (this connection holds ${MAX_SUBSCRIPTIONS_PER_CONNECTION}, ` +
      'the most one connection may); unsubscribe from streams it no longer shows';
    this.reportBadInput(context.transport, problem);
    throw new ContractError('LIMIT_REACHED', problem);
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
    try {
      return await handler(parsed.data, context);
    } catch (error) {
      throw this.countedIfBadRequest(error, name, context);
    }
  }

  /** A handler's BAD_REQUEST (an unconfigured symbol, a stream the symbol lacks) is bad input like a schema failure. */
  private countedIfBadRequest(error: unknown, name: string, context: CallContext): unknown {
    if (error instanceof ContractError && error.code === 'BAD_REQUEST') this.reportBadInput(context.transport, `${name}: ${error.message}`);
    return error;
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
    let source: StreamSource<unknown>;
    try {
      source = (this.streamHandlers[name] as (p: unknown) => StreamSource<unknown>)(parsed.data);
    } catch (error) {
      throw this.countedIfBadRequest(error, name, context);
    }
    outbox.open(id, name, !eventStreams.has(name));
    const unsubscribe = source.subscribe((value, asOf) => outbox.push(id, asOf, value));
    return () => {
      unsubscribe();
      outbox.drop(id);
    };
  }
}

/** The messages that carry the contract over any transport (Electron IPC, WebSocket, in-memory). Browser-safe. */
import { z } from 'zod';
import type { ContractErrorCode, DenialCode } from './contract';
import type { ValuePatch } from './valuePatch';

export const clientMessageSchema = z.discriminatedUnion(
  't',
  [
    z.strictObject({ t: z.literal('call'), id: z.number().int().nonnegative(), command: z.string().max(100), input: z.unknown().optional() }),
    z.strictObject({ t: z.literal('subscribe'), id: z.number().int().nonnegative(), stream: z.string().max(100), params: z.unknown().optional() }),
    z.strictObject({ t: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'one of "call", "subscribe", "unsubscribe"' : undefined) },
);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * What a transport hands the server for a message it could not read at all (a binary or non-JSON WebSocket frame,
 * an oversized IPC message): the server refuses it with `reason` and counts it.
 */
export class UnreadableMessage {
  constructor(readonly reason: string) {}
}

/**
 * For a transport that carries objects (Electron IPC): `message`, or an UnreadableMessage when it is over `maxBytes`
 * as JSON or is not plain JSON data, the limits a WebSocket frame gets.
 */
export function readableMessage(message: unknown, maxBytes: number): unknown {
  let bytes: number;
  try {
    bytes = JSON.stringify(message)?.length ?? 0;
  } catch (error) {
    return new UnreadableMessage(`not JSON data (${(error as Error).message})`);
  }
  return bytes > maxBytes ? new UnreadableMessage(`${bytes} bytes, over the ${maxBytes}-byte limit`) : message;
}

export interface WireError {
  code: ContractErrorCode;
  message: string;
  /** A refused order's denial code. */
  reason?: DenialCode;
}

/**
 * One value of subscription `id`; `seq` counts from 1 per subscription, so a gap means a lost message. The value
 * comes whole (`value`), as a patch to the subscription's previous value (`patch`, see valuePatch.ts), or, with
 * neither, is the previous value again.
 */
export interface StreamEventMessage {
  id: number;
  seq: number;
  asOf: number;
  value?: unknown;
  patch?: ValuePatch;
}

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: WireError }
  | { t: 'event'; id: number; seq: number; asOf: number; value: unknown }
  /** Stream events sent together (the engine batches a connection's events, see outbox.ts). */
  | { t: 'events'; events: StreamEventMessage[] }
  | { t: 'streamError'; id: number; error: WireError }
  /** A message the server could not read at all (no id to answer). */
  | { t: 'protocolError'; error: WireError };

/** One end of a message channel. Messages are plain, structured-clone-able objects. */
export interface Transport<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** Fires when the peer goes away (socket closed, window destroyed). */
  onClose(listener: () => void): void;
}

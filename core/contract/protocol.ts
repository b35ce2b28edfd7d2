/** The messages that carry the contract over any transport (Electron IPC, WebSocket, in-memory). Browser-safe. */
import { z } from 'zod';
import type { ContractErrorCode } from './contract';
import type { ValuePatch } from './valuePatch';

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('call'), id: z.number().int().nonnegative(), command: z.string().max(100), input: z.unknown() }),
  z.strictObject({ t: z.literal('subscribe'), id: z.number().int().nonnegative(), stream: z.string().max(100), params: z.unknown() }),
  z.strictObject({ t: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export interface WireError {
  code: ContractErrorCode;
  message: string;
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

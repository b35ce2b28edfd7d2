import type { ServerMessage, StreamEventMessage } from '../contract/protocol';

/**
 * One `events` message being filled, with its size so far. For a transport that carries text (a WebSocket) it is
 * built as JSON from each value's JSON, which the engine already has from encoding it: no value is serialised twice.
 */
export class EventsMessage {
  private readonly events: StreamEventMessage[] = [];
  private readonly parts: string[] = [];
  /** Size of the values and patches as JSON. */
  bytes = 0;

  constructor(private readonly asText: boolean) {}

  get length(): number {
    return this.asText ? this.parts.length : this.events.length;
  }

  /** Adds `event`; `json` is its value or patch as JSON (absent: neither is sent, the value did not change). */
  add(event: StreamEventMessage, json: string | undefined): void {
    this.bytes += json?.length ?? 0;
    if (!this.asText) {
      this.events.push(event);
      return;
    }
    const head = `{"id":${event.id},"seq":${event.seq},"asOf":${JSON.stringify(event.asOf)}`;
    this.parts.push(json === undefined ? `${head}}` : `${head},"${event.patch ? 'patch' : 'value'}":${json}}`);
  }

  message(): ServerMessage {
    return { t: 'events', events: this.events };
  }

  text(): string {
    return `{"t":"events","events":[${this.parts.join(',')}]}`;
  }
}

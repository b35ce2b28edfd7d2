import { afterEach, describe, expect, it } from 'vitest';
import type { BookView, StreamEvent } from '../../../core/contract/contract';
import { ContractClient, type StreamGap } from '../../../core/contract/contractClient';
import { ContractServer, type CommandHandlers, type StreamHandlers } from '../../../core/app/contractServer';
import { createMemoryPair, type MemoryPair } from '../../../core/contract/memoryTransport';
import type { ServerMessage, Transport } from '../../../core/contract/protocol';
import { Topic } from '../../../core/runtime/topic';

/** A 20-level book (well over 1 KB as JSON, so the engine sends changes as patches); `sizes` overrides bid sizes. */
function bookWith(sizes: Record<number, number>): BookView {
  const level = (price: number, size: number) => ({ price, size, exchange: 'ARCA', marketMaker: 'ARCA' });
  return {
    symbol: 'SPY',
    ts: 1_000,
    consolidated: {
      bids: Array.from({ length: 20 }, (_, i) => level(500 - i / 100, sizes[i] ?? 100)),
      asks: Array.from({ length: 20 }, (_, i) => level(500.01 + i / 100, 100)),
    },
    crossed: false,
    locked: false,
  };
}

/**
 * The engine's end of an in-memory link that loses, or holds back, the stream messages a test says: everything else
 * (server, outbox, patches, client) is the real contract path.
 */
function lossyLink(pair: MemoryPair) {
  let dropNext = false;
  let holding = false;
  const held: ServerMessage[] = [];
  const server: Transport<unknown, ServerMessage> = {
    onMessage: (listener) => pair.server.onMessage(listener),
    onClose: (listener) => pair.server.onClose(listener),
    send(message) {
      if (message.t === 'events' && dropNext) dropNext = false;
      else if (message.t === 'events' && holding) held.push(message);
      else pair.server.send(message);
    },
  };
  return {
    server,
    dropNextEvents: () => void (dropNext = true),
    get dropped() {
      return !dropNext;
    },
    hold: () => void (holding = true),
    get heldCount() {
      return held.length;
    },
    release() {
      holding = false;
      held.splice(0).forEach((message) => pair.server.send(message));
    },
  };
}

const waitFor = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

let pair: MemoryPair | undefined;
afterEach(() => pair?.close());

/** The real contract server serving one book topic (the engine's part under test) to a client over a lossy link. */
function connect() {
  pair = createMemoryPair();
  const link = lossyLink(pair);
  const topic = new Topic<BookView>();
  const server = new ContractServer({} as CommandHandlers, { book: () => topic } as unknown as StreamHandlers, () => undefined);
  server.serve(link.server, 'test');
  const client = new ContractClient(pair.client);
  const events: Array<StreamEvent<BookView>> = [];
  const gaps: StreamGap[] = [];
  client.onStreamGap((gap) => gaps.push(gap));
  client.subscribe('book', { symbol: 'SPY' }, (event) => events.push(event));
  return { link, topic, client, events, gaps };
}

describe('a sequence gap on a stream', () => {
  it('makes the client drop its value, subscribe again and end up holding the engine’s current value', async () => {
    const { link, topic, client, events, gaps } = connect();
    const first = bookWith({});
    topic.publish(first);
    await waitFor(() => events.length === 1, 'the first book');

    link.dropNextEvents();
    topic.publish(bookWith({ 3: 700 })); // lost on the way: the client still holds `first`
    await waitFor(() => link.dropped, 'the second book to be lost');
    const current = bookWith({ 3: 700, 7: 900 }); // sent as a patch against the lost book
    topic.publish(current);
    await waitFor(() => events.length === 2, 'a book after the gap');

    expect(client.gaps).toBe(1);
    expect(gaps).toEqual([{ stream: 'book', params: { symbol: 'SPY' }, total: 1 }]);
    expect(events[1]).toMatchObject({ seq: 1, resynced: true });
    expect(events[1]!.value).toEqual(topic.current);
    // Every book the client showed is one the engine published: the patch never landed on the wrong base.
    expect(events.map((event) => event.value)).toEqual([first, current]);

    const next = bookWith({ 3: 700, 7: 900, 12: 50 });
    topic.publish(next);
    await waitFor(() => events.length === 3, 'the next book');
    expect(events[2]).toEqual({ seq: 2, asOf: expect.any(Number) as number, value: next });
  });

  it('ignores what was still in flight for the old subscription instead of counting more gaps', async () => {
    const { link, topic, client, events } = connect();
    topic.publish(bookWith({}));
    await waitFor(() => events.length === 1, 'the first book');

    link.dropNextEvents();
    topic.publish(bookWith({ 1: 1 }));
    await waitFor(() => link.dropped, 'the second book to be lost');
    link.hold();
    topic.publish(bookWith({ 1: 1, 2: 2 }));
    await waitFor(() => link.heldCount === 1, 'the third book to be held');
    topic.publish(bookWith({ 1: 1, 2: 2, 3: 3 }));
    await waitFor(() => link.heldCount === 2, 'the fourth book to be held');
    link.release(); // seq 3 shows the gap; seq 4 of the replaced subscription arrives after the client moved on

    await waitFor(() => events.length === 2, 'the book after the gap');
    expect(client.gaps).toBe(1);
    expect(events[1]).toMatchObject({ seq: 1, resynced: true, value: bookWith({ 1: 1, 2: 2, 3: 3 }) });
  });
});

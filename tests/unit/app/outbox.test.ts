import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EVENTS_MESSAGE_BYTES } from '../../../core/app/contractLimits';
import { FLUSH_INTERVAL_MS, HIGH_WATER_BYTES, MAX_QUEUED_EVENTS, Outbox, type OutboxTransport } from '../../../core/app/outbox';
import type { ServerMessage } from '../../../core/contract/protocol';

function fakeTransport() {
  const sent: ServerMessage[] = [];
  let backlog = 0;
  const transport: OutboxTransport = {
    send: (message) => void sent.push(message),
    onMessage: () => undefined,
    onClose: () => undefined,
    backlog: () => backlog,
  };
  return { transport, sent, setBacklog: (bytes: number) => (backlog = bytes) };
}

describe('Outbox', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends every changed subscription together in one message, newest value each, sequence from 1', () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, 'quote', true);
    outbox.open(2, 'quote', true);
    outbox.push(1, 10, 'a1');
    outbox.push(2, 11, 'b1');
    outbox.push(1, 12, 'a2');
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      {
        t: 'events',
        events: [
          { id: 1, seq: 1, asOf: 12, value: 'a2' },
          { id: 2, seq: 1, asOf: 11, value: 'b1' },
        ],
      },
    ]);
  });

  it('sends at most once per flush interval', () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, 'quote', true);
    outbox.push(1, 1, 'x');
    vi.advanceTimersByTime(1);
    outbox.push(1, 2, 'y');
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS / 2);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ t: 'events', events: [{ id: 1, seq: 2, asOf: 2, value: 'y' }] });
  });

  it('keeps every event of an event stream', () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(7, 'sweeps', false);
    outbox.push(7, 1, 's1');
    outbox.push(7, 2, 's2');
    vi.advanceTimersByTime(1);
    expect(sent[0]).toEqual({ t: 'events', events: [{ id: 7, seq: 1, asOf: 1, value: 's1' }, { id: 7, seq: 2, asOf: 2, value: 's2' }] });
  });

  it('holds back while the peer is slow and then sends only the newest value', () => {
    const { transport, sent, setBacklog } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, 'quote', true);
    setBacklog(HIGH_WATER_BYTES + 1);
    for (let i = 0; i < 100; i++) {
      outbox.push(1, i, i);
      vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    }
    expect(sent).toHaveLength(0);
    setBacklog(0);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toEqual([{ t: 'events', events: [{ id: 1, seq: 1, asOf: 99, value: 99 }] }]);
  });

  it('for a slow page keeps the newest events of an event stream and reports each one it drops, by stream', () => {
    const { transport, sent, setBacklog } = fakeTransport();
    const dropped: string[] = [];
    const outbox = new Outbox(transport, (stream) => dropped.push(stream));
    outbox.open(7, 'sweeps', false);
    outbox.open(1, 'quote', true);
    setBacklog(HIGH_WATER_BYTES + 1);
    for (let i = 0; i < MAX_QUEUED_EVENTS + 12; i++) {
      outbox.push(7, i, i);
      outbox.push(1, i, i); // a latest-value stream skips values: that is not a loss
      vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    }
    expect(dropped).toEqual(Array(12).fill('sweeps'));
    setBacklog(0);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    const events = (sent[0] as { events: Array<{ id: number; value: number }> }).events.filter((e) => e.id === 7);
    expect(events).toHaveLength(MAX_QUEUED_EVENTS);
    expect(events[0]!.value).toBe(12);
  });

  it('forgets a dropped subscription and restarts sequence numbers when one is reopened', () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, 'quote', true);
    outbox.push(1, 1, 'old');
    outbox.drop(1);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toHaveLength(0);
    outbox.open(1, 'quote', true);
    outbox.push(1, 2, 'new');
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toEqual([{ t: 'events', events: [{ id: 1, seq: 1, asOf: 2, value: 'new' }] }]);
  });
});

/** An option-chain-like value of about `kb` KB as JSON. */
const bigValue = (tag: number, kb: number) => ({ tag, rows: Array.from({ length: kb * 10 }, (_, i) => ({ strike: i, bid: tag + i / 100, note: 'x'.repeat(70) })) });

describe('Outbox with a large first snapshot', () => {
  it('sends it over several turns in messages that stop taking values at the size limit, with other work running in between', async () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    const values = Array.from({ length: 12 }, (_, i) => bigValue(i, 300));
    values.forEach((value, id) => {
      outbox.open(id, 'optionChain', true);
      outbox.push(id, 1, value);
    });
    const otherWork: number[] = [];
    const ticker = setInterval(() => otherWork.push(sent.length), 0);
    await vi.waitFor(() => expect(sent.flatMap((m) => (m.t === 'events' ? m.events : []))).toHaveLength(12), { timeout: 10_000 });
    clearInterval(ticker);
    expect(sent.length).toBeGreaterThan(1);
    const largest = Math.max(...values.map((v) => JSON.stringify(v).length));
    for (const message of sent) expect(JSON.stringify(message).length).toBeLessThan(MAX_EVENTS_MESSAGE_BYTES + largest + 1024);
    // A timer fired between the first message and the last: the snapshot did not hold the event loop.
    expect(otherWork.some((sentSoFar) => sentSoFar > 0 && sentSoFar < sent.length)).toBe(true);
    expect(sent.flatMap((m) => (m.t === 'events' ? m.events.map((e) => e.value) : []))).toEqual(values);
  });

  it('sends a text transport the same message as JSON text, values and patches serialised once', () => {
    vi.useFakeTimers();
    const objects = fakeTransport();
    const texts: string[] = [];
    const asText: OutboxTransport = { ...fakeTransport().transport, sendJson: (json) => void texts.push(json) };
    const outboxes = [new Outbox(objects.transport), new Outbox(asText)];
    const book = bigValue(1, 2);
    const round = (mutate: () => void) => {
      mutate();
      for (const outbox of outboxes) {
        outbox.push(1, 5, 'small');
        outbox.push(2, 6, book);
        outbox.push(3, 7, { sweep: 1 });
      }
      vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    };
    for (const outbox of outboxes) {
      outbox.open(1, 'quote', true);
      outbox.open(2, 'book', true);
      outbox.open(3, 'sweeps', false);
    }
    round(() => undefined); // first values whole
    round(() => (book.rows[3]!.bid = 99)); // a patch
    round(() => undefined); // unchanged
    expect(texts.map((text) => JSON.parse(text) as unknown)).toEqual(JSON.parse(JSON.stringify(objects.sent)));
    expect((objects.sent[1] as { events: Array<{ patch?: unknown }> }).events[1]!.patch).toBeDefined();
    vi.useRealTimers();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

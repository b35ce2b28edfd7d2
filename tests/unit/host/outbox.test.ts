import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_INTERVAL_MS, HIGH_WATER_BYTES, Outbox, type OutboxTransport } from '../../../core/host/outbox';
import type { ServerMessage } from '../../../core/host/protocol';

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
    outbox.open(1, true);
    outbox.open(2, true);
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
    outbox.open(1, true);
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
    outbox.open(7, false);
    outbox.push(7, 1, 's1');
    outbox.push(7, 2, 's2');
    vi.advanceTimersByTime(1);
    expect(sent[0]).toEqual({ t: 'events', events: [{ id: 7, seq: 1, asOf: 1, value: 's1' }, { id: 7, seq: 2, asOf: 2, value: 's2' }] });
  });

  it('holds back while the peer is slow and then sends only the newest value', () => {
    const { transport, sent, setBacklog } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, true);
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

  it('forgets a dropped subscription and restarts sequence numbers when one is reopened', () => {
    const { transport, sent } = fakeTransport();
    const outbox = new Outbox(transport);
    outbox.open(1, true);
    outbox.push(1, 1, 'old');
    outbox.drop(1);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toHaveLength(0);
    outbox.open(1, true);
    outbox.push(1, 2, 'new');
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(sent).toEqual([{ t: 'events', events: [{ id: 1, seq: 1, asOf: 2, value: 'new' }] }]);
  });
});

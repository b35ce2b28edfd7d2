import { describe, expect, it } from 'vitest';
import { readableMessage, UnreadableMessage } from '../../../core/contract/protocol';

describe('readableMessage (the frame limits, for IPC)', () => {
  it('passes a message within the limit unchanged', () => {
    const message = { t: 'call', id: 1, command: 'getSession', input: {} };
    expect(readableMessage(message, 1024)).toBe(message);
  });

  it('refuses a message over the limit, saying its size and the limit', () => {
    const refused = readableMessage({ t: 'call', id: 1, command: 'getSession', input: { pad: 'x'.repeat(2000) } }, 1024);
    expect(refused).toBeInstanceOf(UnreadableMessage);
    expect((refused as UnreadableMessage).reason).toMatch(/^\d+ bytes, over the 1024-byte limit$/);
  });

  it('refuses data JSON cannot carry (a cycle) by name', () => {
    const cyclic: Record<string, unknown> = { t: 'call' };
    cyclic.self = cyclic;
    expect((readableMessage(cyclic, 1024) as UnreadableMessage).reason).toMatch(/^not JSON data \(.*circular/i);
  });
});

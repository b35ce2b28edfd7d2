import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConnectionTime, negotiateVersion, parseVersionOffer } from '../../../../core/sim/gateway/wire/handshake';
import { FrameReader } from '../../../../core/sim/gateway/wire/frameReader';
import { OrderIdStore } from '../../../../core/sim/gateway/orders/orderIdStore';

describe('version negotiation', () => {
  it('picks the highest common version for any client range within 100..193', () => {
    expect(negotiateVersion(parseVersionOffer('v100..193') as never)).toBe(193);
    expect(negotiateVersion(parseVersionOffer('v157..178') as never)).toBe(178);
    expect(negotiateVersion(parseVersionOffer('v100..200 +PACEAPI') as never)).toBe(193);
    expect(negotiateVersion(parseVersionOffer('v150') as never)).toBe(150);
    expect(negotiateVersion(parseVersionOffer('v100..193') as never, 157)).toBe(157);
  });

  it('refuses ranges that do not overlap and malformed offers', () => {
    expect(negotiateVersion(parseVersionOffer('v194..200') as never)).toMatchObject({ error: expect.any(String) });
    expect(parseVersionOffer('hello')).toMatchObject({ error: expect.any(String) });
  });

  it('formats the connection time as TWS does, in New York time', () => {
    expect(formatConnectionTime(Date.UTC(2025, 0, 6, 14, 30, 0))).toBe('20250106 09:30:00 EST');
    expect(formatConnectionTime(Date.UTC(2025, 6, 1, 13, 30, 0))).toBe('20250701 09:30:00 EDT');
  });
});

describe('frame reader', () => {
  it('reassembles the handshake and frames split at arbitrary byte boundaries', () => {
    const hello = Buffer.concat([Buffer.from('API\0'), Buffer.from([0, 0, 0, 9]), Buffer.from('v100..193')]);
    const body = Buffer.from('71\x002\x005\x00\x00', 'latin1');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const all = Buffer.concat([hello, head, body]);
    const reader = new FrameReader();
    const events = [...all].flatMap((b) => reader.push(Buffer.from([b])));
    expect(events).toEqual([{ kind: 'hello', versionText: 'v100..193' }, { kind: 'frame', fields: ['71', '2', '5', ''] }]);
  });

  it('reports a connection that does not start with API\\0 and an oversized frame as fatal', () => {
    expect(new FrameReader().push(Buffer.from('GET / HTTP/1.1'))[0]).toMatchObject({ kind: 'violation', fatal: true });
    const reader = new FrameReader();
    reader.push(Buffer.concat([Buffer.from('API\0'), Buffer.from([0, 0, 0, 4]), Buffer.from('v100')]));
    expect(reader.push(Buffer.from([0x7f, 0, 0, 0]))[0]).toMatchObject({ kind: 'violation', fatal: true });
  });
});

describe('order id store', () => {
  it('persists the high-water mark per clientId and hands out ids above both used and issued ids', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ids-'));
    const a = new OrderIdStore(dir);
    a.markUsed(1, 40);
    expect(a.issue(1)).toBe(41);
    expect(a.issue(1)).toBe(42);
    expect(a.nextValidId(2)).toBe(1);
    const b = new OrderIdStore(dir);
    expect(b.isUsed(1, 40)).toBe(true);
    expect(b.isUsed(1, 41)).toBe(false);
    expect(b.nextValidId(1)).toBe(43);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSession, SessionFileError, streamSessionFile } from '../../../../core/sim/replay';

const HEADER = { type: 'header', format: 'alphatrader-session', version: 1, startTs: 0, symbols: [] };

function writeSession(lines: unknown[], tail = '\n'): { file: string; text: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'session-stream-')), 'day.jsonl');
  const text = lines.map((l) => JSON.stringify(l)).join('\n') + tail;
  fs.writeFileSync(file, text);
  return { file, text };
}

/** Episodes with non-ASCII text, so lines and multi-byte characters cross the reader's 1 MB chunks. */
const episodes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ t: i, type: 'episode', data: { kind: 'informed', symbol: 'SPY', startTs: i, detail: { note: `é→€ ${'ü'.repeat(i % 97)}` } } }));

describe('a session file read as it plays', () => {
  it('gives the same events as reading it whole, across chunk boundaries and split characters', () => {
    // The first chunk (1 MiB) ends inside a '€' (3 bytes in UTF-8): a run of them starts one byte past a multiple of 3.
    const prefix = `${JSON.stringify(HEADER)}\n${JSON.stringify(episodes(1)[0]!).split('é→€')[0]}`;
    const pad = 'a'.repeat(((1 << 20) - Buffer.byteLength(prefix) - 1) % 3);
    const long = { t: 0, type: 'episode', data: { kind: 'informed', symbol: 'SPY', startTs: 0, detail: { note: `${pad}${'€'.repeat(400_000)}` } } };
    const { file, text } = writeSession([HEADER, long, ...episodes(20_000)], '');
    expect(fs.statSync(file).size).toBeGreaterThan(2 * (1 << 20));
    const streamed = streamSessionFile(file);
    expect(streamed.startTs).toBe(0);
    expect([...streamed.events()]).toEqual(parseSession(text).events);
  });

  it('refuses a file without a session header at once', () => {
    const { file } = writeSession([{ t: 1, type: 'bar' }]);
    expect(() => streamSessionFile(file)).toThrow(new SessionFileError("line 1: not a session header (type: Invalid input: expected \"header\")"));
  });

  it('stops at the first malformed event, naming its line, after the events before it', () => {
    const { file } = writeSession([HEADER, ...episodes(3), { t: 5, type: 'quote', data: { symbol: 'SPY' } }, ...episodes(2)]);
    const seen: number[] = [];
    expect(() => {
      for (const e of streamSessionFile(file).events()) seen.push(e.t);
    }).toThrow(/^line 5: data\.bid: /);
    expect(seen).toEqual([0, 1, 2]);
  });
});

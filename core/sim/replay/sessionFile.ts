import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import type { ReplayEvent, ReplaySession } from './replayEvents';
import { sessionEvent as event, sessionHeader as header } from './sessionSchema';

/** A recorded-session file that does not parse; the message names the line. */
export class SessionFileError extends Error {}

function parseLine(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SessionFileError(`line ${lineNo}: not JSON`);
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/** Why an event would not read back from a session file (the field and the problem), null when it would. */
export function sessionEventProblem(value: unknown): string | null {
  const parsed = event.safeParse(value);
  return parsed.success ? null : describe(parsed.error);
}

/** Parses and validates a recorded session (JSON lines as recordSession writes them). */
export function parseSession(text: string): ReplaySession {
  const lines = text.split('\n');
  const first = header.safeParse(parseLine(lines[0] ?? '', 1));
  if (!first.success) throw new SessionFileError(`line 1: not a session header (${describe(first.error)})`);
  const events: ReplayEvent[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text === '') continue;
    const parsed = event.safeParse(parseLine(text, i + 1));
    if (!parsed.success) throw new SessionFileError(`line ${i + 1}: ${describe(parsed.error)}`);
    const e = parsed.data as ReplayEvent;
    const previous = events.at(-1);
    if (previous && e.t < previous.t) throw new SessionFileError(`line ${i + 1}: time ${e.t} goes back before ${previous.t}`);
    events.push(e);
  }
  return { startTs: first.data.startTs, symbols: first.data.symbols, events };
}

export function readSessionFile(path: string): ReplaySession {
  return parseSession(fs.readFileSync(path, 'utf8'));
}

/** A session file read as it is played: its header at once, its events line by line (a day is too big for one string). */
export interface StreamedSession {
  startTs: number;
  symbols: ReplaySession['symbols'];
  /** The events in file order; throws SessionFileError at the first line that does not parse or goes back in time. */
  events(): Generator<ReplayEvent>;
}

const CHUNK_BYTES = 1 << 20;

function* fileLines(path: string): Generator<string> {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8'); // a character split between two chunks is kept whole
    let rest = '';
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop() as string;
      yield* lines;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a recorded session for streaming; the header is checked now (SessionFileError), each event as it is read. */
export function streamSessionFile(path: string): StreamedSession {
  const lines = fileLines(path);
  const first = header.safeParse(parseLine(lines.next().value ?? '', 1));
  lines.return(undefined);
  if (!first.success) throw new SessionFileError(`line 1: not a session header (${describe(first.error)})`);
  return {
    startTs: first.data.startTs,
    symbols: first.data.symbols,
    *events() {
      let lineNo = 0;
      let previous = -Infinity;
      for (const line of fileLines(path)) {
        lineNo++;
        const text = line.trim();
        if (lineNo === 1 || text === '') continue;
        const parsed = event.safeParse(parseLine(text, lineNo));
        if (!parsed.success) throw new SessionFileError(`line ${lineNo}: ${describe(parsed.error)}`);
        if (parsed.data.t < previous) throw new SessionFileError(`line ${lineNo}: time ${parsed.data.t} goes back before ${previous}`);
        previous = parsed.data.t;
        yield parsed.data as ReplayEvent;
      }
    },
  };
}

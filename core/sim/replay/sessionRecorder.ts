import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { MarketEventMap, MarketFeed } from '../market/marketFeed';
import type { ReplayEvent, SessionHeader } from './replayEvents';

export interface RecorderOptions {
  /** Snapshot these underlyings' option chains every `optionsEveryMs` of market time (default: none). */
  optionUnderlyings?: string[];
  optionsEveryMs?: number;
  /** Record depth books (default true; they dominate the file size). */
  depth?: boolean;
}

export interface SessionRecorder {
  /** Lines written so far, header included. */
  lines(): number;
  /** Stops listening and closes the file; resolves when everything is on disk. */
  stop(): Promise<void>;
}

/**
 * Writes a MarketFeed's events as a recorded session: JSON lines, a header first, then one
 * `{"t","type","data"}` per event in the order they happened. Replay it with createSessionReplay.
 */
export function recordSession(feed: MarketFeed, target: string | Writable, options: RecorderOptions = {}): SessionRecorder {
  const out = typeof target === 'string' ? fs.createWriteStream(target) : target;
  let lines = 0;
  const write = (value: SessionHeader | ReplayEvent): void => {
    out.write(`${JSON.stringify(value)}\n`);
    lines++;
  };
  write({ type: 'header', format: 'alphatrader-session', version: 1, startTs: feed.now(), symbols: feed.symbols() });

  const underlyings = options.optionUnderlyings ?? [];
  const every = options.optionsEveryMs ?? 0;
  let lastOptions = -Infinity;
  const snapshotOptions = (): void => {
    const t = feed.now();
    if (underlyings.length === 0 || every <= 0 || t - lastOptions < every) return;
    lastOptions = t;
    for (const underlying of underlyings) write({ t, type: 'options', underlying, data: feed.optionChain(underlying) });
  };
  snapshotOptions();

  const listeners: { [K in keyof MarketEventMap]?: (...args: MarketEventMap[K]) => void } = {
    quote: (data) => write({ t: feed.now(), type: 'quote', data }),
    trade: (data) => write({ t: feed.now(), type: 'trade', data }),
    bar: (data) => {
      write({ t: feed.now(), type: 'bar', data });
      snapshotOptions();
    },
    episode: (data) => write({ t: feed.now(), type: 'episode', data }),
  };
  if (options.depth !== false) listeners.depth = (data) => write({ t: feed.now(), type: 'depth', data });
  for (const [event, listener] of Object.entries(listeners)) feed.on(event as keyof MarketEventMap, listener as never);

  return {
    lines: () => lines,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const [event, listener] of Object.entries(listeners)) feed.off(event as keyof MarketEventMap, listener as never);
        out.once('error', reject);
        out.end(() => resolve());
      }),
  };
}

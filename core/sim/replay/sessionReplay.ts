import { ReplayFeed } from './replayFeed';
import { parseSession, readSessionFile } from './sessionFile';

export interface SessionReplayOptions {
  /** A file written by recordSession… */
  path?: string;
  /** …or its text. */
  text?: string;
  /** Pace under start(): 1 is the recorded speed. */
  speed?: number;
}

/** A recorded session as a MarketFeed the gateway and the endpoint can serve instead of the model. */
export function createSessionReplay(options: SessionReplayOptions): ReplayFeed {
  if (options.path === undefined && options.text === undefined) throw new Error('createSessionReplay needs a path or text');
  const session = options.path !== undefined ? readSessionFile(options.path) : parseSession(options.text as string);
  return new ReplayFeed(session, options.speed ?? 1);
}

export { createSessionReplay, type SessionReplayOptions } from './sessionReplay';
export { createLobsterReplay, type LobsterReplayOptions } from './lobsterReplay';
export { recordSession, type RecorderOptions, type SessionRecorder } from './sessionRecorder';
export { ReplayFeed } from './replayFeed';
export { parseSession, readSessionFile, SessionFileError, sessionEventProblem, streamSessionFile, type StreamedSession } from './sessionFile';
export { LobsterFormatError, parseLobsterMessages, parseLobsterOrderbook } from './lobsterFiles';
export type { ReplayEvent, ReplaySession, SessionHeader } from './replayEvents';

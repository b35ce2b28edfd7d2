/**
 * What one client may ask of the contract. Each refusal has a clear error and is counted in monitoring:bad_input.
 * The cockpit needs far less: about 30 subscriptions, a few messages a second, messages under 1 KB.
 */

/** WebSocket connections served at once (cockpit tabs, scripts); one more is closed with code 1013 and the reason. */
export const MAX_CONNECTIONS = 16;

/** Subscriptions one connection may hold; every stream of 30 symbols fits (7 per symbol + 5 global). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 256;

/** Largest message a client may send: a WebSocket frame above it closes the connection with code 1009. */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * Messages a connection may send: a burst of MESSAGE_BURST (a reconnect resubscribes everything at once), then
 * MESSAGES_PER_SECOND. Unsubscribing and setTradingState (the kill switch) are never refused for rate.
 */
export const MESSAGES_PER_SECOND = 200;
export const MESSAGE_BURST = 500;

/** An `events` message takes stream values until it holds this many bytes (one larger value travels alone). */
export const MAX_EVENTS_MESSAGE_BYTES = 256 * 1024;

/**
 * Time all connections together may spend encoding stream values per event-loop turn; the rest waits for the next
 * turn, so health checks and the kill switch are answered in between however large a snapshot is.
 */
export const ENCODE_BUDGET_MS = 8;

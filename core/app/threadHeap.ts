import v8 from 'node:v8';

/**
 * The engine's thread starts with a small young generation (`--max-semi-space-size`, scripts/engineFlags.mjs), so
 * its scavenges stay short for the event loop. A worker thread parses megabytes of chain JSON or history at a time and
 * would pay for that small size in scavenges, so a thread started after this call gets V8's default young
 * generation back (0: the flag unset). V8 reads the flag when it configures each new isolate's heap.
 */
export function defaultYoungGenerationForNewThreads(): void {
  v8.setFlagsFromString('--max-semi-space-size=0');
}

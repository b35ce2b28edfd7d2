// V8 flags every engine process starts with: node (web mode, tests, benchmarks) and Electron (as --js-flags).
//
// --no-memory-reducer: once allocation calms down (after start-up, after a round of chain refreshes) V8's memory
// reducer runs up to three compacting full collections on the engine's thread, 6-17 ms each, to hand memory back.
// A workstation has the memory; the event loop (the kill switch, the order path) needs those milliseconds. It must be
// given on the command line: set at run time it does not reach the main isolate.
// --max-semi-space-size=4: the engine's thread allocates little, so with V8's default 16 MB semi-space a scavenge comes
// seldom and copies every result held since the last one (5-12 ms); at 4 MB they stay under ~5 ms. Worker threads get
// the default back (core/app/threadHeap.ts). Figures and the cost in docs/decisions/0016-engine-v8-flags.md.
export const ENGINE_V8_FLAGS = ['--no-memory-reducer', '--max-semi-space-size=4'];

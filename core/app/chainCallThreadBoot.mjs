// The chain reader's thread where the app runs from its TypeScript source (development, tests): tsx compiles it.
// Built apps start dist/chainCallThread.cjs instead (scripts/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./chainCallThread.ts', import.meta.url);

// The analytics thread where the app runs from its TypeScript source (development, tests): tsx compiles it.
// Built apps start dist/analyticsThread.cjs instead (scripts/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./analyticsThread.ts', import.meta.url);

// Parameter discovery's thread where the app runs from its TypeScript source (development, tests): tsx compiles it.
// Built apps start dist/discoveryThread.cjs instead (scripts/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./discoveryThread.ts', import.meta.url);

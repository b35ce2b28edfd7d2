// The chain-rows worker where the app runs from its TypeScript source (development, tests): tsx compiles it.
// Built apps start dist/chainRowsWorker.cjs instead (scripts/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./chainRowsWorker.ts', import.meta.url);

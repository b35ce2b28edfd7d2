import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The market-model tests simulate hours of market in a few seconds; on a loaded machine that takes longer.
      // Vitest's default is one worker fewer than the cores: a single worker on the 2-core CI machine.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, maxWorkers: 2 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: each starts its own redis-server, engine and gateways on free ports in temporary
          // dirs, and most of a file's time is spent waiting on them, not computing.
          maxWorkers: 2,
          // Engine processes run from a bundle built once for the run (tests/support/engineBundle.ts).
          globalSetup: ['tests/support/engineBundleSetup.ts'],
        },
      },
    ],
  },
});
